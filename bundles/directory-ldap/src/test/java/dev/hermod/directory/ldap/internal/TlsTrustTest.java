package dev.hermod.directory.ldap.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.testing.SlapdServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host name check against the certificate (RFC 6125). */
class TlsTrustTest {

    @Test
    void anIpCertificateNamesOnlyItsAddress() throws Exception {
        X509Certificate certificate;
        try (InputStream in = Files.newInputStream(SlapdServer.shared().caCertificate())) {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        assertTrue(TlsTrust.names(certificate, "127.0.0.1"));
        assertFalse(TlsTrust.names(certificate, "localhost"), "no DNS entry: no CN fallback for a SAN certificate");
        assertFalse(TlsTrust.names(certificate, "127.0.0.2"));
        assertFalse(TlsTrust.names(certificate, "::1"));
    }

    @Test
    void dnsNamesAndWildcards(@TempDir Path dir) throws Exception {
        X509Certificate certificate = openssl(dir, "/CN=ignored.example.com",
                "subjectAltName=DNS:*.example.org,DNS:ldap.example.net,IP:::1");
        assertTrue(TlsTrust.names(certificate, "ldap.example.org"));
        assertTrue(TlsTrust.names(certificate, "LDAP.Example.ORG"));
        assertFalse(TlsTrust.names(certificate, "example.org"), "* is one label");
        assertFalse(TlsTrust.names(certificate, "a.b.example.org"), "* is one label");
        assertTrue(TlsTrust.names(certificate, "ldap.example.net"));
        assertFalse(TlsTrust.names(certificate, "ldap2.example.net"));
        assertFalse(TlsTrust.names(certificate, "ignored.example.com"), "no CN when there are DNS entries");
        assertTrue(TlsTrust.names(certificate, "::1"));
        assertTrue(TlsTrust.names(certificate, "[0:0:0:0:0:0:0:1]"));
        X509Certificate legacy = openssl(dir, "/CN=ldap.example.com", "basicConstraints=CA:FALSE");
        assertTrue(TlsTrust.names(legacy, "ldap.example.com"), "CN when there is no subjectAltName");
        assertFalse(TlsTrust.names(legacy, "other.example.com"));
    }

    private static X509Certificate openssl(Path dir, String subject, String extension) throws Exception {
        Path cert = dir.resolve("cert-" + System.nanoTime() + ".pem");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", dir.resolve("key.pem").toString(), "-out",
                cert.toString(), "-days", "1", "-subj", subject, "-addext", extension)
                .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.out").toFile()).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, Files.readString(dir.resolve("openssl.out")));
        try (InputStream in = Files.newInputStream(cert)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
