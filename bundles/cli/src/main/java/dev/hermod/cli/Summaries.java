package dev.hermod.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Human-readable lines for the results of the admin API. */
final class Summaries {

    private Summaries() {
    }

    static String of(Map<String, Object> r) {
        String type = String.valueOf(r.get("type"));
        StringBuilder out = new StringBuilder();
        switch (type) {
            case "import" -> out.append(String.format(Locale.ROOT,
                    "Imported %s messages (%s) into %s mailboxes of %s in %.1f s: %.0f messages/s, %.2f MB/s%s",
                    r.get("messages"), ProgressView.bytes(n(r, "bytes")), r.get("mailboxes"), r.get("account"),
                    n(r, "elapsedMillis") / 1000.0, d(r, "messagesPerSecond"), d(r, "megabytesPerSecond"),
                    n(r, "skipped") > 0 ? "; " + r.get("skipped") + " skipped" : ""));
            case "export" -> out.append(String.format(Locale.ROOT, "Exported %s messages (%s) from %s mailboxes of %s in %.1f s",
                    r.get("messages"), ProgressView.bytes(n(r, "bytes")), r.get("mailboxes"), r.get("account"),
                    n(r, "elapsedMillis") / 1000.0));
            case "backup" -> out.append(String.format(Locale.ROOT, "Backup%s: %s accounts, %s keys, %s blobs (%s)%s",
                    r.containsKey("file") ? " " + r.get("file") : "", r.get("accounts"), r.get("keys"), r.get("blobs"),
                    ProgressView.bytes(n(r, "blobBytes")), r.containsKey("keyChecksum") ? ", checksum " + r.get("keyChecksum")
                            : r.containsKey("checksum") ? ", checksum " + r.get("checksum") : ""));
            case "restore" -> out.append(String.format(Locale.ROOT, "Restored the backup of %s: %s keys, %s blobs (%s) in %.1f s. %s",
                    r.get("created"), r.get("keys"), r.get("blobs"), ProgressView.bytes(n(r, "blobBytes")),
                    n(r, "elapsedMillis") / 1000.0, Boolean.TRUE.equals(r.get("verified"))
                            ? "Verified: the store matches the archive." : "NOT verified."));
            default -> out.append(r);
        }
        if (r.get("warnings") instanceof List<?> warnings) {
            warnings.forEach(w -> out.append("\n  ").append(w));
        }
        return out.toString();
    }

    private static long n(Map<String, Object> r, String key) {
        Object v = r.get(key);
        return v instanceof Number n ? n.longValue() : v instanceof String s && s.matches("\\d+") ? Long.parseLong(s) : 0;
    }

    private static double d(Map<String, Object> r, String key) {
        return r.get(key) instanceof Number n ? n.doubleValue() : 0;
    }
}
