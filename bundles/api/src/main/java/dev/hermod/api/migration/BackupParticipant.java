package dev.hermod.api.migration;

import java.io.IOException;
import java.io.InputStream;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * State kept outside the metadata and blob stores, included in a server backup: for instance the embedded
 * SQLite directory, or the DKIM keys in {@code etc/dkim}. Register one service per kind of state with the
 * service property {@value #NAME}; {@link ServerBackup} writes its files under {@code files/<name>/} after the
 * stores, and gives them back to the participant of that name on restore (files of a participant that is not
 * running are skipped and reported).
 */
@ConsumerType
public interface BackupParticipant {

    /** Service property: the participant's name, letters, digits, {@code -} and {@code .} (required). */
    String NAME = "hermod.backup.name";

    /** Receives a participant's files. */
    @FunctionalInterface
    interface Files {
        /**
         * Adds a file to the archive.
         *
         * @param path    a relative path with {@code /} separators, no {@code ..}
         * @param content its bytes, read to the end, not closed
         * @throws IOException if reading {@code content} or writing the archive fails
         */
        void add(String path, InputStream content) throws IOException;
    }

    /**
     * Writes a consistent copy of the participant's state.
     *
     * @param files where the files go
     * @throws IOException if the state cannot be read; the backup fails
     */
    void backup(Files files) throws IOException;

    /**
     * Restores one file written by {@link #backup}. Called once per file, in the order they were written.
     *
     * @param path    the path given to {@link Files#add}
     * @param content its bytes; not closed
     * @throws IOException if the file cannot be restored; the restore reports it and goes on
     */
    void restore(String path, InputStream content) throws IOException;
}
