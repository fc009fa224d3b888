package dev.hermod.store.sqlite.internal;

import dev.hermod.api.mail.TemporaryFailureException;
import dev.hermod.api.store.ConflictException;
import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlite.SQLiteException;

/** Maps SQLite errors to the store's exceptions, with a message an administrator can act on. */
final class SqliteErrors {

    // Primary result codes, https://www.sqlite.org/rescode.html
    private static final int PERM = 3;
    private static final int BUSY = 5;
    private static final int LOCKED = 6;
    private static final int READONLY = 8;
    private static final int IOERR = 10;
    private static final int CORRUPT = 11;
    private static final int FULL = 13;
    private static final int CANTOPEN = 14;
    private static final int NOTADB = 26;

    private SqliteErrors() {
    }

    static RuntimeException map(SQLException e, Path file, String doing) {
        int code = (e instanceof SQLiteException s ? s.getResultCode().code : e.getErrorCode()) & 0xFF;
        String where = "SQLite database " + file;
        return switch (code) {
            case BUSY, LOCKED -> new ConflictException(where + " is locked by another connection or process while "
                    + doing + " (" + e.getMessage() + "); the transaction is retried", e);
            case FULL -> new TemporaryFailureException(where + ": the disk is full while " + doing
                    + "; free some space", e);
            case IOERR, CANTOPEN, READONLY, PERM -> new TemporaryFailureException(where + ": I/O error while " + doing
                    + " (" + e.getMessage() + "); check the disk, the file and its directory's permissions", e);
            case CORRUPT, NOTADB -> new TemporaryFailureException(where + " is damaged or not a database ("
                    + e.getMessage() + "); stop Hermod and restore the file from a backup", e);
            default -> new TemporaryFailureException(where + " failed while " + doing + ": " + e.getMessage(), e);
        };
    }
}
