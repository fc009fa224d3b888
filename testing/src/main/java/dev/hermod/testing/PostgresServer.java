package dev.hermod.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real PostgreSQL server for tests, in a temporary directory, listening on 127.0.0.1 only.
 *
 * <pre>{@code
 * PostgresServer pg = PostgresServer.shared();   // started once per JVM, stopped when the JVM exits
 * PGSimpleDataSource ds = new PGSimpleDataSource();
 * ds.setURL(pg.jdbcUrl());
 * ds.setUser(pg.user());
 * ds.setPassword(pg.password());
 * }</pre>
 *
 * <p>It runs the installed PostgreSQL programs ({@code initdb}, {@code pg_ctl}, {@code postgres},
 * {@code psql}), found on {@code PATH} or in Debian's {@code /usr/lib/postgresql/<version>/bin}, newest
 * first. If there are none it throws, telling to install Debian's {@code postgresql} package: tests that
 * need PostgreSQL fail rather than skip. As root, which PostgreSQL refuses, the programs run as the system
 * user {@value #OS_USER}, created if missing, who then owns the temporary directory.
 *
 * <p>The cluster has {@code fsync} on, password (SCRAM) authentication over TCP, and one database
 * {@value #DATABASE} owned by the ordinary (not superuser) role {@value #USER} with a random password.
 * {@link #close()} stops the server by its data directory ({@code pg_ctl stop -m fast}, then its own
 * process id if that fails) and deletes the directory; a JVM shutdown hook does the same for servers
 * never closed.
 */
public final class PostgresServer implements AutoCloseable {

    /** The role tests log in as: owner of {@link #DATABASE}, not a superuser. */
    public static final String USER = "hermod";
    /** The database created for tests. */
    public static final String DATABASE = "hermod";
    /** The system user the server runs as when the JVM runs as root. */
    public static final String OS_USER = "hermodtest";

    private static final String HOST = "127.0.0.1";
    private static final int LOG_TAIL_LINES = 40;
    private static final int START_ATTEMPTS = 3;

    private static PostgresServer shared;

    private final Path directory;
    private final Path data;
    private final Path log;
    private final Exec exec;
    private final PostgresBinaries binaries;
    private final String password;
    private final int port;
    private final long pid;
    private final Thread shutdownHook;
    private boolean closed;

    private PostgresServer(Path directory, Exec exec, PostgresBinaries binaries) {
        this.directory = directory;
        this.data = directory.resolve("data");
        this.log = directory.resolve("postgres.log");
        this.exec = exec;
        this.binaries = binaries;
        this.password = PeerSupport.randomPassword();
        initdb();
        this.port = startOnFreePort();
        try {
            this.pid = readPid();
            createUserAndDatabase();
        } catch (RuntimeException e) {
            exec.run(60, binaries.pgCtl().toString(), "stop", "-D", data.toString(), "-m", "immediate");
            throw e;
        }
        this.shutdownHook = new Thread(this::stop, "postgres-server-stop-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * The server shared by every test of this JVM, started on first use and stopped when the JVM exits.
     *
     * @return the running server, never {@code null}
     * @throws IllegalStateException if PostgreSQL is not installed or does not start; the message says
     *                               why and includes the end of the server's log
     */
    public static synchronized PostgresServer shared() {
        if (shared == null || shared.closed) {
            shared = start();
        }
        return shared;
    }

    /**
     * Starts a new server, which the caller closes.
     *
     * @return the running server, never {@code null}
     * @throws IllegalStateException if PostgreSQL is not installed or does not start
     */
    public static PostgresServer start() {
        PostgresBinaries binaries = PostgresBinaries.find();
        Path directory;
        try {
            directory = Files.createTempDirectory("hermod-pg-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for PostgreSQL", e);
        }
        try {
            return new PostgresServer(directory, Exec.forDirectory(directory, OS_USER), binaries);
        } catch (IOException e) {
            PeerSupport.deleteTree(directory);
            throw new UncheckedIOException("cannot prepare " + directory + " for PostgreSQL", e);
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

    /** @return {@code jdbc:postgresql://127.0.0.1:<port>/hermod} */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + DATABASE;
    }

    /** @return the process id of the postmaster */
    public long pid() {
        return pid;
    }

    /** @return the server's log file */
    public Path log() {
        return log;
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
        Exec.Result stopped = exec.run(90, binaries.pgCtl().toString(), "stop", "-D", data.toString(), "-m", "fast",
                "-w", "-t", "60");
        // pg_ctl returns once postmaster.pid is gone, a moment before the process exits.
        if (stopped.status() != 0 || !waitUntilStopped(pid, 10_000)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            waitUntilStopped(pid, 10_000);
        }
        PeerSupport.deleteTree(directory);
    }

    /** Whether a process runs; a zombie (exited, not yet reaped by its new parent) does not. */
    static boolean isRunning(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
                return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }
        return false;
    }

    private static boolean waitUntilStopped(long pid, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (isRunning(pid)) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !isRunning(pid);
            }
        }
        return true;
    }

    private void initdb() {
        Path pwfile = directory.resolve("superuser.pw");
        try {
            Files.writeString(pwfile, PeerSupport.randomPassword() + "\n", StandardCharsets.US_ASCII);
            exec.own(pwfile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + pwfile, e);
        }
        exec.check(180, binaries.initdb().toString(), "-D", data.toString(), "-U", "postgres", "--pwfile=" + pwfile,
                "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync");
    }

    private int startOnFreePort() {
        String failure = "";
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int candidate = PeerSupport.freePort(HOST);
            String options = "-k " + directory + " -h " + HOST + " -p " + candidate + " -c fsync=on";
            Exec.Result started = exec.run(120, binaries.pgCtl().toString(), "start", "-D", data.toString(),
                    "-l", log.toString(), "-w", "-t", "90", "-o", options);
            if (started.status() == 0 && acceptsConnections(candidate)) {
                return candidate;
            }
            failure = started.output();
            String tail = logTail();
            if (!tail.contains("could not bind") && !tail.contains("already in use")) {
                break;
            }
            exec.run(60, binaries.pgCtl().toString(), "stop", "-D", data.toString(), "-m", "immediate");
        }
        throw new IllegalStateException("PostgreSQL did not start (" + binaries.postgres() + ", data " + data + "):\n"
                + failure + "\n--- last lines of " + log + " ---\n" + logTail());
    }

    private void createUserAndDatabase() {
        exec.check(60, binaries.psql().toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", directory.toString(),
                "-p", String.valueOf(port), "-U", "postgres", "-d", "postgres",
                "-c", "CREATE ROLE " + USER + " LOGIN PASSWORD '" + password + "'",
                "-c", "CREATE DATABASE " + DATABASE + " OWNER " + USER);
    }

    private long readPid() {
        try {
            return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("PostgreSQL started but its postmaster.pid is unreadable", e);
        }
    }

    private static boolean acceptsConnections(int port) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, port), 1_000);
                return true;
            } catch (IOException e) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
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



}
