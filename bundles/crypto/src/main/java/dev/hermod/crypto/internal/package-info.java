/**
 * Encryption at rest with Bouncy Castle, and the {@code /crypto} form.
 *
 * <p>{@link dev.hermod.crypto.internal.AtRestEncryptor} is the {@link dev.hermod.api.crypto.MessageEncryptor}
 * named {@code bc} (PID {@code crypto}): for an account that keeps a key in the core's
 * {@link dev.hermod.api.crypto.EncryptionKeys}, the whole original message is encrypted — as PGP/MIME (RFC 3156,
 * SEIPD with MDC, AES-256 or AES-128) or as S/MIME enveloped data (RFC 8551 §3.3, CMS with AES-256-CBC or
 * AES-128-CBC; RSA key transport with PKCS #1 v1.5, EC with ephemeral-static ECDH) — and only the configured
 * header fields ({@code crypto.visible.headers}, by default From, To, Cc, Subject, Date, Message-ID) stay
 * readable outside. Messages already encrypted are stored as they are.
 *
 * <p>{@link dev.hermod.crypto.internal.CryptoPage} is the form at {@code /crypto}, served while
 * {@code jmap.encryption.enable} is true: it checks the user's password, checks the upload
 * ({@link dev.hermod.crypto.internal.KeyUpload}: no private keys, no expired or non-encrypting keys, a test
 * encryption) and only then stores it.
 */
package dev.hermod.crypto.internal;
