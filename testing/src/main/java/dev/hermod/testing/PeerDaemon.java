package dev.hermod.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A peer program (rspamd, spamd, spamass-milter) run in the foreground by a test, its output in a file in
 * the test's directory; stopped (SIGTERM, then SIGKILL) on close.
 */
public final class PeerDaemon implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path output;

    private PeerDaemon(String name, Process process, Path output) {
        this.name = name;
        this.process = process;
        this.output = output;
    }

    /**
     * @param directory the working directory, where the output goes
     * @param command   the command line
     * @return the started program
     */
    public static PeerDaemon start(Path directory, List<String> command) throws IOException {
        String name = Path.of(command.get(0)).getFileName().toString();
        Path output = directory.resolve(name + ".out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().put("LC_ALL", "C");
        return new PeerDaemon(name, builder.start(), output);
    }

    /**
     * The program, from {@code PATH} or the usual system directories.
     *
     * @param name the program's name
     * @return its path
     * @throws IllegalStateException if it is not installed (.ci/run installs it)
     */
    public static String program(String name) {
        String path = System.getenv("PATH") == null ? "" : System.getenv("PATH");
        for (String dir : (path + ":/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new IllegalStateException(name + " is not installed; .ci/run installs it");
    }

    /** @return a TCP port free on loopback right now */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** @return whether this process runs as root (the daemons then need a user to drop to) */
    public static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /**
     * Waits until the program listens on a loopback port.
     *
     * @param port    the port
     * @param seconds how long to wait
     * @throws IllegalStateException with the program's output if it exits or does not listen in time
     */
    public void awaitPort(int port, int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + output());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException(name + " does not listen on " + port + " after " + seconds + " s:\n" + output());
    }

    /**
     * Waits until the program accepts connections on a Unix domain socket.
     *
     * @param socket  the socket file
     * @param seconds how long to wait
     * @throws IllegalStateException with the program's output if it exits or does not listen in time
     */
    public void awaitSocket(Path socket, int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + output());
            }
            try (java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open(
                    java.net.UnixDomainSocketAddress.of(socket))) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException(name + " does not listen on " + socket + " after " + seconds + " s:\n" + output());
    }

    /** @return the program's output so far (its last 8000 characters) */
    public String output() throws IOException {
        String text = Files.readString(output, StandardCharsets.ISO_8859_1);
        return text.length() > 8000 ? text.substring(text.length() - 8000) : text;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
