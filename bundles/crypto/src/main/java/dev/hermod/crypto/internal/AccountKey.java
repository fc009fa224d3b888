package dev.hermod.crypto.internal;

import dev.hermod.api.crypto.EncryptionKeys.StoredKey;
import dev.hermod.api.crypto.KeyKind;
import java.io.IOException;
import java.io.OutputStream;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.bouncycastle.openpgp.PGPPublicKey;

/** An account's kept key, parsed: the recipients every message is encrypted to, and the cipher. */
record AccountKey(KeyKind kind, int cipherBits, List<PGPPublicKey> pgpKeys, List<X509Certificate> certificates) {

    /** Parses a kept key; revoked OpenPGP keys are left out. */
    static AccountKey of(StoredKey stored, Instant now) throws IOException {
        return stored.kind() == KeyKind.PGP
                ? new AccountKey(KeyKind.PGP, stored.cipherBits(), PgpKeys.encryptionKeys(stored.material(), now), List.of())
                : new AccountKey(KeyKind.SMIME, stored.cipherBits(), List.of(),
                        SmimeCertificates.decode(stored.material()));
    }

    boolean usable() {
        return !pgpKeys.isEmpty() || !certificates.isEmpty();
    }

    /** Writes the encrypted message for a message whose header has been read. */
    void encrypt(MessageHead head, Set<String> visible, OutputStream out) throws IOException {
        if (kind == KeyKind.PGP) {
            PgpMimeWriter.write(head, visible, pgpKeys, cipherBits, out);
        } else {
            SmimeWriter.write(head, visible, certificates, cipherBits, out);
        }
    }
}
