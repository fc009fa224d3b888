package dev.hermod.imap.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs APPEND uploads, each on a thread of its own for as long as its client takes to send the message, at
 * most {@code max} at a time: past that, {@link #execute} refuses at once. The count is taken before the
 * task starts and given back when it ends, so a finishing upload never makes the next one wait or fail.
 */
final class UploadExecutor implements Executor {

    private final Semaphore permits;
    private final ExecutorService threads;

    UploadExecutor(int max, String name) {
        permits = new Semaphore(Math.max(1, max));
        AtomicInteger count = new AtomicInteger();
        threads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "hermod-imap-" + name + "-upload-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** @throws RejectedExecutionException when {@code max} uploads run already */
    @Override
    public void execute(Runnable task) {
        execute(task, () -> { });
    }

    /**
     * Runs {@code task}, then gives its place back, then runs {@code then}: what {@code then} lets the client
     * do next (send another APPEND) finds the place free.
     *
     * @throws RejectedExecutionException when {@code max} uploads run already
     */
    void execute(Runnable task, Runnable then) {
        if (!permits.tryAcquire()) {
            throw new RejectedExecutionException("too many uploads");
        }
        try {
            threads.execute(() -> {
                try {
                    task.run();
                } finally {
                    permits.release();
                    then.run();
                }
            });
        } catch (RejectedExecutionException e) {
            permits.release();
            throw e;
        }
    }

    void shutdown() {
        threads.shutdown();
    }

    void shutdownNow() {
        threads.shutdownNow();
    }
}
