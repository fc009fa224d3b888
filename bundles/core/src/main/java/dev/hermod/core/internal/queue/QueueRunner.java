package dev.hermod.core.internal.queue;

import dev.hermod.core.internal.queue.Entries.Due;
import dev.hermod.core.internal.queue.Entries.Loaded;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker threads: each takes the earliest due entry it can claim, runs an {@link Attempt}, and waits
 * for the next due time (read from the schedule index), a wake-up (a new entry, a flush) or the poll
 * interval, whichever comes first. Nothing is kept in memory: after a crash or on another node the same
 * loop finds the same entries in the store.
 */
final class QueueRunner {

    private static final Logger LOG = LoggerFactory.getLogger(QueueRunner.class);
    /** Due entries read per look at the index; more than the workers, for those other threads claim. */
    private static final int SCAN = 32;

    private final QueueContext context;
    private final List<Thread> threads = new ArrayList<>();
    private final Object monitor = new Object();
    private long wakeUps;
    private volatile boolean closed;

    QueueRunner(QueueContext context) {
        this.context = context;
        context.onWake(this::wake);
    }

    /** Starts the configured number of worker threads. */
    void start() {
        for (int i = 0; i < context.settings.workers(); i++) {
            Thread t = new Thread(this::loop, "hermod-queue-" + (i + 1));
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** Stops the workers, waiting a little for attempts in flight; an unfinished one's lease runs out. */
    void close() {
        closed = true;
        wake();
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    void wake() {
        synchronized (monitor) {
            wakeUps++;
            monitor.notifyAll();
        }
    }

    /**
     * Claims the earliest due entry this node may work on and attempts delivery.
     *
     * @return whether an entry was worked on
     */
    boolean runOne() {
        Loaded claimed = claimNext();
        if (claimed == null) {
            return false;
        }
        new Attempt(context, claimed).run();
        return true;
    }

    /** Runs {@link #runOne} until nothing is due; @return how many attempts were made */
    int runDue() {
        int n = 0;
        while (runOne()) {
            n++;
        }
        return n;
    }

    /** @return an entry now leased to this node, or {@code null} if none is due and free */
    Loaded claimNext() {
        Instant now = context.clock.instant();
        List<Due> due = context.store().read(txn -> Entries.due(txn, now, SCAN));
        for (Due d : due) {
            Lease lease = new Lease(context.settings.nodeId() + "/" + UUID.randomUUID(),
                    now.plus(context.settings.lease()));
            Loaded claimed = context.store().write(txn -> Entries.claim(txn, d.id(), d.dueMillis(), now, lease));
            if (claimed != null) {
                return claimed;
            }
        }
        return null;
    }

    private void loop() {
        while (!closed) {
            long seen;
            synchronized (monitor) {
                seen = wakeUps;
            }
            try {
                if (!runOne()) {
                    await(seen, untilDue());
                }
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.warn("Outbound queue: {}; trying again in {}s", e.toString(), context.settings.poll().toSeconds());
                await(seen, context.settings.poll().toMillis());
            }
        }
    }

    /** Milliseconds until the earliest entry is due, at most the poll interval. */
    private long untilDue() {
        long poll = context.settings.poll().toMillis();
        Instant first = context.store().read(Entries::firstDue);
        if (first == null) {
            return poll;
        }
        long until = Duration.between(context.clock.instant(), first).toMillis();
        return Math.max(1, Math.min(poll, until));
    }

    private void await(long seen, long millis) {
        synchronized (monitor) {
            if (closed || wakeUps != seen) {
                return;
            }
            try {
                monitor.wait(Math.max(1, millis));
            } catch (InterruptedException e) {
                // closing: the loop checks
            }
        }
    }
}
