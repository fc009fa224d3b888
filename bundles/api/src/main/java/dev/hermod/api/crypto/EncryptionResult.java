package dev.hermod.api.crypto;

/** What {@link MessageEncryptor#encrypt} did with a message. */
public enum EncryptionResult {
    /** The encrypted message was written to the output; the core stores it instead of the original. */
    ENCRYPTED,
    /**
     * The message is already encrypted (PGP/MIME, inline PGP or S/MIME enveloped data); nothing was written,
     * and the core stores the original.
     */
    ALREADY_ENCRYPTED,
    /** The account has no key (any more); nothing was written, and the core stores the original. */
    NO_KEY
}
