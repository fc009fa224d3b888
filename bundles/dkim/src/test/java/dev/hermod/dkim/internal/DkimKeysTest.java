package dev.hermod.dkim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key creation, as {@code hermod:dkim-create} does it: a private key file of mode 600 in a directory of mode 700,
 * readable by OpenSSL, and a DNS record that verifies signatures made with the key (dkimpy and Hermod's parser).
 */
class DkimKeysTest {

    @TempDir
    Path dir;

    private static final Pattern STRINGS = Pattern.compile("\"([^\"]*)\"");

    @BeforeAll
    static void require() throws Exception {
        DkimpyVerifier.require();
    }

    private static String text(String record) {
        StringBuilder s = new StringBuilder();
        Matcher m = STRINGS.matcher(record);
        while (m.find()) {
            s.append(m.group(1));
        }
        return s.toString();
    }

    @Test
    void rsaKeyFileIsPrivateAndItsRecordVerifiesSignatures() throws Exception {
        Path keys = dir.resolve("etc/dkim");
        DkimKeys.Created created = new DkimKeys(keys, Clock.systemUTC()).create("Example.COM", "mail", "rsa");
        assertEquals(keys.resolve("example.com.mail.key"), created.file());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(created.file())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));
        assertTrue(Files.readString(created.file()).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        try (Stream<Path> files = Files.list(keys)) {
            assertEquals(List.of(created.file()), files.toList(), "no temporary file is left");
        }
        assertTrue(created.record().startsWith("mail._domainkey.example.com IN TXT \"v=DKIM1; k=rsa; p=MIIBIjAN"),
                created.record());
        List<String> strings = new ArrayList<>();
        Matcher m = STRINGS.matcher(created.record());
        while (m.find()) {
            strings.add(m.group(1));
        }
        assertEquals(2, strings.size(), created.record());
        assertEquals(255, strings.get(0).length());
        assertFalse(created.record().contains("\n"));
        DkimKey key = DkimKey.parse(text(created.record()));
        assertEquals("rsa", key.type());
        assertEquals(2048, ((java.security.interfaces.RSAPublicKey) key.key()).getModulus().bitLength());

        byte[] signed = DkimSignerTest.signed(DkimSignerTest.signer(keys, Map.of()), "example.com",
                DkimSignerTest.MESSAGE.getBytes(StandardCharsets.US_ASCII));
        assertEquals(List.of("True"), DkimpyVerifier.verify(signed, List.of(created.record()), dir));

        Process openssl = new ProcessBuilder("openssl", "pkey", "-in", created.file().toString(), "-noout", "-text")
                .redirectErrorStream(true).start();
        String out = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(openssl.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, openssl.exitValue(), out);
        assertTrue(out.contains("2048 bit"), out);
    }

    @Test
    void ed25519RecordIsTheRawKey() throws Exception {
        DkimKeys.Created created = new DkimKeys(dir, Clock.systemUTC()).create("example.com", "ed", "ed25519");
        assertTrue(created.record().matches("ed\\._domainkey\\.example\\.com IN TXT \"v=DKIM1; k=ed25519;"
                + " p=[A-Za-z0-9+/]{43}=\""), created.record());
        assertEquals("ed25519", DkimKey.parse(text(created.record())).type());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(created.file())));
        byte[] signed = DkimSignerTest.signed(DkimSignerTest.signer(dir, Map.of()), "example.com",
                DkimSignerTest.MESSAGE.getBytes(StandardCharsets.US_ASCII));
        assertEquals(List.of("True"), DkimpyVerifier.verify(signed, List.of(created.record()), dir));
    }

    @Test
    void defaultSelectorAndAlgorithm() throws Exception {
        Clock november = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
        DkimKeys keys = new DkimKeys(dir, november);
        assertEquals("rsa202611", keys.create("example.com", null, null).selector());
        assertEquals("ed202611", keys.create("example.com", " ", "Ed25519").selector());
        assertTrue(Files.isRegularFile(dir.resolve("example.com.ed202611.key")));
    }

    @Test
    void badInputChangesNothing() throws Exception {
        DkimKeys keys = new DkimKeys(dir, Clock.systemUTC());
        keys.create("example.com", "s1", "rsa");
        IllegalArgumentException taken = assertThrows(IllegalArgumentException.class,
                () -> keys.create("example.com", "s1", "ed25519"));
        assertTrue(taken.getMessage().contains("already has a key with selector s1"), taken.getMessage());
        assertThrows(IllegalArgumentException.class, () -> keys.create("example.com", "a.b", "rsa"));
        assertThrows(IllegalArgumentException.class, () -> keys.create("example.com", "../x", "rsa"));
        assertThrows(IllegalArgumentException.class, () -> keys.create("localhost", "s", "rsa"));
        assertThrows(IllegalArgumentException.class, () -> keys.create("exa mple.com", "s", "rsa"));
        assertThrows(IllegalArgumentException.class, () -> keys.create("../etc.com/x", "s", "rsa"));
        IllegalArgumentException alg = assertThrows(IllegalArgumentException.class,
                () -> keys.create("example.com", "s2", "dsa"));
        assertEquals("unknown key algorithm 'dsa': use rsa or ed25519", alg.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("example.com.s1.key")), files.toList());
        }
    }

    @Test
    void keysWrittenByOpensslAreRead() throws Exception {
        for (String algorithm : List.of("RSA", "ED25519")) {
            Path file = dir.resolve("example.com." + algorithm.toLowerCase() + ".key");
            Process p = new ProcessBuilder("openssl", "genpkey", "-algorithm", algorithm, "-out", file.toString())
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
            assertEquals(algorithm.equals("RSA") ? "rsa" : "ed25519", DkimKeys.algorithm(DkimKeys.read(file)));
        }
        List<String> fields = DkimSignerTest.signer(dir, Map.of()).sign("example.com",
                new ByteArrayInputStream(DkimSignerTest.MESSAGE.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(2, fields.size());
    }
}
