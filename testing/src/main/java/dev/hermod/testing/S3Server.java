package dev.hermod.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real S3-compatible server for tests: s3proxy with its file system backend, run from its
 * jar-with-dependencies in the local Maven repository as a child process listening on 127.0.0.1.
 *
 * <pre>{@code
 * S3Server s3 = S3Server.shared();   // started once per JVM, stopped when the JVM exits
 * S3Client client = S3Client.builder()
 *         .endpointOverride(s3.endpoint()).region(Region.of(s3.region())).forcePathStyle(true)
 *         .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
 *         .build();
 * }</pre>
 *
 * <p>Requests are authenticated (AWS signature v2 or v4) with {@link #accessKey()} and {@link #secretKey()};
 * buckets are created by the client. Objects are files in a temporary directory, removed by {@link #close()}.
 * The jar is {@code org.gaul:s3proxy:2.6.0:jar-with-dependencies} under {@code maven.repo.local} (default
 * {@code ~/.m2/repository}); the system property {@code hermod.s3proxy.jar} names another. The server's
 * output goes to {@link #log()}; a failure to start reports its last lines.
 */
public final class S3Server implements AutoCloseable {

    private static final String VERSION = "2.6.0";
    private static final String REGION = "us-east-1";
    private static final long START_TIMEOUT_MILLIS = 60_000;
    private static final int LOG_TAIL_LINES = 40;

    private static S3Server shared;

    private final Process process;
    private final Path workDirectory;
    private final Path log;
    private final URI endpoint;
    private final String accessKey;
    private final String secretKey;
    private final Thread shutdownHook;

    private S3Server(Process process, Path workDirectory, Path log, URI endpoint, String accessKey, String secretKey) {
        this.process = process;
        this.workDirectory = workDirectory;
        this.log = log;
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.shutdownHook = new Thread(this::stop, "s3proxy-stop-" + process.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * The server shared by every test of this JVM, started at the first call and stopped when the JVM
     * exits. Tests sharing it keep apart with their own bucket or key prefix.
     *
     * @return the running server, never {@code null}
     * @throws IllegalStateException if the server cannot be started; the message has the log's last lines
     */
    public static synchronized S3Server shared() {
        if (shared == null || !shared.process.isAlive()) {
            shared = start();
        }
        return shared;
    }

    /**
     * Starts a server of one's own; {@link #close()} stops it.
     *
     * @return the running server, never {@code null}
     * @throws IllegalStateException if the jar is missing or the server does not start
     */
    public static S3Server start() {
        Path jar = jar();
        for (int attempt = 1; ; attempt++) {
            try {
                return launch(jar);
            } catch (IllegalStateException e) {
                // The free port found may be taken before the server binds it: try another.
                if (attempt == 3 || !String.valueOf(e.getMessage()).contains("Address already in use")) {
                    throw e;
                }
            }
        }
    }

    /** @return the server's base URL, {@code http://127.0.0.1:<port>}; use path-style addressing */
    public URI endpoint() {
        return endpoint;
    }

    /** @return the access key id requests must be signed with */
    public String accessKey() {
        return accessKey;
    }

    /** @return the secret key requests must be signed with */
    public String secretKey() {
        return secretKey;
    }

    /** @return the region to sign requests for ({@code us-east-1}) */
    public String region() {
        return REGION;
    }

    /** @return the file the server's output goes to, in the server's temporary directory */
    public Path log() {
        return log;
    }

    /** @return the process id of the server */
    public long pid() {
        return process.pid();
    }

    /** Stops the server (by its own process id) and removes its data. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down and runs the hook anyway.
        }
    }

    private static S3Server launch(Path jar) {
        Path work;
        try {
            work = Files.createTempDirectory("hermod-s3proxy-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the S3 server", e);
        }
        Path data = work.resolve("data");
        Path properties = work.resolve("s3proxy.properties");
        Path log = work.resolve("s3proxy.log");
        String accessKey = "hermod-test";
        String secretKey = UUID.randomUUID().toString();
        URI endpoint = URI.create("http://127.0.0.1:" + freePort());
        Process process;
        try {
            Files.createDirectories(data);
            Properties config = new Properties();
            config.setProperty("s3proxy.endpoint", endpoint.toString());
            config.setProperty("s3proxy.authorization", "aws-v2-or-v4");
            config.setProperty("s3proxy.identity", accessKey);
            config.setProperty("s3proxy.credential", secretKey);
            config.setProperty("jclouds.provider", "filesystem-nio2");
            config.setProperty("jclouds.filesystem.basedir", data.toString());
            config.setProperty("jclouds.identity", accessKey);
            config.setProperty("jclouds.credential", secretKey);
            try (Writer out = Files.newBufferedWriter(properties, StandardCharsets.UTF_8)) {
                config.store(out, "S3 server for Hermod tests");
            }
            process = new ProcessBuilder(List.of(java(), "-Xmx512m", "-XX:+UseSerialGC", "-jar", jar.toString(),
                    "--properties", properties.toString()))
                    .directory(work.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the S3 server (" + jar + "): " + e, e);
        }
        S3Server server = new S3Server(process, work, log, endpoint, accessKey, secretKey);
        try {
            server.awaitListening();
            return server;
        } catch (IllegalStateException e) {
            server.stopKeepingLog();
            throw e;
        }
    }

    private void awaitListening() {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the S3 server exited with status " + process.exitValue()
                        + " before answering on " + endpoint + "; log " + log + ":\n" + logTail());
            }
            if (answers()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the S3 server", e);
            }
        }
        throw new IllegalStateException("the S3 server did not answer on " + endpoint + " within "
                + START_TIMEOUT_MILLIS / 1000 + " s; log " + log + ":\n" + logTail());
    }

    private boolean answers() {
        try {
            HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2_000);
            try {
                return connection.getResponseCode() > 0; // any answer, typically 403 to an unsigned request
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    private void stop() {
        stopProcess();
        deleteRecursively(workDirectory);
    }

    private void stopKeepingLog() {
        stopProcess();
        deleteRecursively(workDirectory.resolve("data"));
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down.
        }
    }

    private void stopProcess() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static Path jar() {
        String explicit = System.getProperty("hermod.s3proxy.jar");
        if (explicit != null && !explicit.isBlank()) {
            Path jar = Path.of(explicit);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("hermod.s3proxy.jar names " + jar + ", which is not a file");
            }
            return jar;
        }
        String repository = System.getProperty("maven.repo.local");
        Path repo = repository != null && !repository.isBlank() ? Path.of(repository)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
        Path jar = repo.resolve(Path.of("org", "gaul", "s3proxy", VERSION,
                "s3proxy-" + VERSION + "-jar-with-dependencies.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the S3 server's jar is not at " + jar + "; fetch it with `mvn "
                    + "dependency:get -Dartifact=org.gaul:s3proxy:" + VERSION + ":jar:jar-with-dependencies` "
                    + "(or build the testing module), or set -Dhermod.s3proxy.jar=<path>");
        }
        return jar;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A temporary directory; the system cleans it eventually.
        }
    }
}
