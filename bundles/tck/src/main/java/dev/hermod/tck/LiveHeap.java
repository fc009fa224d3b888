package dev.hermod.tck;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches the live heap — what a full collection leaves — while an operation runs, to tell a store that
 * streams from one that holds a blob in memory.
 *
 * <p>Used heap as such is no evidence: a streaming store allocates garbage as fast as its buffers turn
 * over, and how much of it piles up before a collection depends on the heap size and the collector. So
 * each {@link #sample()} forces a full collection and reads the heap pools' usage after it. Samples are
 * taken at fixed points of the data flow (the test's streams call {@link #sample()} every few megabytes)
 * and by a background thread, which also catches a store that buffers after it has read its input.
 */
final class LiveHeap implements AutoCloseable {

    private static final long BACKGROUND_INTERVAL_MILLIS = 250;

    private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null)
            .toList();
    private final long baseline;
    private final AtomicLong peak = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    private LiveHeap() {
        baseline = live();
        peak.set(baseline);
        sampler = new Thread(this::sampleInBackground, "blob-contract-live-heap");
        sampler.setDaemon(true);
        sampler.start();
    }

    /**
     * Whether forced collections measure the live heap in this JVM; explicit collections can be switched
     * off or made concurrent, and then a sample would count garbage.
     */
    static String unusableBecause() {
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (String flag : List.of("-XX:+DisableExplicitGC", "-XX:+ExplicitGCInvokesConcurrent", "-XX:+UseEpsilonGC")) {
            if (args.contains(flag)) {
                return "the JVM runs with " + flag + ", so the live heap cannot be sampled";
            }
        }
        return ManagementFactory.getMemoryPoolMXBeans().stream().anyMatch(p -> p.getType() == MemoryType.HEAP
                && p.getCollectionUsage() != null) ? null : "no heap pool reports its usage after collection";
    }

    static LiveHeap watch() {
        return new LiveHeap();
    }

    /** Forces a full collection and records the live heap. */
    void sample() {
        long live = live();
        peak.accumulateAndGet(live, Math::max);
    }

    /** The most the live heap grew above where it was when watching started. */
    long peakGrowth() {
        return Math.max(0, peak.get() - baseline);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join();
    }

    private long live() {
        System.gc();
        long used = 0;
        for (MemoryPoolMXBean pool : pools) {
            MemoryUsage afterCollection = pool.getCollectionUsage();
            used += afterCollection == null ? 0 : afterCollection.getUsed();
        }
        return used;
    }

    private void sampleInBackground() {
        while (running) {
            try {
                Thread.sleep(BACKGROUND_INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            sample();
        }
    }
}
