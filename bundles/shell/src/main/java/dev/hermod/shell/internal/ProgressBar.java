package dev.hermod.shell.internal;

import dev.hermod.api.admin.MigrationProgress;
import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * A one-line progress display with count, rate and ETA, redrawn at most five times a second; a new
 * line starts whenever the phase changes.
 */
final class ProgressBar implements MigrationProgress {

    private static final int WIDTH = 30;
    private final PrintStream out;
    private final LongSupplier clock;
    private String phase;
    private long phaseStart;
    private long lastDraw;
    private String pending = "";

    ProgressBar(PrintStream out) {
        this(out, System::nanoTime);
    }

    ProgressBar(PrintStream out, LongSupplier nanoClock) {
        this.out = out;
        this.clock = nanoClock;
    }

    @Override
    public void update(String phase, long done, long total, long bytes) {
        long now = clock.getAsLong();
        if (!phase.equals(this.phase)) {
            finish();
            this.phase = phase;
            this.phaseStart = now;
            this.lastDraw = 0;
        }
        pending = render(phase, done, total, bytes, now - phaseStart);
        if (now - lastDraw >= 200_000_000L || (total > 0 && done >= total)) {
            out.print("\r" + pending);
            out.flush();
            lastDraw = now;
            pending = "";
        }
    }

    /** Draws the last state and ends the line. */
    void finish() {
        if (phase != null) {
            if (!pending.isEmpty()) {
                out.print("\r" + pending);
            }
            out.println();
            out.flush();
            pending = "";
        }
    }

    static String render(String phase, long done, long total, long bytes, long elapsedNanos) {
        double seconds = Math.max(elapsedNanos / 1e9, 1e-3);
        double rate = done / seconds;
        StringBuilder line = new StringBuilder();
        line.append(String.format("%-22s ", phase));
        if (total > 0) {
            int filled = (int) Math.min(WIDTH, WIDTH * done / total);
            line.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
            line.append(String.format("%3d%% %d/%d", Math.min(100, 100 * done / total), done, total));
        } else {
            line.append(done);
        }
        line.append(String.format("  %.0f/s  %s", rate, bytes(bytes)));
        if (total > 0 && done < total && rate > 0) {
            long eta = (long) ((total - done) / rate);
            line.append(String.format("  ETA %d:%02d:%02d", eta / 3600, eta / 60 % 60, eta % 60));
        }
        return line.toString();
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String units = "KMGTPE";
        int unit = (63 - Long.numberOfLeadingZeros(bytes)) / 10;
        return String.format("%.1f %siB", bytes / Math.pow(1024, unit), units.charAt(unit - 1));
    }
}
