package dev.hermod.dkim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Signs test messages with an independent DKIM implementation: dkimpy ({@code /usr/bin/dkimsign} and its Python
 * module, Debian package {@code python3-dkim}), with keys generated here and published as zone text.
 */
final class DkimpySigner {

    static final Path DKIMSIGN = Path.of("/usr/bin/dkimsign");
    static final Path PYTHON = Path.of("/usr/bin/python3");

    final String selector;
    final String domain;
    final boolean ed25519;
    private final Path keyFile;
    private final String publicKey;

    private DkimpySigner(String selector, String domain, boolean ed25519, Path keyFile, String publicKey) {
        this.selector = selector;
        this.domain = domain;
        this.ed25519 = ed25519;
        this.keyFile = keyFile;
        this.publicKey = publicKey;
    }

    /** Fails (never skips) when the signer is missing. */
    static void requireDkimpy() {
        assertTrue(Files.isExecutable(DKIMSIGN), DKIMSIGN + " is missing: install the Debian package python3-dkim"
                + " (apt-get install python3-dkim); these tests sign with it");
        assertTrue(Files.isExecutable(PYTHON), PYTHON + " is missing: install python3 and python3-dkim");
    }

    static DkimpySigner rsa(String selector, String domain, Path dir) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair kp = g.generateKeyPair();
        Path file = dir.resolve(selector + "." + domain + ".pem");
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(kp.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Files.writeString(file, pem);
        return new DkimpySigner(selector, domain, false, file,
                Base64.getEncoder().encodeToString(kp.getPublic().getEncoded()));
    }

    static DkimpySigner ed25519(String selector, String domain, Path dir) throws Exception {
        KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] pkcs8 = kp.getPrivate().getEncoded();
        byte[] seed = Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length);
        byte[] spki = kp.getPublic().getEncoded();
        byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        Path file = dir.resolve(selector + "." + domain + ".ed25519");
        Files.writeString(file, Base64.getEncoder().encodeToString(seed) + "\n"); // dkimpy's format: the seed
        return new DkimpySigner(selector, domain, true, file, Base64.getEncoder().encodeToString(raw));
    }

    /** @return the key record in master-file syntax, split into strings of at most 250 characters */
    String zoneRecord() {
        String txt = "v=DKIM1; k=" + (ed25519 ? "ed25519" : "rsa") + "; p=" + publicKey;
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < txt.length(); i += 250) {
            parts.add('"' + txt.substring(i, Math.min(txt.length(), i + 250)) + '"');
        }
        return selector + "._domainkey." + domain + ". 300 IN TXT " + String.join(" ", parts) + "\n";
    }

    /** Signs with {@code dkimsign}, returning the message with its new DKIM-Signature on top. */
    byte[] sign(byte[] message, String headerCanon, String bodyCanon) throws Exception {
        return sign(message, headerCanon, bodyCanon, ed25519 ? "ed25519-sha256" : "rsa-sha256");
    }

    /** Signs with {@code dkimsign} and a given algorithm. */
    byte[] sign(byte[] message, String headerCanon, String bodyCanon, String algorithm) throws Exception {
        return run(message, DKIMSIGN.toString(), "--hcanon", headerCanon, "--bcanon", bodyCanon,
                "--signalg", algorithm, selector, domain, keyFile.toString());
    }

    /** Signs with dkimpy's module, with {@code l=} (the CLI has no option for it). */
    byte[] signWithLength(byte[] message) throws Exception {
        String script = "import sys, dkim\n"
                + "m = sys.stdin.buffer.read()\n"
                + "sig = dkim.sign(m, sys.argv[1].encode(), sys.argv[2].encode(), open(sys.argv[3], 'rb').read(),"
                + " canonicalize=(b'relaxed', b'relaxed'), length=True"
                + (ed25519 ? ", signature_algorithm=b'ed25519-sha256'" : "") + ")\n"
                + "sys.stdout.buffer.write(sig + m)\n";
        return run(message, PYTHON.toString(), "-c", script, selector, domain, keyFile.toString());
    }

    private static byte[] run(byte[] input, String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(input);
        }
        byte[] out = readAll(p.getInputStream());
        byte[] err = readAll(p.getErrorStream());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "signer did not finish");
        assertEquals(0, p.exitValue(), "signer failed: " + new String(err, StandardCharsets.UTF_8));
        assertTrue(new String(out, StandardCharsets.ISO_8859_1).startsWith("DKIM-Signature:"),
                "signer wrote no signature: " + new String(out, StandardCharsets.UTF_8));
        return out;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        in.transferTo(b);
        return b.toByteArray();
    }
}
