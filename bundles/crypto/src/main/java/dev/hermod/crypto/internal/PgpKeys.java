package dev.hermod.crypto.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.bcpg.PacketFormat;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.api.OpenPGPCertificate.OpenPGPComponentKey;
import org.bouncycastle.openpgp.api.OpenPGPKeyReader;

/**
 * OpenPGP certificates (transferable public keys, RFC 9580 §10.1) as users upload them and as they are
 * kept: binary, one after the other.
 */
final class PgpKeys {

    private PgpKeys() {
    }

    /** One uploaded certificate with the subkeys messages are encrypted to. */
    record Recipient(OpenPGPCertificate certificate, List<PGPPublicKey> encryptionKeys) {

        String describe() {
            String uid = certificate.getPrimaryKey().getPGPPublicKey().getUserIDs().hasNext()
                    ? certificate.getPrimaryKey().getPGPPublicKey().getUserIDs().next() : "no user id";
            return certificate.getPrettyFingerprint() + " (" + uid + ")";
        }
    }

    /**
     * Parses and checks an upload: one or several public keys, binary or ASCII-armored.
     *
     * @throws UploadRejected for a private key, garbage, a revoked or expired key, or one that cannot encrypt
     */
    static List<Recipient> parseUpload(byte[] upload, Instant now) throws UploadRejected {
        String text = new String(upload, StandardCharsets.ISO_8859_1);
        if (text.contains("-----BEGIN PGP PRIVATE KEY BLOCK-----")) {
            throw new UploadRejected("This file holds a PGP private key. Never give your private key to anyone, this"
                    + " server included: export only the public key (gpg --armor --export you@example.org) and"
                    + " upload that.");
        }
        List<OpenPGPCertificate> certificates;
        try {
            certificates = new OpenPGPKeyReader().parseKeysOrCertificates(upload);
        } catch (IOException | RuntimeException e) {
            throw new UploadRejected("This file is not an OpenPGP public key. Export your key with"
                    + " gpg --armor --export you@example.org and upload the file it writes.", e);
        }
        if (certificates.isEmpty()) {
            throw new UploadRejected("This file is not an OpenPGP public key: none was found in it. Export your key with"
                    + " gpg --armor --export you@example.org and upload the file it writes.");
        }
        List<Recipient> recipients = new ArrayList<>();
        for (OpenPGPCertificate c : certificates) {
            if (c.isSecretKey()) {
                throw new UploadRejected("This file holds a PGP private key. Never give your private key to anyone,"
                        + " this server included: export only the public key (gpg --armor --export"
                        + " you@example.org) and upload that.");
            }
            recipients.add(check(c, now));
        }
        return recipients;
    }

    /** The encryption subkeys valid now; refuses a certificate without one, saying why. */
    private static Recipient check(OpenPGPCertificate c, Instant now) throws UploadRejected {
        Date at = Date.from(now);
        String which = "The key " + c.getPrettyFingerprint();
        if (c.getRevocation(at) != null) {
            throw new UploadRejected(which + " is revoked. Upload a key that is in use.");
        }
        Date expires = c.getExpirationTime(at);
        if (expires != null && !expires.after(at)) {
            throw new UploadRejected(which + " expired on " + expires.toInstant() + ". Extend it (gpg"
                    + " --quick-set-expire) or make a new key, then upload its public key again.");
        }
        List<PGPPublicKey> keys = new ArrayList<>();
        for (OpenPGPComponentKey k : c.getEncryptionKeys(at)) {
            keys.add(k.getPGPPublicKey());
        }
        if (keys.isEmpty()) {
            throw new UploadRejected(which + " cannot encrypt: it has no valid encryption subkey (only signing, or"
                    + " the subkey expired). Add one (gpg --quick-add-key <fingerprint> default encr) and upload the"
                    + " public key again.");
        }
        return new Recipient(c, keys);
    }

    /** The certificates as kept: binary, one after the other. */
    static byte[] encode(List<Recipient> recipients) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Recipient r : recipients) {
            try {
                out.writeBytes(r.certificate().getEncoded(PacketFormat.ROUNDTRIP));
            } catch (IOException e) {
                throw new IllegalStateException("cannot encode an OpenPGP certificate", e);
            }
        }
        return out.toByteArray();
    }

    /**
     * The encryption keys of kept certificates. Keys that expired since the upload are still used (the user's
     * private key still decrypts, and the alternative is storing mail in the clear); revoked ones are not.
     *
     * @return the keys, empty when none is usable
     */
    static List<PGPPublicKey> encryptionKeys(byte[] material, Instant now) throws IOException {
        List<PGPPublicKey> keys = new ArrayList<>();
        Date at = Date.from(now);
        for (OpenPGPCertificate c : new OpenPGPKeyReader().parseCertificates(material)) {
            if (c.getRevocation(at) != null) {
                continue;
            }
            List<OpenPGPComponentKey> valid = c.getEncryptionKeys(at);
            if (valid.isEmpty()) {
                // Expired since: evaluate at the newest moment it was valid, its expiry.
                Date expires = c.getExpirationTime(at);
                if (expires != null) {
                    valid = c.getEncryptionKeys(new Date(expires.getTime() - 1000));
                }
            }
            valid.forEach(k -> keys.add(k.getPGPPublicKey()));
        }
        return keys;
    }
}
