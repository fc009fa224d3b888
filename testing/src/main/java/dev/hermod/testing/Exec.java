package dev.hermod.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs programs, as the current user or, when the JVM runs as root, as an unprivileged system user
 * (PostgreSQL refuses to run as root). Output goes to a file, not a pipe, so a daemon that inherits it
 * cannot keep a call waiting.
 */
final class Exec {

    /** Exit status and combined output of a finished program. */
    record Result(int status, String output) {
    }

    private final List<String> prefix;
    private final String osUser;
    private final Path workDirectory;

    private Exec(List<String> prefix, String osUser, Path workDirectory) {
        this.prefix = prefix;
        this.osUser = osUser;
        this.workDirectory = workDirectory;
    }

    /**
     * An executor working in {@code directory}: as the current user, or as {@code osUser} if the JVM runs
     * as root, in which case the user is created if missing and made the owner of {@code directory}.
     */
    static Exec forDirectory(Path directory, String osUser) throws IOException {
        int uid = (Integer) Files.getAttribute(directory, "unix:uid");
        if (uid != 0) {
            return new Exec(List.of(), null, directory);
        }
        ensureUser(osUser);
        Path runuser = which("runuser", "/usr/sbin/runuser", "/sbin/runuser");
        Exec exec = new Exec(List.of(runuser.toString(), "-u", osUser, "--"), osUser, directory);
        exec.own(directory);
        return exec;
    }

    /** Gives {@code path} to the unprivileged user, if there is one. */
    void own(Path path) throws IOException {
        if (osUser == null) {
            return;
        }
        UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
        Files.setOwner(path, lookup.lookupPrincipalByName(osUser));
        GroupPrincipal group = lookup.lookupPrincipalByGroupName(osUser);
        Files.getFileAttributeView(path, PosixFileAttributeView.class).setGroup(group);
    }

    /** Runs a program and waits for it; a non-zero status is returned, not thrown. */
    Result run(long timeoutSeconds, String... command) {
        List<String> full = new ArrayList<>(prefix);
        full.addAll(List.of(command));
        return runAsIs(full, workDirectory, timeoutSeconds);
    }

    /** Runs a program and fails with its output unless it exits with status 0. */
    String check(long timeoutSeconds, String... command) {
        Result result = run(timeoutSeconds, command);
        if (result.status() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with status " + result.status()
                    + ":\n" + result.output());
        }
        return result.output();
    }

    private static Result runAsIs(List<String> command, Path directory, long timeoutSeconds) {
        Path output = null;
        try {
            output = Files.createTempFile("hermod-exec-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(directory == null ? null : directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
            builder.environment().put("LC_ALL", "C");
            builder.environment().put("LANG", "C");
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeoutSeconds
                        + " s:\n" + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
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

    private static synchronized void ensureUser(String user) {
        if (runAsIs(List.of("id", "-u", user), null, 30).status() == 0) {
            return;
        }
        Path useradd = which("useradd", "/usr/sbin/useradd", "/sbin/useradd");
        Result added = runAsIs(List.of(useradd.toString(), "--system", "--user-group", "--no-create-home",
                "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", user), null, 60);
        // Another JVM may have created it meanwhile.
        if (added.status() != 0 && runAsIs(List.of("id", "-u", user), null, 30).status() != 0) {
            throw new IllegalStateException("running as root, and cannot create the system user " + user
                    + " to run PostgreSQL as (it refuses to run as root): " + added.output());
        }
    }

    private static Path which(String name, String... fallbacks) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(":")) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        for (String fallback : fallbacks) {
            if (Files.isExecutable(Path.of(fallback))) {
                return Path.of(fallback);
            }
        }
        throw new IllegalStateException(name + " not found on PATH or in " + String.join(", ", fallbacks)
                + "; install Debian's util-linux and passwd packages");
    }
}
