package dev.hermod.itests.launch;

import dev.hermod.itests.HermodOptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.Test;

/**
 * Starts the distribution the way an admin does ({@code bin/karaf server}) and logs in over SSH as
 * {@code admin}: the generated or given password, file permissions, the loopback-only SSH port, and the
 * time to "Hermod core: active".
 */
class LauncherIT {

    private static final int SSH_PORT = 8101;

    @Test
    void firstStartGeneratesAnOwnerOnlyAdminPassword() throws Exception {
        Path home = unpack("generated");
        try (RunningDistribution runtime = RunningDistribution.start(home, null)) {
            Path passwordFile = home.resolve("etc/admin.password");
            runtime.awaitAdminAccount();
            assertTrue(Files.isRegularFile(passwordFile), "etc/admin.password written at first start");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)));
            String password = Files.readString(passwordFile).trim();
            assertTrue(password.length() >= 20, "a long random password");

            Path users = home.resolve("etc/users.properties");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(users)));
            String usersText = Files.readString(users);
            assertFalse(usersText.contains(password), "only a hash of the password is stored");
            assertTrue(usersText.lines().anyMatch(l -> l.startsWith("admin = {CRYPT}")), usersText);

            long booted = runtime.awaitStatus(password, "Hermod core: active", Duration.ofSeconds(180));
            System.out.printf("boot to 'Hermod core: active': %.1f s; idle RSS: %d MiB; distribution: %.1f MiB%n",
                    booted / 1000.0, runtime.rssMiB(), Files.size(HermodOptions.distribution().toPath()) / 1048576.0);

            assertThrows(IOException.class, () -> Ssh.run("admin", "wrong-password", "hermod:status"));
            assertSshOnLoopbackOnly();

            // bin/hermod-cli reaches the admin API with the password of etc/admin.password, and takes a backup
            String cliStatus = cli(home, null, "status");
            assertTrue(cliStatus.startsWith("0\n") && cliStatus.contains("Admin API at http://127.0.0.1:8080/admin/api"),
                    cliStatus);
            Path backup = home.resolve("backup.zip");
            String cliBackup = cli(home, null, "backup", backup.toString());
            assertTrue(cliBackup.startsWith("0\n"), cliBackup);
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(backup.toFile())) {
                assertTrue(zip.getEntry("hermod-backup.properties") != null, "the archive's manifest");
            }
            String refused = cli(home, "wrong-password", "status");
            assertTrue(refused.startsWith("3\n"), "exit code 3 for refused credentials: " + refused);
        }

        // A second start keeps the password: nothing is regenerated.
        String first = Files.readString(home.resolve("etc/admin.password")).trim();
        try (RunningDistribution runtime = RunningDistribution.start(home, null)) {
            runtime.awaitStatus(first, "Hermod core: active", Duration.ofSeconds(180));
            assertEquals(first, Files.readString(home.resolve("etc/admin.password")).trim());
        }
    }

    @Test
    void passwordFromTheEnvironmentIsUsedAndNotWrittenOut() throws Exception {
        Path home = unpack("fromenv");
        String password = "Env-Given-" + System.nanoTime();
        try (RunningDistribution runtime = RunningDistribution.start(home, password)) {
            String status = Ssh.awaitOutput(password, "hermod:status", "Hermod core: active", Duration.ofSeconds(180));
            assertTrue(status.contains("BlobStore"), status);
            assertFalse(Files.exists(home.resolve("etc/admin.password")), "no password file when the environment gave one");
            assertFalse(Files.readString(home.resolve("etc/users.properties")).contains(password));
        }
    }

    /**
     * A message accepted for a remote recipient is in the durable outbound queue: after kill -9 of the server
     * and a new start, it is still there, with its recipient, waiting for the next attempt.
     */
    @Test
    void aQueuedMessageSurvivesKillDashNine() throws Exception {
        Path home = unpack("crash");
        String password = "Crash-Test-" + System.nanoTime();
        // Deliveries go to a relay that refuses connections, so the entry stays queued; AUTH without TLS on the
        // MTA port keeps the client simple.
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Files.writeString(home.resolve("etc/transport.smtp.cfg"), "relay.host = 127.0.0.1\nrelay.port = " + closedPort
                + "\nrelay.security = none\n");
        Files.writeString(home.resolve("etc/auth.cfg"), "plaintext.without.tls = true\n");
        String id;
        try (RunningDistribution runtime = RunningDistribution.start(home, password)) {
            Ssh.awaitOutput(password, "hermod:status", "Hermod core: active", Duration.ofSeconds(180));
            Ssh.awaitOutput(password, "hermod:domain-list", "example.org", Duration.ofSeconds(60));
            Ssh.run("admin", password, "hermod:account-add --email alice@example.org --password Alice-Pw-2026 alice");
            Ssh.awaitOutput(password, "hermod:account-list", "alice", Duration.ofSeconds(30));
            Ssh.awaitOutput(password, "hermod:queue-list", "The outbound queue is empty.", Duration.ofSeconds(60));
            String out = python("""
                    import smtplib, socket
                    socket.setdefaulttimeout(30)
                    for attempt in range(60):
                        try:
                            s = smtplib.SMTP('127.0.0.1', 2525)
                            break
                        except OSError:
                            import time; time.sleep(1)
                    s.ehlo('client.example')
                    s.login('alice', 'Alice-Pw-2026')
                    refused = s.sendmail('alice@example.org', ['friend@remote.example'],
                                         b'Subject: survives\\r\\n\\r\\nstill here after a crash\\r\\n')
                    assert refused == {}, refused
                    s.quit()
                    print('sent')
                    """);
            assertTrue(out.contains("sent"), out);
            String queued = Ssh.awaitOutput(password, "hermod:queue-list", "1 entry", Duration.ofSeconds(30));
            id = queued.lines().filter(l -> l.contains("<alice@example.org>")).findFirst().orElseThrow().trim()
                    .split("\\s+")[0];
            assertTrue(Ssh.run("admin", password, "hermod:queue-show " + id).contains("friend@remote.example"));
            runtime.kill();
        }
        try (RunningDistribution runtime = RunningDistribution.start(home, password)) {
            Ssh.awaitOutput(password, "hermod:status", "Hermod core: active", Duration.ofSeconds(180));
            String shown = Ssh.awaitOutput(password, "hermod:queue-show " + id, "friend@remote.example",
                    Duration.ofSeconds(60));
            assertTrue(shown.contains(id), shown);
        }
    }

    private static String python(String script) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    /** The SSH console must not answer on any non-loopback address of this machine. */
    private static void assertSshOnLoopbackOnly() throws IOException {
        Optional<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(n -> Collections.list(n.getInetAddresses()).stream())
                .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .findFirst();
        if (external.isEmpty()) {
            System.out.println("no non-loopback address on this machine: loopback-only check skipped");
            return;
        }
        try (Socket socket = new Socket()) {
            assertThrows(IOException.class, () -> socket.connect(new InetSocketAddress(external.get(), SSH_PORT), 2000),
                    "SSH must not listen on " + external.get());
        }
    }

    private static Path unpack(String name) throws Exception {
        Path dir = Path.of(HermodOptions.required("hermod.work"), "launch-" + name);
        if (Files.exists(dir)) {
            exec(dir.getParent().toFile(), "rm", "-rf", dir.toString());
        }
        Files.createDirectories(dir);
        exec(dir.toFile(), "tar", "xzf", HermodOptions.distribution().getAbsolutePath());
        try (var entries = Files.list(dir)) {
            return entries.findFirst().orElseThrow();
        }
    }

    /** Runs bin/hermod-cli; returns its exit code, a newline, and its output. */
    private static String cli(Path home, String password, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/hermod-cli").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
        builder.environment().put("HERMOD_HOME", home.toString());
        builder.environment().remove("HERMOD_URL");
        if (password != null) {
            builder.environment().put("HERMOD_ADMIN_PASSWORD", password);
        } else {
            builder.environment().remove("HERMOD_ADMIN_PASSWORD");
        }
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "hermod-cli ended");
        return p.exitValue() + "\n" + out;
    }

    private static void exec(File dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir).inheritIO().start();
        assertEquals(0, p.waitFor(), String.join(" ", command));
    }

    /** A running distribution, stopped on close. */
    private static final class RunningDistribution implements AutoCloseable {
        private final Process process;
        private final Path home;
        private final long started = System.nanoTime();

        private RunningDistribution(Process process, Path home) {
            this.process = process;
            this.home = home;
        }

        static RunningDistribution start(Path home, String adminPassword) throws IOException {
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolve("console.log").toFile());
            builder.environment().remove("HERMOD_ADMIN_PASSWORD");
            if (adminPassword != null) {
                builder.environment().put("HERMOD_ADMIN_PASSWORD", adminPassword);
            }
            return new RunningDistribution(builder.start(), home);
        }

        /** Waits until bin/setenv has written the admin account (it runs before the JVM starts). */
        void awaitAdminAccount() throws Exception {
            Path users = home.resolve("etc/users.properties");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.readString(users).lines().anyMatch(l -> l.startsWith("admin = "))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no admin line in " + users);
                }
                Thread.sleep(100);
            }
        }

        /** Waits until {@code hermod:status} over SSH prints the text; returns ms since start. */
        long awaitStatus(String password, String expected, Duration timeout) throws Exception {
            Ssh.awaitOutput(password, "hermod:status", expected, timeout);
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        }

        long rssMiB() throws IOException {
            ProcessHandle java = process.descendants().filter(h -> h.info().command().orElse("").endsWith("java"))
                    .findFirst().orElse(process.toHandle());
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(java.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
            return -1;
        }

        /** Kills every process of the tree at once, as a power cut would (SIGKILL: no shutdown hook runs). */
        void kill() throws Exception {
            List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
            tree.add(process.toHandle());
            tree.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle handle : tree) {
                handle.onExit().get(30, TimeUnit.SECONDS);
            }
        }

        @Override
        public void close() throws Exception {
            // SIGTERM to the JVM runs Karaf's shutdown hook; wait for every process of the tree to end.
            List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
            tree.add(process.toHandle());
            tree.forEach(ProcessHandle::destroy);
            for (ProcessHandle handle : tree) {
                try {
                    handle.onExit().get(60, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    handle.destroyForcibly();
                    handle.onExit().get(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** Runs shell commands over SSH as an admin would. */
    static final class Ssh {

        static String awaitOutput(String password, String command, String expected, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            String last = "";
            Exception lastError = null;
            while (System.nanoTime() < deadline) {
                try {
                    last = run("admin", password, command);
                    if (last.contains(expected)) {
                        return last;
                    }
                } catch (IOException e) {
                    lastError = e;
                }
                Thread.sleep(500);
            }
            throw new AssertionError("'" + command + "' never printed '" + expected + "'; last output: " + last
                    + (lastError == null ? "" : "; last error: " + lastError));
        }

        static String run(String user, String password, String command) throws IOException {
            try (SshClient client = SshClient.setUpDefaultClient()) {
                client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
                client.start();
                try (ClientSession session = client.connect(user, "127.0.0.1", SSH_PORT)
                        .verify(10, TimeUnit.SECONDS).getSession()) {
                    session.addPasswordIdentity(password);
                    session.auth().verify(10, TimeUnit.SECONDS);
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    try (ChannelExec channel = session.createExecChannel(command + "\n")) {
                        channel.setOut(out);
                        channel.setErr(out);
                        channel.open().verify(10, TimeUnit.SECONDS);
                        channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TimeUnit.SECONDS.toMillis(30));
                    }
                    return out.toString(StandardCharsets.UTF_8);
                }
            }
        }
    }
}
