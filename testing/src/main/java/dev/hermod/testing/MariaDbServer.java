package dev.hermod.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real MariaDB (or MySQL-compatible) server for tests, in a temporary directory, listening on 127.0.0.1
 * only, with its socket in that directory.
 *
 * <pre>{@code
 * MariaDbServer db = MariaDbServer.shared();   // started once per JVM, stopped when the JVM exits
 * MariaDbDataSource ds = new MariaDbDataSource(db.jdbcUrl());
 * ds.setUser(db.user());
 * ds.setPassword(db.password());
 * }</pre>
 *
 * <p>It runs the installed programs: the server {@code mariadbd} (or {@code mysqld}), the initializer
 * {@code mariadb-install-db} (or {@code mysql_install_db}) and the client {@code mariadb} (or
 * {@code mysql}), found on {@code PATH}, in {@code /usr/sbin}, {@code /usr/bin}, {@code /usr/local/bin}
 * or {@code /usr/local/mysql/bin}. If there are none it throws, telling to install Debian's
 * {@code mariadb-server} package: tests that need MariaDB fail rather than skip. As root the programs run
 * as the system user {@value #OS_USER} (created if missing), who then owns the temporary directory; that
 * user, authenticated by the socket's peer credentials, creates the database and its user.
 *
 * <p>The server reads no option file ({@code --no-defaults}), uses {@code utf8mb4}, skips name resolution
 * and has one database {@value #DATABASE} on which the ordinary user {@value #USER} (random password, from
 * 127.0.0.1 and localhost) has all privileges. {@link #close()} stops the server by its own process id
 * ({@code SIGTERM}, then {@code SIGKILL} after 30 s) and deletes the directory; a JVM shutdown hook does
 * the same for servers never closed.
 */
public final class MariaDbServer implements AutoCloseable {

    /** The user tests log in as: all privileges on {@link #DATABASE} only. */
    public static final String USER = "hermod";
    /** The database created for tests. */
    public static final String DATABASE = "hermod";
    /** The system user the server runs as when the JVM runs as root. */
    public static final String OS_USER = PostgresServer.OS_USER;

    private static final String HOST = "127.0.0.1";
    private static final int LOG_TAIL_LINES = 40;
    private static final int START_ATTEMPTS = 3;
    private static final long START_TIMEOUT_MS = 60_000;

    private static MariaDbServer shared;

    private final Path directory;
    private final Path data;
    private final Path socket;
    private final Path log;
    private final Path pidFile;
    private final Exec exec;
    private final Binaries binaries;
    private final String osUser;
    private final String password;
    private final int port;
    private final long pid;
    private final Thread shutdownHook;
    private boolean closed;

    /** The programs found. */
    record Binaries(Path server, Path installDb, Path client) {
    }

    private MariaDbServer(Path directory, Exec exec, Binaries binaries, String osUser) {
        this.directory = directory;
        this.data = directory.resolve("data");
        this.socket = directory.resolve("mysqld.sock");
        this.log = directory.resolve("mariadbd.log");
        this.pidFile = directory.resolve("mariadbd.pid");
        this.exec = exec;
        this.binaries = binaries;
        this.osUser = osUser;
        this.password = PeerSupport.randomPassword();
        installDb();
        long[] started = startOnFreePort();
        this.port = (int) started[0];
        this.pid = started[1];
        try {
            createUserAndDatabase();
        } catch (RuntimeException e) {
            kill(pid);
            throw e;
        }
        this.shutdownHook = new Thread(this::stop, "mariadb-server-stop-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * The server shared by every test of this JVM, started on first use and stopped when the JVM exits.
     *
     * @return the running server, never {@code null}
     * @throws IllegalStateException if MariaDB is not installed or does not start; the message says why
     *                               and includes the end of the server's log
     */
    public static synchronized MariaDbServer shared() {
        if (shared == null || shared.closed) {
            shared = start();
        }
        return shared;
    }

    /**
     * Starts a new server, which the caller closes.
     *
     * @return the running server, never {@code null}
     * @throws IllegalStateException if MariaDB is not installed or does not start
     */
    public static MariaDbServer start() {
        Binaries binaries = findBinaries(System.getenv("PATH"));
        Path directory;
        try {
            // Short: a Unix socket path has at most 107 bytes.
            directory = Files.createTempDirectory(Path.of("/tmp"), "hermod-mdb-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for MariaDB", e);
        }
        try {
            boolean root = (Integer) Files.getAttribute(directory, "unix:uid") == 0;
            Exec exec = Exec.forDirectory(directory, OS_USER);
            return new MariaDbServer(directory, exec, binaries, root ? OS_USER : System.getProperty("user.name"));
        } catch (IOException e) {
            PeerSupport.deleteTree(directory);
            throw new UncheckedIOException("cannot prepare " + directory + " for MariaDB", e);
        } catch (RuntimeException e) {
            PeerSupport.deleteTree(directory);
            throw e;
        }
    }

    /** @return {@code 127.0.0.1} */
    public String host() {
        return HOST;
    }

    /** @return the TCP port the server listens on */
    public int port() {
        return port;
    }

    /** @return {@value #DATABASE} */
    public String database() {
        return DATABASE;
    }

    /** @return {@value #USER} */
    public String user() {
        return USER;
    }

    /** @return the password of {@link #user()} */
    public String password() {
        return password;
    }

    /** @return {@code jdbc:mariadb://127.0.0.1:<port>/hermod} */
    public String jdbcUrl() {
        return "jdbc:mariadb://" + HOST + ":" + port + "/" + DATABASE;
    }

    /** @return the process id of the server */
    public long pid() {
        return pid;
    }

    /** @return the server's error log */
    public Path log() {
        return log;
    }

    /** @return the temporary directory holding the data, socket and log */
    public Path directory() {
        return directory;
    }

    /** Stops the server and deletes its directory; idempotent. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs or ran: nothing to remove
        }
    }

    private synchronized void stop() {
        if (closed) {
            return;
        }
        closed = true;
        kill(pid);
        PeerSupport.deleteTree(directory);
    }

    /** SIGTERM (a clean InnoDB shutdown), then SIGKILL if it is still running after 30 s. */
    private static void kill(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        if (!waitUntilStopped(pid, 30_000)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            waitUntilStopped(pid, 10_000);
        }
    }

    private static boolean waitUntilStopped(long pid, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (PostgresServer.isRunning(pid)) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !PostgresServer.isRunning(pid);
            }
        }
        return true;
    }

    private void installDb() {
        exec.check(180, binaries.installDb().toString(), "--no-defaults", "--datadir=" + data,
                "--auth-root-authentication-method=socket", "--auth-root-socket-user=" + osUser, "--skip-test-db",
                "--skip-name-resolve", "--innodb-log-file-size=16M", "--innodb-buffer-pool-size=32M");
    }

    /** @return the port and the server's process id */
    private long[] startOnFreePort() {
        String failure = "";
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int candidate = PeerSupport.freePort(HOST);
            Process launcher = launch(candidate);
            long found = waitUntilReady(launcher, candidate);
            if (found > 0) {
                return new long[] {candidate, found};
            }
            failure = "mariadbd did not accept connections on " + HOST + ":" + candidate + " within "
                    + START_TIMEOUT_MS / 1000 + " s";
            readPid().ifPresent(MariaDbServer::kill);
            launcher.destroyForcibly();
            String tail = logTail();
            if (!tail.contains("Address already in use") && !tail.contains("Do you already have another")) {
                break;
            }
        }
        throw new IllegalStateException("MariaDB did not start (" + binaries.server() + ", data " + data + "): " + failure
                + "\n--- last lines of " + log + " ---\n" + logTail());
    }

    private Process launch(int port) {
        List<String> command = new ArrayList<>();
        if (!osUser.equals(System.getProperty("user.name"))) {
            command.addAll(List.of(runuser().toString(), "-u", osUser, "--"));
        }
        command.addAll(List.of(binaries.server().toString(), "--no-defaults", "--datadir=" + data,
                "--socket=" + socket, "--port=" + port, "--bind-address=" + HOST, "--pid-file=" + pidFile,
                "--log-error=" + log, "--tmpdir=" + directory, "--skip-name-resolve", "--skip-log-bin",
                "--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci",
                "--innodb-buffer-pool-size=32M", "--innodb-log-file-size=16M", "--innodb-flush-log-at-trx-commit=2",
                "--max-connections=200"));
        try {
            Files.deleteIfExists(pidFile);
            return new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("stdout.log").toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + binaries.server(), e);
        }
    }

    /** @return the server's pid once it accepts TCP connections, or -1 if it exits or times out */
    private long waitUntilReady(Process launcher, int port) {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            java.util.Optional<Long> pid = readPid();
            if (pid.isPresent() && Files.exists(socket) && accepts(port)) {
                return pid.get();
            }
            if (!launcher.isAlive() && pid.map(p -> !PostgresServer.isRunning(p)).orElse(true)) {
                return -1;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
        return -1;
    }

    private java.util.Optional<Long> readPid() {
        try {
            String text = Files.readString(pidFile).trim();
            return text.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    private void createUserAndDatabase() {
        String sql = "CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
                + " CREATE USER '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + password + "';"
                + " CREATE USER '" + USER + "'@'localhost' IDENTIFIED BY '" + password + "';"
                + " GRANT ALL PRIVILEGES ON " + DATABASE + ".* TO '" + USER + "'@'127.0.0.1';"
                + " GRANT ALL PRIVILEGES ON " + DATABASE + ".* TO '" + USER + "'@'localhost';";
        exec.check(60, binaries.client().toString(), "--no-defaults", "--socket=" + socket, "--user=" + osUser,
                "--batch", "-e", sql);
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String logTail() {
        try {
            if (!Files.exists(log)) {
                return "(no log)";
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** The server, initializer and client, from {@code PATH} or the usual directories. */
    static Binaries findBinaries(String path) {
        List<Path> dirs = new ArrayList<>();
        if (path != null) {
            for (String dir : path.split(":")) {
                if (!dir.isEmpty()) {
                    dirs.add(Path.of(dir));
                }
            }
        }
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin", "/usr/local/mysql/bin",
                "/usr/libexec")) {
            dirs.add(Path.of(dir));
        }
        Path server = first(dirs, "mariadbd", "mysqld");
        Path installDb = first(dirs, "mariadb-install-db", "mysql_install_db");
        Path client = first(dirs, "mariadb", "mysql");
        if (server == null || installDb == null || client == null) {
            throw new IllegalStateException("MariaDB programs were not found (server mariadbd/mysqld: "
                    + (server == null ? "missing" : server) + ", mariadb-install-db/mysql_install_db: "
                    + (installDb == null ? "missing" : installDb) + ", client mariadb/mysql: "
                    + (client == null ? "missing" : client) + ") on PATH or in /usr/sbin, /usr/bin, /usr/local/bin."
                    + " Install Debian's mariadb-server package (apt-get install mariadb-server); the MariaDB tests"
                    + " need a real server.");
        }
        return new Binaries(server, installDb, client);
    }

    private static Path runuser() {
        Path found = first(List.of(Path.of("/usr/sbin"), Path.of("/sbin"), Path.of("/usr/bin"), Path.of("/bin")), "runuser");
        if (found == null) {
            throw new IllegalStateException("runuser not found; install Debian's util-linux package (as root the tests run"
                    + " MariaDB as the user " + OS_USER + ")");
        }
        return found;
    }

    private static Path first(List<Path> dirs, String... names) {
        for (String name : names) {
            for (Path dir : dirs) {
                Path candidate = dir.resolve(name);
                if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }



}
