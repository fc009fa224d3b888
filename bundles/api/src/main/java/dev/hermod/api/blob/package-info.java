/**
 * The blob store SPI: immutable, content-addressed byte streams — the raw RFC 5322 messages, attachments
 * uploaded through JMAP, Sieve scripts — named by their SHA-256 {@link dev.hermod.api.mail.BlobHash}.
 *
 * <p>A provider registers a {@link dev.hermod.api.blob.BlobStore} service with a
 * {@value dev.hermod.api.blob.BlobStore#NAME} property. Hermod ships a local file system provider (a tree
 * under the data directory) and an S3 provider.
 *
 * <p>The blob store knows nothing of messages or accounts: the core records which blobs are in use in the
 * {@link dev.hermod.api.store.KeyValueStore KeyValueStore} and deletes a blob only when nothing refers to
 * it any more.
 */
@Export
@Version("1.0.0")
package dev.hermod.api.blob;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
