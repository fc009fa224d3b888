package dev.hermod.migration.internal.http;

import dev.hermod.api.migration.BackupReport;
import dev.hermod.api.migration.ExportReport;
import dev.hermod.api.migration.ImportReport;
import dev.hermod.api.migration.RestoreReport;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON form of the reports: plain objects, durations in milliseconds. */
final class Reports {

    private Reports() {
    }

    static Map<String, Object> of(Object report) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (report instanceof ImportReport r) {
            out.put("type", "import");
            out.put("account", r.account());
            out.put("mailboxes", r.mailboxes());
            out.put("messages", r.messages());
            out.put("bytes", r.bytes());
            out.put("skipped", r.skipped());
            out.put("elapsedMillis", r.elapsed().toMillis());
            out.put("messagesPerSecond", r.messagesPerSecond());
            out.put("megabytesPerSecond", r.megabytesPerSecond());
            out.put("warnings", r.warnings());
        } else if (report instanceof ExportReport r) {
            out.put("type", "export");
            out.put("account", r.account());
            out.put("mailboxes", r.mailboxes());
            out.put("messages", r.messages());
            out.put("bytes", r.bytes());
            out.put("elapsedMillis", r.elapsed().toMillis());
        } else if (report instanceof BackupReport r) {
            out.put("type", "backup");
            out.put("formatVersion", r.formatVersion());
            out.put("accounts", r.accounts());
            out.put("keys", r.keys());
            out.put("keyBytes", r.keyBytes());
            out.put("blobs", r.blobs());
            out.put("blobBytes", r.blobBytes());
            out.put("checksum", r.checksum());
            out.put("participants", r.participants());
            out.put("elapsedMillis", r.elapsed().toMillis());
        } else if (report instanceof RestoreReport r) {
            out.put("type", "restore");
            out.put("formatVersion", r.formatVersion());
            out.put("created", r.created());
            out.put("keys", r.keys());
            out.put("blobs", r.blobs());
            out.put("blobBytes", r.blobBytes());
            out.put("verified", r.verified());
            out.put("warnings", r.warnings());
            out.put("elapsedMillis", r.elapsed().toMillis());
        } else {
            throw new IllegalArgumentException("not a report: " + report);
        }
        return out;
    }
}
