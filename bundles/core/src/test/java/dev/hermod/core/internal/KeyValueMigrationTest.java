package dev.hermod.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.admin.MigrationProgress;
import dev.hermod.api.admin.MigrationReport;
import dev.hermod.api.mail.TemporaryFailureException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyValueMigrationTest {

    @TempDir
    Path dir;

    private final MemoryKeyValueStore source = new MemoryKeyValueStore();
    private final MemoryKeyValueStore target = new MemoryKeyValueStore();

    private void fill(int keys) {
        for (int i = 0; i < keys; i++) {
            source.data.put(("k" + String.format("%06d", i)).getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) i, 1, 2});
        }
    }

    @Test
    void copiesEveryKeyRemovesStaleOnesAndVerifies() {
        fill(3500);
        target.data.put("k000010x".getBytes(StandardCharsets.US_ASCII), new byte[] {9});
        target.data.put("zzz".getBytes(StandardCharsets.US_ASCII), new byte[] {9});
        MigrationReport report = new KeyValueMigration("a", source, "b", target, new MigrationCursors(dir))
                .run(false, MigrationProgress.NONE);
        assertTrue(report.verified(), report.toString());
        assertEquals(3500, report.copied());
        assertEquals(2, report.removed());
        assertEquals(3500, report.target().entries());
        assertFalse(report.resumed());
    }

    @Test
    void anInterruptedMigrationResumesWhereItStopped() throws Exception {
        fill(3500);
        target.failAfterWrites = 3;
        MigrationCursors cursors = new MigrationCursors(dir);
        assertThrows(TemporaryFailureException.class,
                () -> new KeyValueMigration("a", source, "b", target, cursors).run(false, MigrationProgress.NONE));
        assertEquals(2000, target.data.size(), "two batches landed before the failure");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "the position is saved");
        }
        MigrationReport report = new KeyValueMigration("a", source, "b", target, cursors).run(false, MigrationProgress.NONE);
        assertTrue(report.resumed());
        assertEquals(1500, report.copied(), "only the rest is copied");
        assertTrue(report.verified());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "the position is removed when done");
        }
    }

    @Test
    void aChangedSourceIsReportedAsMismatch() {
        fill(10);
        MigrationReport report = new KeyValueMigration("a", source, "b", target, new MigrationCursors(dir))
                .run(false, MigrationProgress.NONE);
        assertTrue(report.verified());
        source.data.put("new".getBytes(StandardCharsets.US_ASCII), new byte[0]);
        assertNotEquals(KeyValueMigration.digest("a", source, MigrationProgress.NONE).sha256(), report.target().sha256());
    }
}
