package dev.hermod.shell.internal;

import dev.hermod.api.migration.BackupReport;
import dev.hermod.api.migration.ExportReport;
import dev.hermod.api.migration.ImportReport;
import dev.hermod.api.migration.RestoreReport;
import java.util.Locale;

/** One-line summaries of imports, exports, backups and restores for the shell. */
final class MigrationReports {

    private MigrationReports() {
    }

    static String of(ImportReport r) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "Imported %d messages (%s) into %d mailboxes of %s in %.1f s: %.0f messages/s, %.2f MB/s%s",
                r.messages(), ProgressBar.bytes(r.bytes()), r.mailboxes(), r.account(), r.elapsed().toMillis() / 1000.0,
                r.messagesPerSecond(), r.megabytesPerSecond(), r.skipped() > 0 ? "; " + r.skipped() + " skipped" : ""));
        r.warnings().forEach(w -> out.append("\n  ").append(w));
        return out.toString();
    }

    static String of(ExportReport r) {
        return String.format(Locale.ROOT, "Exported %d messages (%s) from %d mailboxes of %s in %.1f s", r.messages(),
                ProgressBar.bytes(r.bytes()), r.mailboxes(), r.account(), r.elapsed().toMillis() / 1000.0);
    }

    static String of(BackupReport r) {
        return String.format(Locale.ROOT, "Backup (format %d): %d accounts, %d keys (%s), %d blobs (%s), files of %s;"
                + " checksum %s; %.1f s", r.formatVersion(), r.accounts(), r.keys(), ProgressBar.bytes(r.keyBytes()), r.blobs(),
                ProgressBar.bytes(r.blobBytes()), r.participants().isEmpty() ? "no participant" : String.join(", ", r.participants()),
                r.checksum(), r.elapsed().toMillis() / 1000.0);
    }

    static String of(RestoreReport r) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "Restored the backup of %s (format %d): %d keys, %d blobs (%s) in %.1f s. %s", r.created(), r.formatVersion(),
                r.keys(), r.blobs(), ProgressBar.bytes(r.blobBytes()), r.elapsed().toMillis() / 1000.0,
                r.verified() ? "Verified: the store matches the archive." : "NOT verified: see below."));
        r.warnings().forEach(w -> out.append("\n  ").append(w));
        return out.toString();
    }
}
