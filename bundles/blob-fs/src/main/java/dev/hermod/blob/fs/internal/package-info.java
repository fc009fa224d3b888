/**
 * The file system blob store ({@code name=fs}, ranking 0, PID {@code blob.fs}): each blob is a file named by
 * its SHA-256 under a two-level fan-out, {@code ab/cd/abcd…}, below the configured directory (default
 * {@code <karaf.data>/hermod/blobs}).
 *
 * <p>A put streams the content into {@code tmp/<random>.tmp} in the same directory tree, hashing it as it
 * goes; then, with {@code fsync} on (the default), syncs the file, renames it to its hash (an atomic
 * {@code rename(2)}) and syncs the directory holding the new name, so a blob is either absent or complete
 * and on disk when put returns. A fan-out directory's own entry is synced once per process the first time
 * it is used. Concurrent puts of the same content each write their own temporary file; the first rename
 * publishes the blob and the others find it there and drop theirs, all returning the same hash. Files
 * left in {@code tmp/} by a crash are deleted when the store starts, and never listed.
 *
 * <p>Files are created owner-only ({@code rw-------}, directories {@code rwx------}) on POSIX file systems:
 * blobs are people's mail. Failures of the file system (no space, permissions) are
 * {@link dev.hermod.api.mail.TemporaryFailureException}s naming the path.
 */
package dev.hermod.blob.fs.internal;
