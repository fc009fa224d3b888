package dev.hermod.store.foundationdb.internal;

import com.apple.foundationdb.ApiVersion;
import dev.hermod.api.store.StoreLimits;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checked configuration of PID {@value FoundationDbStoreComponent#PID}.
 *
 * @param name          the service's {@code name} property
 * @param clusterFile   the cluster file, {@code null} for FoundationDB's default
 * @param apiVersion    the FoundationDB API version
 * @param subspace      the subspace name, empty for none
 * @param prefix        the key prefix the subspace stands for
 * @param timeoutMillis the most one read or write may take, retries included
 * @param retryLimit    the most retries of one read or write
 */
record Settings(String name, Path clusterFile, int apiVersion, String subspace, KeyPrefix prefix, long timeoutMillis,
        int retryLimit) {

    /** Since 610, {@code onError} keeps the timeout and the retry count; the runner relies on it. */
    static final int MIN_API_VERSION = 610;
    /** The highest version fdb-java's {@code FDB.selectAPIVersion} accepts. */
    static final int MAX_API_VERSION = ApiVersion.LATEST;

    static Settings from(FoundationDbStoreComponent.Config config) {
        String name = config.name().trim();
        if (name.isEmpty()) {
            throw invalid("name", "must not be empty");
        }
        Path clusterFile = null;
        if (!config.cluster_file().isBlank()) {
            clusterFile = Path.of(config.cluster_file().trim());
            if (!Files.isRegularFile(clusterFile) || !Files.isReadable(clusterFile)) {
                throw invalid("cluster.file", clusterFile + " is not a readable file");
            }
        }
        int apiVersion = config.api_version();
        if (apiVersion < MIN_API_VERSION || apiVersion > MAX_API_VERSION) {
            throw invalid("api.version", "must be between " + MIN_API_VERSION + " and " + MAX_API_VERSION
                    + ", not " + apiVersion);
        }
        long timeout = config.transaction_timeout();
        if (timeout <= 0 || timeout > Integer.MAX_VALUE) {
            throw invalid("transaction.timeout", "must be a positive number of milliseconds, not " + timeout);
        }
        int retries = config.retry_limit();
        if (retries < 0 || retries > StoreLimits.MAX_RETRIES) {
            throw invalid("retry.limit", "must be between 0 and " + StoreLimits.MAX_RETRIES + ", not " + retries);
        }
        String subspace = config.subspace().trim();
        return new Settings(name, clusterFile, apiVersion, subspace, KeyPrefix.of(subspace), timeout, retries);
    }

    /** @return the cluster file's path for fdb-java, {@code null} for the default */
    String clusterFilePath() {
        return clusterFile == null ? null : clusterFile.toString();
    }

    private static IllegalArgumentException invalid(String key, String problem) {
        return new IllegalArgumentException("configuration " + FoundationDbStoreComponent.PID + ": " + key + " "
                + problem);
    }
}
