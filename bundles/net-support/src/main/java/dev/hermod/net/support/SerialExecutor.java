package dev.hermod.net.support;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one connection's tasks one at a time, in order, on a pool shared by all connections: commands,
 * continuation lines and change notifications never overlap, so a session's state needs no locks, and no
 * connection holds a thread while it waits for its client.
 */
public final class SerialExecutor implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor pool;
    private final String what;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean running;

    /**
     * @param pool the shared pool that runs the tasks, not {@code null}
     * @param what what the tasks belong to, for the log line of a task that throws (e.g. "IMAP session")
     */
    public SerialExecutor(Executor pool, String what) {
        this.pool = pool;
        this.what = what;
    }

    /**
     * Queues a task after the ones already queued. A task that throws is logged and the next one runs.
     *
     * @param task the task, not {@code null}
     * @throws java.util.concurrent.RejectedExecutionException if the pool is shut down
     */
    @Override
    public void execute(Runnable task) {
        synchronized (tasks) {
            tasks.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        pool.execute(this::drain);
    }

    private void drain() {
        while (true) {
            Runnable task;
            synchronized (tasks) {
                task = tasks.poll();
                if (task == null) {
                    running = false;
                    return;
                }
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("{} task failed", what, e);
            }
        }
    }
}
