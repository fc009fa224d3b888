package dev.hermod.api.migration;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of an import.
 *
 * @param account   the account imported into
 * @param mailboxes mailboxes that received messages or were created
 * @param messages  messages added
 * @param bytes     their size in octets, as stored
 * @param skipped   messages not added (already imported by an earlier run, or unreadable: see {@code warnings})
 * @param elapsed   how long it took
 * @param warnings  what a user should know, such as files that were not messages; never {@code null}
 */
public record ImportReport(String account, int mailboxes, long messages, long bytes, long skipped, Duration elapsed,
        List<String> warnings) {

    public ImportReport {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(elapsed, "elapsed");
        warnings = List.copyOf(warnings);
    }

    /** @return messages per second, 0 when nothing was imported */
    public double messagesPerSecond() {
        return rate(messages);
    }

    /** @return megabytes (10^6 octets) per second */
    public double megabytesPerSecond() {
        return rate(bytes) / 1_000_000d;
    }

    private double rate(long amount) {
        long nanos = elapsed.toNanos();
        return nanos == 0 ? 0 : amount * 1e9 / nanos;
    }
}
