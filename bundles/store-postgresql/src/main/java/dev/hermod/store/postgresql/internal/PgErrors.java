package dev.hermod.store.postgresql.internal;

import dev.hermod.api.mail.TemporaryFailureException;
import dev.hermod.api.store.ConflictException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/** Maps PostgreSQL errors (by SQLSTATE, PostgreSQL manual appendix A) to the store's exceptions. */
final class PgErrors {

    private final String server;

    /** @param server {@code host:port}, for messages */
    PgErrors(String server) {
        this.server = server;
    }

    String server() {
        return server;
    }

    RuntimeException map(SQLException e, String doing) {
        String state = sqlState(e);
        String message = message(e);
        if (state != null) {
            switch (state) {
                case "40001", "40P01", "23505", "55P03", "57014":
                    // serialization_failure, deadlock_detected, unique_violation (a concurrent insert),
                    // lock_not_available, query_canceled (statement_timeout while waiting for a lock)
                    return new ConflictException("PostgreSQL at " + server + ": " + message, e);
                case PgSchema.NOT_A_COUNTER:
                    return new IllegalStateException("cannot add to a key: " + message, e);
                case "28P01", "28000":
                    return new TemporaryFailureException("PostgreSQL at " + server + " refused the login: " + message
                            + "; check store.postgresql user and password", e);
                case "3D000":
                    return new TemporaryFailureException("PostgreSQL at " + server + ": " + message
                            + "; create the database or fix store.postgresql database", e);
                default:
                    break;
            }
        }
        if (unavailable(e, state)) {
            String text = "PostgreSQL at " + server + " unavailable: " + message;
            // The pool could not connect at all: fail now. A connection that worked and died: the store retries once.
            return e instanceof SQLTransientConnectionException
                    ? new TemporaryFailureException(text, e) : new LostConnectionException(text, e);
        }
        return new TemporaryFailureException("PostgreSQL at " + server + " failed while " + doing
                + (state == null ? "" : " (SQLSTATE " + state + ")") + ": " + message, e);
    }

    // Connection exceptions (08), operator intervention (57P01-57P03), insufficient resources (53).
    private static boolean unavailable(SQLException e, String state) {
        return e instanceof SQLTransientConnectionException
                || e instanceof SQLNonTransientConnectionException
                || e instanceof SQLRecoverableException
                || state != null && (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53"));
    }

    // A batch reports the failing statement's error as its next exception.
    private static String sqlState(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if (s.getSQLState() != null && !s.getSQLState().isEmpty()) {
                return s.getSQLState();
            }
        }
        Throwable cause = e.getCause();
        return cause instanceof SQLException s ? s.getSQLState() : null;
    }

    // The pool reports its last connection failure as next exception; a batch, the failing statement's error.
    private static String message(SQLException e) {
        SQLException next = e.getNextException();
        if (next != null && next.getMessage() != null) {
            return next.getMessage();
        }
        Throwable cause = e.getCause();
        return cause != null && cause.getMessage() != null && e instanceof SQLTransientConnectionException
                ? e.getMessage() + " (" + cause.getMessage() + ")" : e.getMessage();
    }
}
