package dev.hermod.api.migration;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of an export.
 *
 * @param account   the account exported
 * @param mailboxes mailboxes written
 * @param messages  messages written
 * @param bytes     octets written
 * @param elapsed   how long it took
 */
public record ExportReport(String account, int mailboxes, long messages, long bytes, Duration elapsed) {

    public ExportReport {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
