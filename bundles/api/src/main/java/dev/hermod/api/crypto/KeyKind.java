package dev.hermod.api.crypto;

/** The kind of public key an account encrypts its stored mail with. */
public enum KeyKind {
    /** OpenPGP (RFC 9580), producing PGP/MIME messages (RFC 3156). */
    PGP,
    /** S/MIME (RFC 8551), producing {@code application/pkcs7-mime} enveloped-data messages. */
    SMIME
}
