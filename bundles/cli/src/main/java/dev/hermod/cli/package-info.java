/**
 * {@code hermod-cli}: the command line of migrations, backups and the outbound queue
 * ({@link dev.hermod.cli.HermodCli}, picocli).
 *
 * <p>It calls the admin HTTP API of a running server ({@code /admin/api}, see {@code dev.hermod.migration.internal.http}):
 * operations answer with an event stream of progress, drawn here as a bar with rate and ETA
 * ({@link dev.hermod.cli.ProgressView}); the same operations are the shell's {@code hermod:} commands, one
 * implementation behind both. Paths name files on the server's machine. Credentials: a bearer token, or the Karaf
 * admin's password (by default {@code etc/admin.password} of {@code HERMOD_HOME}). Exit codes:
 * {@link dev.hermod.cli.ExitCodes}.
 *
 * <p>{@code backup --offline} and {@code restore --offline} open a stopped server's embedded stores directly
 * (SQLite metadata, file-system blobs, the embedded directory file, {@code etc/dkim}) while holding Karaf's
 * instance lock, for a restore into a fresh install without starting it first, or a backup with nothing running.
 * Other backends are restored online, into a fresh install running on them.
 *
 * <p>Built as a plain jar and as one runnable jar with its dependencies ({@code -all}), which the runtime ships as
 * {@code lib/hermod-cli.jar} beside the launcher {@code bin/hermod-cli} ({@code src/main/dist}).
 */
package dev.hermod.cli;
