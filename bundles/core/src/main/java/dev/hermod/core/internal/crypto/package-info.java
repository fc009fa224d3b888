/**
 * Encryption at rest, the core's side: {@link dev.hermod.core.internal.crypto.EncryptionKeyStore} keeps each
 * account's public key ({@link dev.hermod.api.crypto.EncryptionKeys}) in the metadata store, and
 * {@link dev.hermod.core.internal.crypto.AtRestEncryption} runs a message through the
 * {@link dev.hermod.api.crypto.MessageEncryptor} in use before it is stored.
 *
 * <p>Keys, under the prefix {@code 23} (the mail store keeps {@code 01}–{@code 1F}, the outbound queue
 * {@code 20}, Sieve scripts {@code 21}, filter state {@code 22}): {@code 23 <account UTF-8> 00 <chunk>} →
 * a part of the key record, chunk {@code 00} first. Chunk {@code 00} starts with the record's header:
 * format (1 octet, {@code 01}), kind (1 octet: {@code 01} OpenPGP, {@code 02} S/MIME), AES key bits
 * (2 octets), update time (8 octets, epoch milliseconds), material length (4 octets), all big-endian; then
 * the material, continued in chunks {@code 01}, {@code 02}, ... of at most 64 KB each, within the store's
 * value limit. Principal names never contain NUL, so one account's keys never run into another's.
 *
 * <p>Which paths encrypt: local delivery (SMTP, LMTP, Sieve's fileinto) always, for every account with a key;
 * messages added by clients (IMAP APPEND, JMAP Email/import and Email/set) only when
 * {@code mailstore.encrypt.appends} is {@code true}.
 */
package dev.hermod.core.internal.crypto;
