package dev.hermod.crypto.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.pkcs.Pfx;

/**
 * X.509 certificates for S/MIME (RFC 8550) as users upload them — one in DER, or one or several in PEM — and
 * as they are kept: DER, each preceded by its 4-octet length.
 */
final class SmimeCertificates {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    /** RFC 5280 §4.2.1.12: id-kp-emailProtection, and anyExtendedKeyUsage. */
    private static final String EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";
    private static final String ANY_USAGE = "2.5.29.37.0";

    private SmimeCertificates() {
    }

    private static final String PRIVATE_KEY = "This file holds a private key. Never give your private key to anyone, this"
            + " server included: upload only your certificate (for example openssl x509 -in cert.pem -out"
            + " public.pem, or export the certificate alone from your mail client).";

    /**
     * Parses and checks an upload.
     *
     * @throws UploadRejected for a private key, a PKCS #12 file, garbage, an expired certificate or one that
     *                        cannot encrypt
     */
    static List<X509Certificate> parseUpload(byte[] upload, Instant now) throws UploadRejected {
        String text = new String(upload, StandardCharsets.ISO_8859_1);
        List<X509Certificate> certificates = new ArrayList<>();
        if (text.contains("-----BEGIN ")) {
            Matcher m = PEM.matcher(text);
            while (m.find()) {
                String label = m.group(1);
                if (label.contains("PRIVATE KEY")) {
                    throw new UploadRejected(PRIVATE_KEY);
                }
                if (!label.equals("CERTIFICATE") && !label.equals("X509 CERTIFICATE")) {
                    throw new UploadRejected("This file holds a " + label.toLowerCase() + ", not a certificate. Upload"
                            + " your S/MIME certificate, in PEM (-----BEGIN CERTIFICATE-----) or DER.");
                }
                byte[] der;
                try {
                    der = Base64.getMimeDecoder().decode(m.group(2));
                } catch (IllegalArgumentException e) {
                    throw new UploadRejected("A certificate in this file is damaged (its base64 text is not valid).", e);
                }
                certificates.add(parseDer(der));
            }
            if (certificates.isEmpty()) {
                throw new UploadRejected("No certificate was found in this PEM file. Upload your S/MIME certificate"
                        + " (-----BEGIN CERTIFICATE-----).");
            }
        } else {
            if (isPkcs12(upload)) {
                throw new UploadRejected("This is a PKCS #12 file (.p12, .pfx): it holds your private key. Upload only"
                        + " the certificate, in PEM or DER (openssl pkcs12 -in file.p12 -nokeys -clcerts -out cert.pem).");
            }
            certificates.add(parseDer(upload));
        }
        for (X509Certificate c : certificates) {
            check(c, now);
        }
        return certificates;
    }

    private static boolean isPkcs12(byte[] der) {
        try {
            Pfx.getInstance(der);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static X509Certificate parseDer(byte[] der) throws UploadRejected {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            ByteArrayInputStream in = new ByteArrayInputStream(der);
            X509Certificate c = (X509Certificate) factory.generateCertificate(in);
            if (in.available() > 0) {
                throw new UploadRejected("This DER file holds more than one certificate. Upload several"
                        + " certificates as one PEM file, one -----BEGIN CERTIFICATE----- block each.");
            }
            return c;
        } catch (CertificateException | RuntimeException e) {
            throw new UploadRejected("This file is not an X.509 certificate. Upload your S/MIME certificate in PEM"
                    + " (-----BEGIN CERTIFICATE-----) or DER form.", e);
        }
    }

    /** Refuses certificates outside their validity, or whose key usage forbids encryption (RFC 8550 §4.4). */
    private static void check(X509Certificate c, Instant now) throws UploadRejected {
        String which = "The certificate of " + c.getSubjectX500Principal().getName();
        Date at = Date.from(now);
        if (at.after(c.getNotAfter())) {
            throw new UploadRejected(which + " expired on " + c.getNotAfter().toInstant() + ". Renew it and upload the"
                    + " new certificate.");
        }
        if (at.before(c.getNotBefore())) {
            throw new UploadRejected(which + " is valid only from " + c.getNotBefore().toInstant() + ".");
        }
        String algorithm = c.getPublicKey().getAlgorithm();
        if (!algorithm.equals("RSA") && !algorithm.equals("EC")) {
            throw new UploadRejected(which + " has a " + algorithm + " key, which cannot encrypt mail here; S/MIME"
                    + " encryption needs an RSA or EC key.");
        }
        boolean[] usage = c.getKeyUsage();
        // keyEncipherment (2) for RSA key transport, keyAgreement (4) for EC.
        if (usage != null && !(algorithm.equals("RSA") ? usage[2] : usage[4])) {
            throw new UploadRejected(which + " may not be used for encryption (its key usage does not allow "
                    + (algorithm.equals("RSA") ? "keyEncipherment" : "keyAgreement") + "); it is probably a"
                    + " signing or CA certificate. Upload your encryption certificate.");
        }
        try {
            List<String> extended = c.getExtendedKeyUsage();
            if (extended != null && !extended.contains(EMAIL_PROTECTION) && !extended.contains(ANY_USAGE)) {
                throw new UploadRejected(which + " is not for e-mail (its extended key usage lacks"
                        + " emailProtection). Upload your S/MIME certificate.");
            }
        } catch (java.security.cert.CertificateParsingException e) {
            throw new UploadRejected(which + " has a damaged extended key usage extension.", e);
        }
    }

    /** The certificates as kept. */
    static byte[] encode(List<X509Certificate> certificates) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (X509Certificate c : certificates) {
                byte[] der = c.getEncoded();
                out.writeInt(der.length);
                out.write(der);
            }
        } catch (IOException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode a certificate", e);
        }
        return bytes.toByteArray();
    }

    /** The kept certificates. */
    static List<X509Certificate> decode(byte[] material) throws IOException {
        List<X509Certificate> certificates = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(material))) {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            while (in.available() > 0) {
                byte[] der = new byte[in.readInt()];
                in.readFully(der);
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException e) {
            throw new IOException("a kept certificate cannot be read", e);
        }
        return certificates;
    }

    static String describe(X509Certificate c) {
        return c.getSubjectX500Principal().getName() + " (serial " + c.getSerialNumber().toString(16)
                + ", valid until " + c.getNotAfter().toInstant() + ")";
    }
}
