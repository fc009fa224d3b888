package dev.hermod.crypto.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Writes a message as S/MIME enveloped data (RFC 8551 §3.3): {@code application/pkcs7-mime;
 * smime-type=enveloped-data}, the CMS EnvelopedData (RFC 5652 §6) of the whole original message, header and
 * body, for every given certificate, in base64.
 */
final class SmimeWriter {

    /** Bouncy Castle as a provider object, not registered with the JVM (other bundles share the JVM). */
    private static final Provider BC = new BouncyCastleProvider();
    private static final SecureRandom RANDOM = new SecureRandom();

    private SmimeWriter() {
    }

    static void write(MessageHead head, Set<String> visible, List<X509Certificate> certificates, int cipherBits,
                      OutputStream out) throws IOException {
        OuterHeader.write(out, head, visible,
                "Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name=\"smime.p7m\"",
                "Content-Transfer-Encoding: base64",
                "Content-Disposition: attachment; filename=\"smime.p7m\"",
                "Content-Description: S/MIME encrypted message");
        try (InputStream plain = new SequenceInputStream(new java.io.ByteArrayInputStream(head.bytes()), head.body())) {
            encrypt(plain, certificates, cipherBits, out);
        }
    }

    /** The EnvelopedData in base64 lines of 76 characters (RFC 2045 §6.8), ending with CRLF. */
    static void encrypt(InputStream plain, List<X509Certificate> certificates, int cipherBits, OutputStream out)
            throws IOException {
        ASN1ObjectIdentifier cipher = cipherBits == 128 ? CMSAlgorithm.AES128_CBC : CMSAlgorithm.AES256_CBC;
        CMSEnvelopedDataStreamGenerator generator = new CMSEnvelopedDataStreamGenerator();
        try {
            for (X509Certificate c : certificates) {
                if (c.getPublicKey().getAlgorithm().equals("EC")) {
                    // ECDH with the key wrap of the content cipher's strength (RFC 5753 §7.1).
                    // An ephemeral key on the recipient's curve: ephemeral-static ECDH (RFC 5753 §3.1.1).
                    KeyPairGenerator ephemeral = KeyPairGenerator.getInstance("EC", BC);
                    ephemeral.initialize(((ECPublicKey) c.getPublicKey()).getParams(), RANDOM);
                    KeyPair pair = ephemeral.generateKeyPair();
                    generator.addRecipientInfoGenerator(new JceKeyAgreeRecipientInfoGenerator(
                            CMSAlgorithm.ECDH_SHA256KDF, pair.getPrivate(), pair.getPublic(),
                            cipherBits == 128 ? CMSAlgorithm.AES128_WRAP : CMSAlgorithm.AES256_WRAP)
                            .addRecipient(c).setProvider(BC).setSecureRandom(RANDOM));
                } else {
                    generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(c).setProvider(BC));
                }
            }
            OutputStream base64 = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).wrap(new Unclosed(out));
            try (OutputStream cms = generator.open(base64, new JceCMSContentEncryptorBuilder(cipher)
                    .setProvider(BC).setSecureRandom(RANDOM).build())) {
                plain.transferTo(cms);
            }
            base64.close();
            OuterHeader.line(out, "");
        } catch (CMSException | GeneralSecurityException e) {
            throw new IOException("S/MIME encryption failed: " + e.getMessage(), e);
        }
    }

    /** Keeps the caller's stream open when the base64 encoder is closed. */
    private static final class Unclosed extends java.io.FilterOutputStream {
        Unclosed(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
