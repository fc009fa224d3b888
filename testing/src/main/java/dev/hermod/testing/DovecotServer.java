package dev.hermod.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A private Dovecot for tests, from a temporary tree, delivering over LMTP on 127.0.0.1 into Maildirs: the
 * peer Hermod's delivery is compared with.
 *
 * <pre>{@code
 * try (DovecotServer dovecot = DovecotServer.builder().user("alice", "secret").start()) {
 *     // LMTP to dovecot.host():dovecot.lmtpPort()
 *     dovecot.awaitMessages(1, Duration.ofSeconds(10));
 *     List<byte[]> mail = dovecot.messages("alice");
 * }
 * }</pre>
 *
 * <p><b>Instance.</b> {@code dovecot -F -c <dir>/dovecot.conf}, a child process of this JVM, with its own
 * {@code base_dir}, {@code state_dir}, {@code instance_name} and log ({@link #log()}) under the tree; only
 * {@code protocols = lmtp}, listening on a free port of 127.0.0.1 ({@link #lmtpPort()}), no TLS. Users come
 * from a {@code passwd-file} (passdb and userdb; the address's local part is the user name, {@code +detail}
 * is ignored); {@link Builder#authListener()} also opens the authentication service over TCP, for Postfix's
 * SMTP AUTH. Mail goes to {@code maildir:<dir>/mail/<user>/Maildir} with Dovecot's default fsync
 * behaviour. As root, mail is stored as the system user {@value #OS_USER} (created if missing) and the
 * daemons use Debian's {@code dovecot}/{@code dovenull} users; as another user everything runs as that user.
 *
 * <p><b>Programs.</b> Debian's {@code dovecot-core} and {@code dovecot-lmtpd}
 * ({@value #INSTALL_HINT}); without them {@link Builder#start()} throws saying so. {@link #close()} sends
 * SIGTERM to the master (SIGKILL after 10 s) and deletes the tree; a JVM shutdown hook does the same for
 * instances never closed.
 */
public final class DovecotServer implements AutoCloseable {

    /** How to install Dovecot's LMTP server on Debian. */
    public static final String INSTALL_HINT = "apt-get install -y dovecot-core dovecot-lmtpd";
    /** The system user owning the mail when the JVM runs as root. */
    public static final String OS_USER = PostgresServer.OS_USER;

    private static final String HOST = "127.0.0.1";
    private static final int START_ATTEMPTS = 3;
    private static final int LOG_TAIL_LINES = 40;

    private final Path directory;
    private final Path config;
    private final Path log;
    private final Path mail;
    private final Path dovecot;
    private final Map<String, String> users;
    private final String mailUser;
    private final boolean root;
    private Process process;
    private final int port;
    private final boolean authListener;
    private int authPort = -1;
    private final Thread shutdownHook;
    private boolean closed;

    /** Options of a new instance. */
    public static final class Builder {
        private final Map<String, String> users = new LinkedHashMap<>();
        private final List<String> extra = new ArrayList<>();
        private boolean authListener;

        private Builder() {}

        /**
         * Also opens Dovecot's authentication service to clients over TCP on a free port of 127.0.0.1
         * ({@link DovecotServer#authPort()}), for Postfix's {@code smtpd_sasl_type = dovecot} with
         * {@code smtpd_sasl_path = inet:127.0.0.1:<port>}; the users and passwords are those of {@link #user}.
         */
        public Builder authListener() {
            authListener = true;
            return this;
        }

        /** Adds a user with a plaintext password. */
        public Builder user(String name, String password) {
            users.put(name, password);
            return this;
        }

        /** Appends a line to {@code dovecot.conf}, overriding earlier settings. */
        public Builder config(String line) {
            extra.add(line);
            return this;
        }

        /**
         * Starts Dovecot.
         *
         * @throws IllegalStateException if Dovecot or its LMTP server is missing, or it does not start (with the
         *                               end of its log)
         */
        public DovecotServer start() {
            return DovecotServer.start(this);
        }
    }

    /** @return a builder of a new instance */
    public static Builder builder() {
        return new Builder();
    }

    private DovecotServer(Path directory, Builder options, Path dovecot) throws IOException {
        this.directory = directory;
        this.config = directory.resolve("dovecot.conf");
        this.log = directory.resolve("dovecot.log");
        this.mail = directory.resolve("mail");
        this.dovecot = dovecot;
        this.users = Map.copyOf(options.users);
        this.root = PeerPrograms.runsAsRoot(directory);
        this.authListener = options.authListener;
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(mail);
        Files.createDirectories(directory.resolve("run"));
        Files.createDirectories(directory.resolve("state"));
        if (root) {
            // Creates the user if missing and gives it the mail tree.
            Exec.forDirectory(mail, OS_USER);
            mailUser = OS_USER;
        } else {
            mailUser = System.getProperty("user.name");
        }
        StringBuilder passwd = new StringBuilder();
        options.users.forEach((name, password) -> passwd.append(name).append(":{PLAIN}").append(password).append("::::::\n"));
        Files.writeString(directory.resolve("users"), passwd.toString(), StandardCharsets.UTF_8);
        this.port = startOnFreePort(options.extra);
        this.shutdownHook = new Thread(this::stop, "dovecot-stop-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private static DovecotServer start(Builder options) {
        Path dovecot = PeerPrograms.find("dovecot");
        if (dovecot == null || !Files.isExecutable(Path.of("/usr/lib/dovecot/lmtp"))) {
            throw new IllegalStateException("Dovecot or its LMTP server (/usr/lib/dovecot/lmtp) not found; the tests need"
                    + " a real Dovecot: " + INSTALL_HINT);
        }
        Path directory;
        try {
            directory = Files.createTempDirectory(Path.of("/tmp"), "hermod-dovecot-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for Dovecot", e);
        }
        try {
            return new DovecotServer(directory, options, dovecot);
        } catch (IOException e) {
            PeerSupport.deleteTree(directory);
            throw new UncheckedIOException("cannot prepare " + directory + " for Dovecot", e);
        } catch (RuntimeException e) {
            PeerSupport.deleteTree(directory);
            throw e;
        }
    }

    /** @return {@code 127.0.0.1} */
    public String host() {
        return HOST;
    }

    /** @return the LMTP port */
    public int lmtpPort() {
        return port;
    }

    /**
     * @return the TCP port of the authentication service (Dovecot's auth client protocol)
     * @throws IllegalStateException if the instance was built without {@link Builder#authListener()}
     */
    public int authPort() {
        if (authPort < 0) {
            throw new IllegalStateException("this Dovecot has no auth listener: build it with authListener()");
        }
        return authPort;
    }

    /** @return the log file */
    public Path log() {
        return log;
    }

    /** @return the temporary tree */
    public Path directory() {
        return directory;
    }

    /** @return the master's process id */
    public long pid() {
        return process.pid();
    }

    /** @return {@code user}'s Maildir (it exists once something was delivered) */
    public Path maildir(String user) {
        return mail.resolve(user).resolve("Maildir");
    }

    /** @return how many complete messages {@code user}'s INBOX holds (files in {@code new/} and {@code cur/}) */
    public int count(String user) {
        return files(user).size();
    }

    /** @return the messages in every user's INBOX */
    public int countAll() {
        int n = 0;
        for (String user : users.keySet()) {
            n += count(user);
        }
        return n;
    }

    /**
     * The stored messages of {@code user}'s INBOX in delivery order (Maildir names begin with the time), as
     * Dovecot wrote them: with its {@code Return-Path} and {@code Delivered-To} fields, LF line ends.
     */
    public List<byte[]> messages(String user) {
        List<byte[]> out = new ArrayList<>();
        for (Path p : files(user)) {
            try {
                out.add(Files.readAllBytes(p));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + p, e);
            }
        }
        return out;
    }

    /**
     * Waits until all users' INBOXes hold at least {@code expected} messages in all.
     *
     * @throws IllegalStateException on time-out, with the end of the log
     */
    public void awaitMessages(int expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int n;
        while ((n = countAll()) < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Dovecot holds " + n + " of " + expected + " messages after " + timeout
                        + "\n--- last lines of " + log + " ---\n" + PeerPrograms.tail(log, LOG_TAIL_LINES));
            }
            PeerPrograms.sleep(20);
        }
    }

    /** Stops Dovecot and deletes its tree; idempotent. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs or ran
        }
    }

    private synchronized void stop() {
        if (closed) {
            return;
        }
        closed = true;
        stopProcess();
        PeerSupport.deleteTree(directory);
    }

    private void stopProcess() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private List<Path> files(String user) {
        List<Path> out = new ArrayList<>();
        for (String sub : List.of("cur", "new")) {
            Path dir = maildir(user).resolve(sub);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(Files::isRegularFile).forEach(out::add);
            } catch (IOException e) {
                // a file renamed from new/ to cur/ meanwhile: counted at the next look
            }
        }
        out.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return out;
    }

    private String conf(int port, List<String> extra) {
        String d = directory.toString();
        List<String> lines = new ArrayList<>(List.of(
                "# Private Dovecot instance of Hermod's tests",
                "instance_name = hermod-dovecot-" + port,
                "base_dir = " + d + "/run",
                "state_dir = " + d + "/state",
                "protocols = lmtp",
                "listen = " + HOST,
                "log_path = " + log,
                "ssl = no",
                "disable_plaintext_auth = no",
                "auth_mechanisms = plain",
                "mail_location = maildir:" + mail + "/%n/Maildir",
                "mail_uid = " + mailUser,
                "mail_gid = " + mailUser,
                "first_valid_uid = 1",
                "first_valid_gid = 1",
                "postmaster_address = postmaster@example.org",
                "recipient_delimiter = +",
                "passdb {",
                "  driver = passwd-file",
                "  args = scheme=PLAIN username_format=%n " + d + "/users",
                "}",
                "userdb {",
                "  driver = passwd-file",
                "  args = username_format=%n " + d + "/users",
                "  default_fields = home=" + mail + "/%n",
                "}",
                "service lmtp {",
                "  inet_listener lmtp {",
                "    address = " + HOST,
                "    port = " + port,
                "  }",
                "}"));
        if (authListener) {
            lines.addAll(List.of(
                    "service auth {",
                    "  inet_listener auth-inet {",
                    "    address = " + HOST,
                    "    port = " + authPort,
                    "  }",
                    "}"));
        }
        if (!root) {
            lines.addAll(List.of("default_internal_user = " + mailUser, "default_internal_group = " + mailUser,
                    "default_login_user = " + mailUser));
        }
        lines.addAll(extra);
        lines.add("");
        return String.join("\n", lines);
    }

    private int startOnFreePort(List<String> extra) throws IOException {
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int candidate = PeerSupport.freePort(HOST);
            if (authListener) {
                do {
                    authPort = PeerSupport.freePort(HOST);
                } while (authPort == candidate);
            }
            Files.writeString(config, conf(candidate, extra), StandardCharsets.UTF_8);
            process = new ProcessBuilder(dovecot.toString(), "-F", "-c", config.toString())
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("stdout.log").toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            long deadline = System.currentTimeMillis() + 30_000;
            while (process.isAlive() && System.currentTimeMillis() < deadline) {
                if (PeerPrograms.accepts(HOST, candidate) && (!authListener || PeerPrograms.accepts(HOST, authPort))) {
                    return candidate;
                }
                PeerPrograms.sleep(50);
            }
            stopProcess();
            String tail = PeerPrograms.tail(log, LOG_TAIL_LINES) + PeerPrograms.tail(directory.resolve("stdout.log"), 10);
            if (!tail.contains("Address already in use")) {
                break;
            }
        }
        throw new IllegalStateException("Dovecot did not start (" + dovecot + " -F -c " + config + "):\n--- "
                + directory.resolve("stdout.log") + " ---\n" + PeerPrograms.tail(directory.resolve("stdout.log"), 20)
                + "\n--- last lines of " + log + " ---\n" + PeerPrograms.tail(log, LOG_TAIL_LINES));
    }
}
