package dev.hermod.smtp.internal;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.File;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import javax.net.ssl.SSLException;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The server's TLS context: from PEM files, or a self-signed certificate generated in memory at start. */
final class TlsContexts {

    private static final Logger LOG = LoggerFactory.getLogger(TlsContexts.class);

    private TlsContexts() {
    }

    static SslContext of(String certificate, String key, String hostname) throws Exception {
        if (certificate != null && !certificate.isBlank()) {
            return SslContextBuilder.forServer(new File(certificate), new File(key)).build();
        }
        return selfSigned(hostname);
    }

    static SslContext selfSigned(String hostname) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=" + hostname);
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(825))), name, pair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, hostname)));
        X509Certificate cert = new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        LOG.warn("No TLS certificate configured: using a self-signed certificate for {} (SHA-256 {}). Clients will"
                + " not trust it; set tls.certificate and tls.key to PEM files.", hostname,
                HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded())));
        try {
            return SslContextBuilder.forServer(pair.getPrivate(), cert).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the TLS context", e);
        }
    }
}
