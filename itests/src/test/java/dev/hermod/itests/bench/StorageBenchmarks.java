package dev.hermod.itests.bench;

import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.testing.PostgresServer;
import dev.hermod.testing.S3Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Benchmark driver for the storage providers on this machine (not a test). Run with
 * {@code itests/bench/storage.sh}; prints one table for the key-value stores and one for the blob stores.
 * PostgreSQL and the S3 server are real servers started on 127.0.0.1.
 */
public final class StorageBenchmarks {

    private StorageBenchmarks() {}

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("hermod-bench");
        System.out.println("Key-value stores: " + StorageBenchmark.KEYS + " keys of 11 B with 100 B values; 3 s per figure");
        System.out.printf("%-12s %14s %16s %16s %17s%n", "provider", "point reads/s", "range keys/s", "write txn/s (1)", "write txn/s (16)");
        kv("sqlite", "dev.hermod.store.sqlite.internal.SqliteStoreComponent", Map.of("path", work.resolve("bench.sqlite").toString()), work);
        PostgresServer pg = PostgresServer.shared();
        kv("postgresql", "dev.hermod.store.postgresql.internal.PostgresqlStoreComponent",
                Map.of("url", pg.jdbcUrl(), "user", pg.user(), ".password", pg.password(), "table", "bench_kv"), work);
        System.out.println();
        System.out.println("Blob stores: 2000 blobs of 4 KiB, 100 blobs of 1 MiB");
        System.out.printf("%-12s %14s %14s %14s %14s%n", "provider", "put 4K MB/s", "get 4K MB/s", "put 1M MB/s", "get 1M MB/s");
        blobs("fs", "dev.hermod.blob.fs.internal.FsBlobStore", Map.of("directory", work.resolve("blobs").toString()), work);
        S3Server s3 = S3Server.shared();
        blobs("s3", "dev.hermod.blob.s3.internal.S3BlobStore", Map.of("endpoint", s3.endpoint().toString(),
                "region", s3.region(), "bucket", "bench", "createBucket", "true", "pathStyle", "true",
                "accessKey", s3.accessKey(), ".secretKey", s3.secretKey()), work);
        System.exit(0);
    }

    private static void kv(String name, String component, Map<String, Object> config, Path work) throws Exception {
        Object store = Components.create(Class.forName(component), config, work);
        try {
            double[] r = StorageBenchmark.keyValue((KeyValueStore) store);
            System.out.printf("%-12s %14s %16s %16s %17s%n", name, StorageBenchmark.format(r[0]),
                    StorageBenchmark.format(r[1]), StorageBenchmark.format(r[2]), StorageBenchmark.format(r[3]));
        } finally {
            Components.deactivate(store);
        }
    }

    private static void blobs(String name, String component, Map<String, Object> config, Path work) throws Exception {
        Object store = Components.create(Class.forName(component), config, work);
        try {
            double[] r = StorageBenchmark.blobs((BlobStore) store);
            System.out.printf("%-12s %14s %14s %14s %14s%n", name, StorageBenchmark.format(r[0]),
                    StorageBenchmark.format(r[1]), StorageBenchmark.format(r[2]), StorageBenchmark.format(r[3]));
        } finally {
            Components.deactivate(store);
        }
    }
}
