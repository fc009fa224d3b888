package dev.hermod.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar with rate and ETA on one terminal line ({@code \r}), or a line every few seconds when the
 * output is not a terminal.
 */
final class ProgressView {

    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private long lastPrinted;
    private String phase = "";
    private long phaseStart = System.nanoTime();
    private boolean drawn;

    ProgressView(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void update(String phase, long done, long total, long bytes) {
        long now = System.nanoTime();
        if (!phase.equals(this.phase)) {
            if (drawn && terminal) {
                out.println();
            }
            this.phase = phase;
            phaseStart = now;
        }
        if (!terminal && now - lastPrinted < 5_000_000_000L && done != total) {
            return;
        }
        lastPrinted = now;
        String line = render(phase, done, total, bytes, now - phaseStart);
        out.print(terminal ? "\r" + line + "\u001b[K" : line + "\n");
        out.flush();
        drawn = true;
    }

    void finish() {
        if (drawn && terminal) {
            out.println();
        }
        drawn = false;
    }

    long elapsedMillis() {
        return (System.nanoTime() - started) / 1_000_000;
    }

    static String render(String phase, long done, long total, long bytes, long nanos) {
        double seconds = Math.max(nanos / 1e9, 1e-3);
        double rate = done / seconds;
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-10s ", phase));
        if (total > 0) {
            int filled = (int) Math.min(WIDTH, WIDTH * done / total);
            s.append('[').append("#".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ");
            s.append(String.format(Locale.ROOT, "%3d%% %d/%d", Math.min(100, 100 * done / total), done, total));
        } else {
            s.append(done);
        }
        s.append(String.format(Locale.ROOT, "  %s  %.0f/s  %s/s", bytes(bytes), rate, bytes((long) (bytes / seconds))));
        if (total > 0 && done > 0 && done < total) {
            long eta = (long) ((total - done) / rate);
            s.append(String.format(Locale.ROOT, "  ETA %d:%02d:%02d", eta / 3600, eta / 60 % 60, eta % 60));
        }
        return s.toString();
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String units = "KMGTPE";
        int unit = (int) (Math.log(n) / Math.log(1024));
        return String.format(Locale.ROOT, "%.1f %siB", n / Math.pow(1024, unit), units.charAt(unit - 1));
    }
}
