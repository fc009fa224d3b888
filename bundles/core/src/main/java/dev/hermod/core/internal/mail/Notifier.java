package dev.hermod.core.internal.mail;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.LongUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells subscribers of an account about new states: never an older state after a newer one, and when
 * states follow fast, only the newest.
 *
 * <p>Changes made on this node are announced right after their commit. Changes made by other nodes
 * sharing the store are found by polling: every {@code pollMillis} one thread reads the change counter
 * of each account that has subscribers (one small read each) and announces a state it has not announced
 * yet. Listeners run on one dispatch thread, so a slow listener delays the others but never a writer.
 */
final class Notifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

    private final Map<Long, Watch> watches = new ConcurrentHashMap<>();
    private final ExecutorService dispatch = Executors.newSingleThreadExecutor(daemon("hermod-mail-events"));
    private final ScheduledExecutorService poller;
    private final LongUnaryOperator stateOf;

    private static final class Watch {
        final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();
        final AtomicLong announced;

        Watch(long state) {
            announced = new AtomicLong(state);
        }
    }

    Notifier(long pollMillis, LongUnaryOperator stateOf) {
        this.stateOf = stateOf;
        if (pollMillis > 0) {
            poller = Executors.newSingleThreadScheduledExecutor(daemon("hermod-mail-poll"));
            poller.scheduleWithFixedDelay(this::poll, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
        } else {
            poller = null;
        }
    }

    AutoCloseable subscribe(long account, long state, LongConsumer listener) {
        watches.compute(account, (id, watch) -> {
            Watch w = watch == null ? new Watch(state) : watch;
            w.listeners.add(listener);
            return w;
        });
        return () -> watches.computeIfPresent(account, (id, watch) -> {
            watch.listeners.remove(listener);
            return watch.listeners.isEmpty() ? null : watch;
        });
    }

    void changed(long account, long state) {
        Watch watch = watches.get(account);
        if (watch == null) {
            return;
        }
        long before = watch.announced.getAndAccumulate(state, Math::max);
        if (state <= before) {
            return;
        }
        try {
            dispatch.execute(() -> {
                if (watch.announced.get() != state) {
                    return; // a newer state is on its way
                }
                for (LongConsumer listener : watch.listeners) {
                    try {
                        listener.accept(state);
                    } catch (RuntimeException e) {
                        LOG.warn("A mail store listener failed on state {}: {}", state, e.toString(), e);
                    }
                }
            });
        } catch (RejectedExecutionException closed) {
            // shutting down
        }
    }

    private void poll() {
        for (Long account : watches.keySet()) {
            try {
                changed(account, stateOf.applyAsLong(account));
            } catch (RuntimeException e) {
                LOG.debug("Polling the state of account {} failed: {}", account, e.toString());
            }
        }
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
        dispatch.shutdown();
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
