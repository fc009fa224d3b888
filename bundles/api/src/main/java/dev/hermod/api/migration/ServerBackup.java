package dev.hermod.api.migration;

import dev.hermod.api.admin.MigrationProgress;
import java.io.InputStream;
import java.io.OutputStream;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Backup and restore of the whole server, independent of the store and blob backends.
 *
 * <h2>The archive</h2>
 * A ZIP stream, written and read front to back (it can go to a pipe or an HTTP response):
 * <ol>
 *   <li>{@code hermod-backup.properties}, first: {@code format=hermod-backup}, {@code version} (the format
 *       version, {@value #FORMAT_VERSION} today), {@code created}, {@code producer};</li>
 *   <li>{@code blobs/<sha-256 hex>}: the bytes of every blob the metadata refers to, each before the
 *       metadata that refers to it;</li>
 *   <li>{@code kv/<n>.kv}: the metadata store's keys and values, as records of a 4-byte big-endian key length,
 *       the key, a 4-byte value length and the value;</li>
 *   <li>{@code files/<participant>/<path>}: the files of each {@link BackupParticipant};</li>
 *   <li>{@code summary.properties}, last: counts, sizes and checksums that a restore verifies.</li>
 * </ol>
 * A reader refuses an archive whose version is newer than it knows, and reads every older version.
 *
 * <h2>Consistency while the server runs</h2>
 * Each account's mail is one consistent snapshot: its key range is read in one read transaction (an account
 * too large for one is read in batches, again until its counters are the same before and after); its blobs are
 * copied before its metadata, and an account one of whose messages went meanwhile is read again. The global keys (account names,
 * the outbound queue, Sieve scripts, filter state) are copied after the accounts, blob reference counts are
 * computed from the accounts' snapshots, and blobs created meanwhile are copied last. Mail delivered while
 * the backup runs is in it or not, never half.
 *
 * <p>Both methods block for as long as the work takes and report to {@code progress} on the working thread.
 */
@ProviderType
public interface ServerBackup {

    /** The archive format version this Hermod writes. */
    int FORMAT_VERSION = 1;

    /**
     * Writes an archive of the whole server: the metadata store and blob store in use and every participant.
     *
     * @param out      where the archive goes; written to its end and flushed, not closed
     * @param progress told as the work advances, not {@code null}
     * @return what the archive holds
     * @throws java.io.UncheckedIOException if writing to {@code out} fails
     * @throws dev.hermod.api.mail.TemporaryFailureException if a store is unavailable or an account kept
     *         changing too fast to be read consistently; run it again
     */
    BackupReport backup(OutputStream out, MigrationProgress progress);

    /**
     * Restores an archive into the stores in use, which must be empty (a fresh install): writes every blob
     * (checking each hash), every key, and the participants' files, then reads the store back and compares
     * count and checksum with the archive's summary.
     *
     * @param in       the archive, read to its end, not closed
     * @param progress told as the work advances, not {@code null}
     * @return what was restored and whether it verified
     * @throws IllegalStateException if the metadata store already holds data
     * @throws IllegalArgumentException if the stream is not a Hermod archive, is truncated, or has a newer
     *         format version than this Hermod reads
     * @throws dev.hermod.api.mail.TemporaryFailureException if a store is unavailable
     */
    RestoreReport restore(InputStream in, MigrationProgress progress);
}
