package dev.hermod.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hermod.api.store.KeyValue;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.api.store.Keys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Byte helpers, assertions and a thread runner shared by the contract interfaces. */
final class TckSupport {

    /** The empty key: the first key there is. */
    static final byte[] FIRST = {};
    /** The end of the user key space (exclusive). */
    static final byte[] END = {(byte) 0xFF};

    private TckSupport() {
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] key(String ascii) {
        return ascii.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] filled(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed + i * 31);
        }
        return b;
    }

    /** Every user key and value, in store order. */
    static List<KeyValue> all(KeyValueStore store) {
        return store.read(txn -> txn.range(FIRST, END).toList());
    }

    static List<String> printable(List<KeyValue> pairs) {
        List<String> keys = new ArrayList<>(pairs.size());
        for (KeyValue pair : pairs) {
            keys.add(Keys.printable(pair.key()));
        }
        return keys;
    }

    static List<String> printableKeys(List<byte[]> keys) {
        List<String> out = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            out.add(Keys.printable(key));
        }
        return out;
    }

    /** Asserts that {@code pairs} holds exactly {@code expected} keys, in that order. */
    static void assertKeys(List<byte[]> expected, List<KeyValue> pairs, String message) {
        assertEquals(printableKeys(expected), printable(pairs), message);
    }

    /** Work for one thread of {@link #concurrently}. */
    @FunctionalInterface
    interface Task {
        void run(int thread) throws Exception;
    }

    /**
     * Runs {@code task} on {@code threads} threads released at once, waits for all, and fails with the
     * first thread's failure.
     */
    static void concurrently(int threads, Task task) {
        AtomicInteger names = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "tck-worker-" + names.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                int thread = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    task.run(thread);
                    return null;
                }));
            }
            start.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            for (Future<?> future : futures) {
                future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException e) {
            throw new AssertionError("a worker thread failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("worker threads did not finish within 90 s (deadlock?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A daemon thread whose failure {@link #join()} reports. */
    static final class Worker {
        private final Thread thread;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Worker(String name, Runnable body) {
            thread = new Thread(() -> {
                try {
                    body.run();
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, name);
            thread.setDaemon(true);
            thread.start();
        }

        /** Waits up to 60 s for the thread and rethrows its failure. */
        void join() {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            if (thread.isAlive()) {
                throw new AssertionError(thread.getName() + " did not finish within 60 s (deadlock?)");
            }
            Throwable t = failure.get();
            if (t != null) {
                throw new AssertionError(thread.getName() + " failed: " + t, t);
            }
        }
    }

    /** Waits for a latch; {@code false} if the time ran out. */
    static boolean await(CountDownLatch latch, long millis) {
        try {
            return latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
