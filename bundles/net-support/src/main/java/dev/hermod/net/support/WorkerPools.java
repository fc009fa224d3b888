package dev.hermod.net.support;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The thread pools a listener runs its blocking work on (store, directory, delivery), off the event loop. */
public final class WorkerPools {

    private WorkerPools() {
    }

    /**
     * A fixed pool of daemon threads named {@code <prefix>-worker-<n>}, with an unbounded queue.
     *
     * @param prefix the thread name prefix, e.g. {@code hermod-imap-default}
     * @param threads how many threads; at least one is made
     * @return the pool; the caller shuts it down
     */
    public static ExecutorService fixed(String prefix, int threads) {
        AtomicInteger count = new AtomicInteger();
        int n = Math.max(1, threads);
        return new ThreadPoolExecutor(n, n, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, prefix + "-worker-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A pool of {@code threads} daemon threads that makes up for a thread blocked in
     * {@link ForkJoinPool#managedBlock} (a response waiting for a client that reads slowly) with another one,
     * so clients that stop reading cannot take every worker. Tasks run in the order they are submitted.
     *
     * @param prefix the thread name prefix, e.g. {@code hermod-imap-default}
     * @param threads how many threads run tasks at once; at least one
     * @return the pool; the caller shuts it down
     */
    public static ExecutorService compensating(String prefix, int threads) {
        AtomicInteger count = new AtomicInteger();
        return new ForkJoinPool(Math.max(1, threads), pool -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName(prefix + "-worker-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, null, true);
    }
}
