package dev.hermod.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.migration.ImportReport;
import dev.hermod.api.migration.RestoreReport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationReportsTest {

    @Test
    void importReportShowsRatesAndWarnings() {
        String s = MigrationReports.of(new ImportReport("alice", 3, 2000, 10_000_000, 1, Duration.ofSeconds(4),
                List.of("Empty file skipped: x")));
        assertEquals("Imported 2000 messages (9.5 MiB) into 3 mailboxes of alice in 4.0 s: 500 messages/s, 2.50 MB/s; 1 skipped"
                + "\n  Empty file skipped: x", s);
    }

    @Test
    void restoreReportSaysWhetherItVerified() {
        String s = MigrationReports.of(new RestoreReport(1, "2026-01-01T00:00:00Z", 10, 2, 2048, false,
                List.of("mismatch"), Duration.ofMillis(1500)));
        assertTrue(s.contains("NOT verified") && s.endsWith("\n  mismatch"), s);
    }
}
