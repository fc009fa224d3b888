package dev.hermod.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** GnuPG and OpenSSL, run as a user would, in a folder of their own. */
final class Tools {

    private final Path dir;
    private final Path gnupgHome;

    Tools(Path dir) throws IOException {
        this.dir = dir;
        this.gnupgHome = Files.createDirectories(dir.resolve("gnupg"));
        gnupgHome.toFile().setReadable(false, false);
        gnupgHome.toFile().setReadable(true, true);
        gnupgHome.toFile().setExecutable(false, false);
        gnupgHome.toFile().setExecutable(true, true);
    }

    Path dir() {
        return dir;
    }

    /** Runs a command in the folder; fails the test if it exits with an error. Returns its standard output. */
    byte[] run(byte[] stdin, String... command) throws IOException, InterruptedException {
        Result r = tryRun(stdin, command);
        assertEquals(0, r.exit(), () -> String.join(" ", command) + " failed: " + r.stderr());
        return r.stdout();
    }

    record Result(int exit, byte[] stdout, String stderr) {
    }

    Result tryRun(byte[] stdin, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().put("GNUPGHOME", gnupgHome.toString());
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        Thread feeder = new Thread(() -> {
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            } catch (IOException ignored) {
                // the tool stopped reading
            }
        });
        feeder.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " timed out");
        }
        feeder.join();
        String stderr = Files.readString(err);
        Files.delete(err);
        return new Result(p.exitValue(), out, stderr);
    }

    // --- GnuPG ---

    /** Makes a key with {@code gpg --quick-gen-key}; extra options (e.g. --faked-system-time) go first. */
    void gpgGenerate(String uid, String algo, String usage, String expire, String... options)
            throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of("gpg", "--batch", "--passphrase", "", "--pinentry-mode", "loopback"));
        c.addAll(List.of(options));
        c.addAll(List.of("--quick-gen-key", uid, algo, usage, expire));
        run(null, c.toArray(String[]::new));
    }

    byte[] gpgExport(boolean armor, String... uids) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of("gpg", "--batch"));
        if (armor) {
            c.add("--armor");
        }
        c.add("--export");
        c.addAll(List.of(uids));
        return run(null, c.toArray(String[]::new));
    }

    byte[] gpgExportSecret(String uid) throws IOException, InterruptedException {
        return run(null, "gpg", "--batch", "--passphrase", "", "--pinentry-mode", "loopback", "--armor",
                "--export-secret-keys", uid);
    }

    /** {@code gpg --decrypt} of a file or of text; the plain text. */
    byte[] gpgDecrypt(byte[] encrypted) throws IOException, InterruptedException {
        return run(encrypted, "gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", "", "--decrypt");
    }

    /**
     * {@code gpg --list-packets}: what the message is made of, with the session key as
     * {@code session key: 'ALGO:...'} (RFC 9580 §9.3: 7 is AES-128, 9 is AES-256).
     */
    String gpgPackets(byte[] encrypted) throws IOException, InterruptedException {
        Result r = tryRun(encrypted, "gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", "",
                "--show-session-key", "--list-packets");
        return new String(r.stdout()) + r.stderr();
    }

    // --- OpenSSL ---

    /** A self-signed certificate and its key, {@code name.pem} and {@code name.key}; extra -addext values. */
    Path opensslCertificate(String name, String email, String keyAlgorithm, int days, String... extensions)
            throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of("openssl", "req", "-x509", "-nodes"));
        c.addAll(keyAlgorithm.equals("EC") ? List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256")
                : List.of("-newkey", keyAlgorithm));
        c.addAll(List.of("-keyout", name + ".key", "-out", name + ".pem", "-days", String.valueOf(days),
                "-subj", "/CN=" + name + "/emailAddress=" + email));
        for (String e : extensions) {
            c.add("-addext");
            c.add(e);
        }
        run(null, c.toArray(String[]::new));
        return dir.resolve(name + ".pem");
    }

    byte[] opensslDer(String name) throws IOException, InterruptedException {
        return run(null, "openssl", "x509", "-in", name + ".pem", "-outform", "DER");
    }

    /** {@code openssl cms -decrypt} of an S/MIME message; the plain text. */
    byte[] opensslDecrypt(byte[] message, String name) throws IOException, InterruptedException {
        return run(message, "openssl", "cms", "-decrypt", "-binary", "-inkey", name + ".key", "-recip", name + ".pem");
    }

    /** {@code openssl cms -cmsout -print} of an S/MIME message: its structure. */
    String opensslPrint(byte[] message) throws IOException, InterruptedException {
        return new String(run(message, "openssl", "cms", "-cmsout", "-print"));
    }
}
