package dev.hermod.api.crypto;

import dev.hermod.api.mail.TemporaryFailureException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Encrypts messages at rest with an account's public key, so that a stolen disk or blob bucket reveals
 * nothing of them: only the user's mail client, holding the private key, can read them.
 *
 * <p>The core calls it at local delivery, after filtering and before the message goes into the
 * {@link dev.hermod.api.blob.BlobStore BlobStore}, for each account that enabled encryption at rest:
 * <pre>{@code
 * if (encryptor.keyKind(account).isPresent()) {
 *     try (InputStream in = content.open(); OutputStream out = spool.create()) {
 *         if (encryptor.encrypt(account, in, out) == EncryptionResult.ENCRYPTED) { store the spool }
 *         else { store the original }
 *     }
 * }
 * }</pre>
 * An encrypted copy is specific to its account, so a message to several such accounts is stored once per
 * account. Body search (IMAP {@code SEARCH BODY}, JMAP {@code text}) then finds nothing in it; header
 * search still works.
 *
 * <h2>The encrypted message</h2>
 * It is a complete RFC 5322 message. Its body is the whole original message, header and body, encrypted:
 * {@code multipart/encrypted} for {@link KeyKind#PGP} (RFC 3156 §4),
 * {@code application/pkcs7-mime; smime-type=enveloped-data} for {@link KeyKind#SMIME} (RFC 8551 §3.3), so
 * that decrypting it gives back the original exactly. Its header repeats, in the clear, only the original
 * fields a client needs to list the message (the provider's configuration says which; typically
 * {@code From}, {@code To}, {@code Cc}, {@code Subject}, {@code Date} and {@code Message-ID}, so IMAP
 * {@code ENVELOPE}, sorting and JMAP {@code Email/query} keep working); every other field, the
 * {@code Content-*} ones included, is readable only after decryption. The trace fields the core keeps with
 * the message record (Return-Path, Delivered-To, this server's Received) are not passed to the encryptor.
 *
 * <h2>Service properties</h2>
 * <ul>
 *   <li>{@value #NAME} (String) — the provider instance's name, for a target filter
 *       such as {@code encryption.target = (name=bc)}.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * Thread safe; called concurrently for different messages, never on a network event loop.
 */
@ConsumerType
public interface MessageEncryptor {

    /** Service property naming this provider, for target filters. */
    String NAME = "name";

    /**
     * Whether an account has a public key to encrypt its mail with, and of which kind.
     *
     * @param accountName the account's principal name, not {@code null}
     * @return the key's kind, or empty if the account has no usable key (none, or revoked: an expired key is
     *         still used, since the user's private key still decrypts, and storing in the clear would be worse)
     * @throws TemporaryFailureException if the keys cannot be read now; the core defers the delivery rather
     *                                   than store the message unencrypted
     */
    Optional<KeyKind> keyKind(String accountName);

    /**
     * Encrypts a message for an account, streaming it from {@code plainMessage} to {@code out}.
     *
     * <p>The provider first reads the message's header; if the message is already encrypted it returns
     * {@link EncryptionResult#ALREADY_ENCRYPTED} without writing anything, and if the account has no usable
     * key, {@link EncryptionResult#NO_KEY}. In both cases the core stores its original copy. Otherwise it
     * writes the whole encrypted message (see the class documentation) and returns
     * {@link EncryptionResult#ENCRYPTED}.
     *
     * @param accountName  the account's principal name, not {@code null}
     * @param plainMessage the message as it would be stored (CRLF line ends), from its first byte; not
     *                     {@code null}; read as far as needed, not closed
     * @param out          where to write the encrypted message, not {@code null}; not closed
     * @return what was done, never {@code null}
     * @throws IOException               if reading {@code plainMessage} or writing {@code out} fails; the core
     *                                   discards whatever was written and defers the delivery
     * @throws TemporaryFailureException if the keys cannot be read now; the core defers the delivery
     */
    EncryptionResult encrypt(String accountName, InputStream plainMessage, OutputStream out) throws IOException;
}
