package dev.hermod.store.foundationdb.internal;

import com.apple.foundationdb.Database;
import com.apple.foundationdb.FDB;
import com.apple.foundationdb.FDBException;

/**
 * The process-wide FoundationDB client. Its API version can be selected, and its network thread started,
 * once per process: this holder selects it on the first activation and hands the same client to later
 * ones; the network is never stopped (fdb-java stops it at JVM exit).
 */
final class FdbClient {

    static final String LIBRARY_MISSING = "FoundationDB client library libfdb_c.so not found: install the"
            + " FoundationDB client package (foundationdb-clients, https://github.com/apple/foundationdb/releases)"
            + " of your cluster's version, or set the system property FDB_LIBRARY_PATH_FDB_C to the library's path;"
            + " the FoundationDB store is not started";

    private static FDB client;

    private FdbClient() {
    }

    /**
     * @return the client at {@code apiVersion}
     * @throws IllegalStateException with a message for the admin if the client cannot be loaded or set up
     */
    static synchronized FDB select(int apiVersion) {
        if (client != null) {
            if (client.getAPIVersion() != apiVersion) {
                throw new IllegalStateException("FoundationDB API version " + client.getAPIVersion() + " is in use"
                        + " and cannot change while Hermod runs: set " + FoundationDbStoreComponent.PID
                        + " api.version back to it, or restart Hermod to use " + apiVersion);
            }
            return client;
        }
        try {
            client = FDB.selectAPIVersion(apiVersion);
            return client;
        } catch (LinkageError e) {
            // FDB's static initializer failed; later attempts see NoClassDefFoundError, also a LinkageError.
            throw new IllegalStateException(LIBRARY_MISSING + " (" + rootMessage(e) + ")", e);
        } catch (FDBException e) {
            throw new IllegalStateException(selectFailure(e, apiVersion), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("FoundationDB API version " + apiVersion + ": " + e.getMessage(), e);
        }
    }

    /** Opens a database; this starts the client's network on first use, and reads the cluster file. */
    static Database open(FDB fdb, String clusterFile) {
        String file = clusterFile == null ? "the default cluster file" : "cluster file " + clusterFile;
        try {
            return fdb.open(clusterFile);
        } catch (FDBException e) {
            throw new IllegalStateException(openFailure(e, file), e);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("FoundationDB's network was stopped in this process: restart Hermod ("
                    + e.getMessage() + ")", e);
        }
    }

    static String selectFailure(FDBException e, int apiVersion) {
        return switch (e.getCode()) {
            case 2201 -> "the FoundationDB client library of this process already uses another API version"
                    + " (set by an earlier copy of this bundle?): restart Hermod";
            case 2203 -> "the installed FoundationDB client library does not support API version " + apiVersion
                    + ": lower " + FoundationDbStoreComponent.PID + " api.version to the client's version"
                    + " (730 for 7.3) or install a newer client";
            default -> "FoundationDB refused API version " + apiVersion + ": " + FdbErrors.describe(e);
        };
    }

    static String openFailure(FDBException e, String file) {
        return switch (e.getCode()) {
            case 2009 -> "FoundationDB's network was already started in this process by an earlier copy of this"
                    + " bundle (it was updated or refreshed); FoundationDB starts it once per process: restart Hermod";
            case 1511, 1513, 1515 -> "FoundationDB " + file + " was not found or is not readable: set "
                    + FoundationDbStoreComponent.PID + " cluster.file or the environment variable FDB_CLUSTER_FILE,"
                    + " or install /etc/foundationdb/fdb.cluster (" + FdbErrors.describe(e) + ")";
            case 2104 -> "FoundationDB " + file + " does not hold a valid connection string"
                    + " (description:id@host:port,...): " + FdbErrors.describe(e);
            default -> "FoundationDB could not open the database with " + file + ": " + FdbErrors.describe(e);
        };
    }

    private static String rootMessage(Throwable t) {
        String message = t.toString();
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null) {
                message = c.getMessage();
            }
        }
        return message;
    }
}
