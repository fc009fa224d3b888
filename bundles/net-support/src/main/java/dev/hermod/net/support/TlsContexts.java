package dev.hermod.net.support;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
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

/**
 * The server's TLS context: from PEM files named in the configuration or, when none are, from a self-signed
 * certificate made at the first start and kept in {@code etc/tls/} so that clients which pinned it still
 * trust it after a restart. Without a runtime {@code etc/} folder (tests) it lives in memory only.
 */
public final class TlsContexts {

    private static final Logger LOG = LoggerFactory.getLogger(TlsContexts.class);

    private TlsContexts() {
    }

    /**
     * A listener's server TLS context.
     *
     * @param certificate the PEM certificate chain file, or empty for the self-signed certificate
     * @param key         the PEM private key file (PKCS#8) of {@code certificate}
     * @param hostname    the name the self-signed certificate is made for
     * @return the context, never {@code null}
     * @throws IllegalArgumentException if a certificate is named without its key
     * @throws Exception                if the files cannot be read or the certificate cannot be made
     */
    public static SslContext of(String certificate, String key, String hostname) throws Exception {
        if (certificate != null && !certificate.isBlank()) {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("tls.certificate is set but tls.key is not");
            }
            return SslContextBuilder.forServer(new File(certificate), new File(key)).build();
        }
        String etc = System.getProperty("karaf.etc");
        if (etc == null || etc.isBlank()) {
            return selfSigned(hostname, null);
        }
        return selfSigned(hostname, Path.of(etc, "tls"));
    }

    /**
     * Reuses the certificate in {@code folder} when there is one, or makes one (and saves it there). Every
     * listener bundle (SMTP, IMAP, ManageSieve) may do this at the same first start: a lock file in the
     * folder lets one of them make the pair while the others wait and then read it, so the certificate and
     * the key on disk always belong together.
     */
    public static synchronized SslContext selfSigned(String hostname, Path folder) throws Exception {
        if (folder == null) {
            return makeSelfSigned(hostname, null);
        }
        Files.createDirectories(folder);
        Path lock = folder.resolve(".self-signed.lock");
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                Files.createFile(lock);
                break;
            } catch (java.nio.file.FileAlreadyExistsException busy) {
                if (System.nanoTime() > deadline) {
                    // Left by a process that died while writing: take it over.
                    Files.deleteIfExists(lock);
                    deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
                }
                Thread.sleep(20);
            }
        }
        try {
            return makeSelfSigned(hostname, folder);
        } finally {
            Files.deleteIfExists(lock);
        }
    }

    private static SslContext makeSelfSigned(String hostname, Path folder) throws Exception {
        if (folder != null) {
            Path cert = folder.resolve(SELF_SIGNED_CERT);
            Path key = folder.resolve(SELF_SIGNED_KEY);
            if (Files.isRegularFile(cert) && Files.isRegularFile(key)) {
                LOG.info("Using the self-signed TLS certificate {} (set tls.certificate and tls.key for a real one)",
                        cert);
                return SslContextBuilder.forServer(cert.toFile(), key.toFile()).build();
            }
        }

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
        String fingerprint = HexFormat.ofDelimiter(":")
                .formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        if (folder != null) {
            save(folder, cert, pair);
            LOG.warn("No TLS certificate configured: generated a self-signed certificate for {} (SHA-256 {}) into"
                    + " {}. Clients will not trust it; set tls.certificate and tls.key to PEM files.", hostname,
                    fingerprint, folder);
        } else {
            LOG.warn("No TLS certificate configured: using a self-signed certificate for {} (SHA-256 {}), in memory"
                    + " only. Clients will not trust it; set tls.certificate and tls.key to PEM files.", hostname,
                    fingerprint);
        }
        try {
            return SslContextBuilder.forServer(pair.getPrivate(), cert).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the TLS context", e);
        }
    }

    /** The self-signed certificate's file name in the folder given to {@link #selfSigned}. */
    public static final String SELF_SIGNED_CERT = "self-signed.crt";
    /** The self-signed certificate's key file name (mode 600) in the same folder. */
    public static final String SELF_SIGNED_KEY = "self-signed.key";

    /** PEM files; the key (PKCS#8) readable by the owner only, both written whole or not at all. */
    private static void save(Path folder, X509Certificate cert, KeyPair pair) throws IOException,
            java.security.cert.CertificateEncodingException {
        Files.createDirectories(folder);
        write(folder.resolve(SELF_SIGNED_KEY), pem("PRIVATE KEY", pair.getPrivate().getEncoded()), true);
        write(folder.resolve(SELF_SIGNED_CERT), pem("CERTIFICATE", cert.getEncoded()), false);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void write(Path file, String text, boolean secret) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (secret && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
