package dev.hermod.outbound.internal;

import static dev.hermod.outbound.internal.Messages.message;
import static dev.hermod.outbound.internal.Messages.transport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.outbound.TransportResult.Outcome;
import dev.hermod.api.outbound.TransportResult.Status;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A relay on implicit TLS (RFC 8314 §3.3) with AUTH PLAIN, its certificate verified against a trust file. */
class ImplicitTlsTest {

    @TempDir
    static Path dir;
    private static SSLContext server;
    private static Path trust;

    @BeforeAll
    static void certificate() throws Exception {
        Path store = dir.resolve("relay.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keyalg", "RSA", "-keysize", "2048", "-alias", "relay", "-dname", "CN=relay.test",
                "-ext", "SAN=dns:relay.test,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertEquals(0, keytool.waitFor(), output);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        server = SSLContext.getInstance("TLS");
        server.init(kmf.getKeyManagers(), null, null);
        trust = dir.resolve("trust.pem");
        Files.writeString(trust, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder().encodeToString(ks.getCertificate("relay").getEncoded())
                + "\n-----END CERTIFICATE-----\n");
    }

    @Test
    void implicitTlsWithVerifiedCertificateAndAuthPlain() throws Exception {
        String plain = Base64.getEncoder().encodeToString("\0user\0secret".getBytes());
        try (ScriptedServer relay = new ScriptedServer("220 relay ESMTP", line -> line.startsWith("EHLO")
                ? "250-relay\r\n250-PIPELINING\r\n250 AUTH PLAIN" : line.equals("AUTH PLAIN " + plain) ? "235 2.7.0 Ok"
                : line.equals("DATA") ? "354 go" : line.equals(".") ? "250 2.0.0 queued" : "250 Ok",
                server.getServerSocketFactory())) {
            SmtpTransport transport = transport(Map.of("relay.host", "127.0.0.1", "relay.port", relay.port(),
                    "relay.security", "implicit_tls", "tls.trust.file", trust.toString(),
                    "relay.auth.username", "user", ".relay.auth.password", "secret"));
            try {
                Outcome o = transport.send(message("t1", "example.com", "S: x\r\n\r\nb\r\n", "a@example.com"))
                        .outcomes().get(0);
                assertEquals(Status.DELIVERED, o.status(), o.toString());
                assertTrue(relay.lines.containsAll(List.of("EHLO out.hermod.test", "AUTH PLAIN " + plain)),
                        relay.lines.toString());
            } finally {
                transport.close();
            }
            // Without the trust file the JDK does not know the certificate: deferred, nothing sent.
            SmtpTransport untrusted = transport(Map.of("relay.host", "127.0.0.1", "relay.port", relay.port(),
                    "relay.security", "implicit_tls", "relay.auth.username", "user",
                    ".relay.auth.password", "secret"));
            try {
                Outcome o = untrusted.send(message("t2", "example.com", "S: x\r\n\r\nb\r\n", "a@example.com"))
                        .outcomes().get(0);
                assertEquals(Status.TEMPORARY_FAILURE, o.status(), o.toString());
                assertEquals("4.7.5", o.reply().enhancedStatus());
            } finally {
                untrusted.close();
            }
        }
    }
}
