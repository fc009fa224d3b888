package dev.hermod.pop3.internal;

import io.netty.channel.Channel;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * Waits, on a worker, until a slow client has read enough of a response for Netty's outbound buffer to drop
 * under its high-water mark. The wait is a {@link ForkJoinPool#managedBlock managed block}, so the listener's
 * compensating pool runs another thread meanwhile and clients that stop reading never take every worker.
 */
final class Writability {

    private final Object lock = new Object();

    /** Called from the channel's writability event. */
    void changed() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /**
     * @param channel the connection
     * @param seconds how long the client may read nothing
     * @return whether to go on writing (false: closed, or the client read nothing in time)
     */
    boolean await(Channel channel, long seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        try {
            ForkJoinPool.managedBlock(new ForkJoinPool.ManagedBlocker() {
                @Override
                public boolean block() throws InterruptedException {
                    synchronized (lock) {
                        while (!isReleasable()) {
                            lock.wait(1000);
                        }
                    }
                    return true;
                }

                @Override
                public boolean isReleasable() {
                    return channel.isWritable() || !channel.isActive() || System.nanoTime() > deadline;
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        // writability may flip back meanwhile (a write queued from this thread counts until the loop runs
        // it): only the deadline says the client stopped reading
        return channel.isActive() && (channel.isWritable() || System.nanoTime() <= deadline);
    }
}
