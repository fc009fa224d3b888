package dev.hermod.migration.internal;

import dev.hermod.api.admin.MigrationProgress;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.Mailbox;
import dev.hermod.api.migration.ExportReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/** Counts an export's work for the progress bar and the report. */
final class ExportCounter {

    private final String account;
    private final MigrationProgress progress;
    private final long started = System.nanoTime();
    private final long total;
    private int mailboxes;
    private long messages;
    private long bytes;

    ExportCounter(MailAccount account, MigrationProgress progress) {
        this.account = account.name();
        this.progress = progress;
        this.total = account.mailboxes().stream().mapToLong(Mailbox::messages).sum();
    }

    void mailbox() {
        mailboxes++;
    }

    void message(long size) {
        messages++;
        bytes += size;
        progress.update("exporting", messages, total, bytes);
    }

    ExportReport report() {
        return new ExportReport(account, mailboxes, messages, bytes, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Refuses a target that exists and is not an empty directory; creates it. */
    static void prepare(Path target) throws IOException {
        if (Files.exists(target)) {
            if (!Files.isDirectory(target)) {
                throw new IllegalArgumentException(target + " exists and is not a directory");
            }
            try (Stream<Path> s = Files.list(target)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException(target + " is not empty; export into a new or empty directory");
                }
            }
        }
        Files.createDirectories(target);
    }
}
