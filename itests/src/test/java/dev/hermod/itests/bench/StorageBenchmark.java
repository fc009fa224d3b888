package dev.hermod.itests.bench;

import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.mail.BlobHash;
import dev.hermod.api.store.KeyValueIterator;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.api.store.Keys;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Measures one KeyValueStore or BlobStore provider and prints one table row. Not a test: figures vary
 * with the machine; {@link StorageBenchmarks} runs it for every provider side by side.
 */
public final class StorageBenchmark {

    static final int KEYS = 100_000;
    private static final long PHASE_NANOS = TimeUnit.SECONDS.toNanos(3);

    private StorageBenchmark() {}

    /** point reads/s, range-scan keys/s, write txns/s with 1 and 16 writers. */
    public static double[] keyValue(KeyValueStore store) throws Exception {
        byte[] value = new byte[100];
        for (int batch = 0; batch < KEYS; batch += 1000) {
            int first = batch;
            store.write(txn -> {
                for (int i = first; i < first + 1000; i++) {
                    txn.set(key(i), value);
                }
                return null;
            });
        }
        double reads = timed(1, () -> store.read(txn -> txn.get(key(ThreadLocalRandom.current().nextInt(KEYS)))));
        long start = System.nanoTime();
        long scanned = 0;
        for (int round = 0; round < 3; round++) {
            byte[] from = key(0);
            while (true) {
                byte[] begin = from;
                byte[][] last = new byte[1][];
                int n = store.read(txn -> {
                    int count = 0;
                    try (KeyValueIterator it = txn.range(begin, new byte[] {'k', 'f'}, 10_000, false)) {
                        while (it.hasNext()) {
                            last[0] = it.next().key();
                            count++;
                        }
                    }
                    return count;
                });
                scanned += n;
                if (n < 10_000) {
                    break;
                }
                from = java.util.Arrays.copyOf(last[0], last[0].length + 1);
            }
        }
        double scan = scanned / ((System.nanoTime() - start) / 1e9);
        double write1 = timed(1, () -> store.write(txn -> {
            txn.set(key(KEYS + ThreadLocalRandom.current().nextInt(1_000_000)), value);
            return null;
        }));
        double write16 = timed(16, () -> store.write(txn -> {
            txn.set(key(KEYS + ThreadLocalRandom.current().nextInt(1_000_000)), value);
            return null;
        }));
        return new double[] {reads, scan, write1, write16};
    }

    /** put and get MB/s for 4 KB and for 1 MB blobs. */
    public static double[] blobs(BlobStore store) throws Exception {
        double[] small = blobs(store, 4 * 1024, 2000);
        double[] large = blobs(store, 1024 * 1024, 100);
        return new double[] {small[0], small[1], large[0], large[1]};
    }

    private static double[] blobs(BlobStore store, int size, int count) throws IOException {
        List<BlobHash> hashes = new ArrayList<>();
        long seed = System.nanoTime();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            hashes.add(store.put(new RandomStream(seed + i, size)));
        }
        double put = (double) size * count / 1048576 / ((System.nanoTime() - start) / 1e9);
        byte[] buffer = new byte[65536];
        start = System.nanoTime();
        for (BlobHash hash : hashes) {
            try (InputStream in = store.get(hash)) {
                while (in.read(buffer) >= 0) {
                    // drain
                }
            }
        }
        double get = (double) size * count / 1048576 / ((System.nanoTime() - start) / 1e9);
        for (BlobHash hash : hashes) {
            store.delete(hash);
        }
        return new double[] {put, get};
    }

    /** Runs the operation on {@code threads} threads for three seconds; returns operations per second. */
    static double timed(int threads, Runnable operation) throws Exception {
        LongAdder done = new LongAdder();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        long end = start + PHASE_NANOS;
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    operation.run();
                    done.increment();
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return done.sum() / ((System.nanoTime() - start) / 1e9);
    }

    static byte[] key(int i) {
        return Keys.concat(new byte[] {'k', 'e', 'y'}, Keys.encodeLong(i));
    }

    static String format(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%,.0f" : "%,.1f", value);
    }

    /** Deterministic pseudo-random bytes, generated as read. */
    static final class RandomStream extends InputStream {
        private long state;
        private long left;

        RandomStream(long seed, long size) {
            this.state = seed * 0x9E3779B97F4A7C15L + 1;
            this.left = size;
        }

        @Override
        public int read() {
            if (left <= 0) {
                return -1;
            }
            left--;
            state = state * 6364136223846793005L + 1442695040888963407L;
            return (int) (state >>> 56);
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            for (int i = 0; i < n; i++) {
                state = state * 6364136223846793005L + 1442695040888963407L;
                b[off + i] = (byte) (state >>> 56);
            }
            left -= n;
            return n;
        }
    }
}
