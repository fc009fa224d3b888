/**
 * Cryptography plug-ins: {@link dev.hermod.api.crypto.MessageEncryptor} encrypts messages at rest for
 * accounts that uploaded a public key (OpenPGP or S/MIME), and {@link dev.hermod.api.crypto.MessageSigner}
 * adds DKIM signatures to outgoing mail; {@link dev.hermod.api.crypto.DkimKeyAdmin} creates and lists the
 * signer's keys for admin tools. {@link dev.hermod.api.crypto.EncryptionKeys}, kept by the core, holds each
 * account's public key for encryption at rest.
 *
 * <p>Hermod's {@code dev.hermod.crypto} and {@code dev.hermod.dkim} bundles provide them with Bouncy
 * Castle. Private keys never leave the provider; messages are streamed, never held whole in memory.
 */
@Export
@Version("1.1.0")
package dev.hermod.api.crypto;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
