package dev.hermod.crypto.internal;

import dev.hermod.api.crypto.EncryptionKeys;
import dev.hermod.api.crypto.EncryptionKeys.StoredKey;
import dev.hermod.api.crypto.KeyKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Checks an uploaded public key or certificate and turns it into the key to keep: parses it, refuses what
 * cannot be used, and makes a test encryption with it before anything is saved.
 */
final class KeyUpload {

    /** Larger files are refused before they are parsed. */
    static final int MAX_UPLOAD = EncryptionKeys.MAX_KEY_SIZE;

    /** An accepted upload: the key to keep and, for the user, what it holds. */
    record Accepted(StoredKey key, List<String> recipients) {
    }

    private static final byte[] TEST_MESSAGE = ("From: <postmaster@localhost>\r\nTo: <you@localhost>\r\n"
            + "Subject: test\r\nMessage-ID: <test@localhost>\r\n\r\nA test encryption before your key is saved.\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    private KeyUpload() {
    }

    /**
     * @param kind       the method the user chose
     * @param cipherBits 128 or 256
     * @param upload     the file's bytes
     * @param now        the time keys must be valid at
     * @throws UploadRejected with a message for the user
     */
    static Accepted check(KeyKind kind, int cipherBits, byte[] upload, Instant now) throws UploadRejected {
        if (upload.length == 0) {
            throw new UploadRejected("The file is empty. Choose the file that holds your public key or certificate.");
        }
        if (upload.length > MAX_UPLOAD) {
            throw new UploadRejected("The file is " + upload.length + " bytes; a public key or certificate has at most "
                    + MAX_UPLOAD + " bytes (1 MB). Upload only your public key or certificate.");
        }
        AccountKey key;
        byte[] material;
        List<String> described;
        if (kind == KeyKind.PGP) {
            if (looksLikeCertificate(upload)) {
                throw new UploadRejected("This is an S/MIME certificate, not a PGP key. Choose an S/MIME method, or"
                        + " upload your PGP public key.");
            }
            List<PgpKeys.Recipient> recipients = PgpKeys.parseUpload(upload, now);
            material = PgpKeys.encode(recipients);
            key = new AccountKey(kind, cipherBits,
                    recipients.stream().flatMap(r -> r.encryptionKeys().stream()).toList(), List.of());
            described = recipients.stream().map(PgpKeys.Recipient::describe).toList();
        } else {
            if (new String(upload, StandardCharsets.ISO_8859_1).contains("-----BEGIN PGP")) {
                throw new UploadRejected("This is a PGP key, not an S/MIME certificate. Choose a PGP method, or upload"
                        + " your S/MIME certificate.");
            }
            List<X509Certificate> certificates = SmimeCertificates.parseUpload(upload, now);
            material = SmimeCertificates.encode(certificates);
            key = new AccountKey(kind, cipherBits, List.of(), certificates);
            described = certificates.stream().map(SmimeCertificates::describe).toList();
        }
        if (material.length > EncryptionKeys.MAX_KEY_SIZE) {
            throw new UploadRejected("These keys take more than 1 MB; upload fewer of them.");
        }
        testEncryption(key);
        return new Accepted(new StoredKey(kind, cipherBits, material, now), described);
    }

    private static boolean looksLikeCertificate(byte[] upload) {
        return new String(upload, StandardCharsets.ISO_8859_1).contains("-----BEGIN CERTIFICATE-----");
    }

    private static void testEncryption(AccountKey key) throws UploadRejected {
        try {
            MessageHead head = MessageHead.read(new ByteArrayInputStream(TEST_MESSAGE));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            key.encrypt(head, Set.of("subject"), out);
            if (out.size() == 0) {
                throw new IOException("nothing was written");
            }
        } catch (IOException | RuntimeException e) {
            throw new UploadRejected("A test encryption with this key failed (" + e.getMessage() + "). Nothing was"
                    + " changed; try another key or certificate.", e);
        }
    }
}
