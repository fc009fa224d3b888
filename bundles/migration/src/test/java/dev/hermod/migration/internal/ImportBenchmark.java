package dev.hermod.migration.internal;

import dev.hermod.api.admin.MigrationProgress;
import dev.hermod.api.migration.BackupReport;
import dev.hermod.api.migration.ImportReport;
import dev.hermod.api.migration.MboxFormat;
import dev.hermod.api.migration.RestoreReport;
import dev.hermod.core.internal.ServerBackupAccess;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Import, backup and restore throughput on the embedded defaults (SQLite, file-system blobs, both synced to disk):
 * not a timed test, a driver that prints figures. Run with
 * {@code -Dtest=ImportBenchmark -Dhermod.benchmark=true [-Dhermod.benchmark.messages=5000]}.
 */
@EnabledIfSystemProperty(named = "hermod.benchmark", matches = "true")
class ImportBenchmark {

    static final int MESSAGES = Integer.getInteger("hermod.benchmark.messages", 5000);

    @TempDir
    Path dir;

    /** Messages of 1 to 12 KB of text, every 25th with a 100 KB attachment, as a mailbox of a few years looks. */
    static String message(Random random, int i) {
        StringBuilder body = new StringBuilder();
        int lines = 15 + random.nextInt(200);
        for (int l = 0; l < lines; l++) {
            body.append("Line ").append(l).append(" of message ").append(i).append(", some words to make it text ").append(random.nextInt()).append('\n');
        }
        if (i % 25 == 0) {
            byte[] attachment = new byte[100_000];
            random.nextBytes(attachment);
            body.append("\n").append(java.util.Base64.getMimeEncoder().encodeToString(attachment).replace("\r\n", "\n")).append('\n');
        }
        return "From: sender" + (i % 50) + "@example.net\nTo: alice@example.org\nSubject: Message " + i
                + "\nMessage-ID: <bench" + i + "@example.net>\nDate: Mon, 1 Jan 2024 00:00:00 +0000\n\n" + body;
    }

    @Test
    void figures() throws Exception {
        Random random = new Random(7);
        Path maildir = dir.resolve("Maildir");
        Path mbox = dir.resolve("big.mbox");
        long sourceBytes = 0;
        try (BufferedWriter out = Files.newBufferedWriter(mbox, StandardCharsets.UTF_8)) {
            for (int i = 0; i < MESSAGES; i++) {
                String m = message(random, i);
                Path folder = i % 5 == 0 ? maildir.resolve(".Archive") : maildir;
                Files.createDirectories(folder.resolve("cur"));
                Path f = folder.resolve("cur").resolve((1600000000L + i) + ".M" + i + "P1.bench:2," + (i % 3 == 0 ? "S" : ""));
                Files.writeString(f, m);
                Files.setLastModifiedTime(f, FileTime.from(Instant.ofEpochSecond(1600000000L + i * 60L)));
                out.write("From sender@example.net Mon Jan  1 00:00:00 2024\n");
                out.write(m.replace("\nFrom ", "\n>From "));
                out.write("\n");
                sourceBytes += m.length();
            }
        }
        System.out.printf(Locale.ROOT, "Source: %d messages, %.1f MB%n", MESSAGES, sourceBytes / 1e6);
        boolean fsync = Boolean.parseBoolean(System.getProperty("hermod.benchmark.fsync", "true"));
        System.out.println("Blobs synced to disk: " + fsync + "; SQLite synchronous=FULL");
        try (TestServer server = TestServer.sqlite(dir.resolve("server"), fsync)) {
            MailMigrationComponent migration = server.migration();
            print("Maildir import", migration.importMaildir("alice", maildir, MigrationProgress.NONE));
            print("mbox import   ", migration.importMbox("bob", mbox, "Imported", MboxFormat.MBOXRD, MigrationProgress.NONE));
            long t = System.nanoTime();
            var exported = migration.exportMaildir("alice", dir.resolve("export"), MigrationProgress.NONE);
            rate("Maildir export", exported.messages(), exported.bytes(), System.nanoTime() - t);

            Path archive = dir.resolve("backup.zip");
            BackupReport backup;
            t = System.nanoTime();
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(archive), 1 << 16)) {
                backup = new ServerBackupAccess(server.registry, server.dir, Map.of()).service().backup(out, MigrationProgress.NONE);
            }
            long backupNanos = System.nanoTime() - t;
            System.out.printf(Locale.ROOT, "Backup        : %d keys, %d blobs, %.1f MB archive in %.1f s: %.1f MB/s of blobs%n",
                    backup.keys(), backup.blobs(), Files.size(archive) / 1e6, backupNanos / 1e9, backup.blobBytes() / 1e6 / (backupNanos / 1e9));
            try (TestServer target = TestServer.sqlite(dir.resolve("restored"), true); InputStream in = Files.newInputStream(archive)) {
                t = System.nanoTime();
                RestoreReport restored = new ServerBackupAccess(target.registry, target.dir, Map.of()).service().restore(in, MigrationProgress.NONE);
                long nanos = System.nanoTime() - t;
                System.out.printf(Locale.ROOT, "Restore       : %d keys, %d blobs in %.1f s: %.1f MB/s of blobs, verified %s%n",
                        restored.keys(), restored.blobs(), nanos / 1e9, restored.blobBytes() / 1e6 / (nanos / 1e9), restored.verified());
            }
        }
    }

    static void print(String what, ImportReport r) {
        System.out.printf(Locale.ROOT, "%s: %d messages, %.1f MB in %.1f s: %.0f messages/s, %.2f MB/s%n", what, r.messages(),
                r.bytes() / 1e6, r.elapsed().toMillis() / 1000.0, r.messagesPerSecond(), r.megabytesPerSecond());
    }

    static void rate(String what, long messages, long bytes, long nanos) {
        System.out.printf(Locale.ROOT, "%s: %d messages, %.1f MB in %.1f s: %.0f messages/s, %.2f MB/s%n", what, messages,
                bytes / 1e6, nanos / 1e9, messages / (nanos / 1e9), bytes / 1e6 / (nanos / 1e9));
    }
}
