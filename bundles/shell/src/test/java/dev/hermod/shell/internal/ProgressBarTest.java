package dev.hermod.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void showsPercentRateAndEta() {
        String line = ProgressBar.render("copying", 250, 1000, 5 * 1024 * 1024, 5_000_000_000L);
        assertTrue(line.contains("[#######.......................]  25% 250/1000"), line);
        assertTrue(line.contains("50/s"), line);
        assertTrue(line.contains("5.0 MiB"), line);
        assertTrue(line.contains("ETA 0:00:15"), line);
    }

    @Test
    void unknownTotalShowsCountOnly() {
        String line = ProgressBar.render("digest", 42, -1, 100, 1_000_000_000L);
        assertTrue(line.startsWith("digest"), line);
        assertTrue(line.contains(" 42  42/s  100 B"), line);
        assertTrue(!line.contains("ETA"), line);
    }

    @Test
    void newPhaseStartsANewLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] now = {0};
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> now[0]);
        bar.update("counting", 1, -1, 1);
        now[0] += 1_000_000_000L;
        bar.update("copying", 1, 2, 1);
        bar.update("copying", 2, 2, 2);
        bar.finish();
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(2, text.chars().filter(c -> c == '\n').count(), text);
        assertTrue(text.contains("100% 2/2"), text);
    }
}
