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
import java.util.concurrent.TimeUnit;

/**
 * What the daemon launchers (Postfix, Dovecot) share: finding a program, running a command to completion
 * with its output in a file (never a pipe a daemon could inherit), waiting for a port, reading a log's end.
 */
final class PeerPrograms {

    private PeerPrograms() {}

    /** The first executable {@code name} on {@code PATH} or in the usual system directories, or {@code null}. */
    static Path find(String name) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(":")));
        }
        dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin"));
        for (String dir : dirs) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Runs a command in {@code directory} and returns its exit status and combined output.
     *
     * @param stdin a file to read as standard input, or {@code null} for none
     */
    static Exec.Result run(Path directory, Path stdin, long timeoutSeconds, List<String> command) {
        Path output = null;
        try {
            output = Files.createTempFile("hermod-peer-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from((stdin == null ? Path.of("/dev/null") : stdin).toFile()));
            builder.environment().put("LC_ALL", "C");
            builder.environment().remove("MAIL_CONFIG");
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeoutSeconds
                        + " s:\n" + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Exec.Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }

    /** As {@link #run}, failing with the output unless the status is 0. */
    static String check(Path directory, Path stdin, long timeoutSeconds, List<String> command) {
        Exec.Result result = run(directory, stdin, timeoutSeconds, command);
        if (result.status() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with status " + result.status()
                    + ":\n" + result.output());
        }
        return result.output();
    }

    static boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The last {@code lines} lines of a log, or a note saying why there are none. */
    static String tail(Path log, int lines) {
        try {
            if (!Files.exists(log)) {
                return "(no log)";
            }
            List<String> all = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Whether this JVM runs as root: judged by the owner of a directory it just created. */
    static boolean runsAsRoot(Path created) {
        try {
            return (Integer) Files.getAttribute(created, "unix:uid") == 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the owner of " + created, e);
        }
    }
}
