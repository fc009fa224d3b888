package dev.hermod.imap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A driver, not a timed test: opens {@code -Dhermod.bench.idle=N} authenticated connections that SELECT
 * INBOX (100 messages) and IDLE, prints what they cost the server's heap and the process's RSS, then
 * delivers one message and times until every connection has seen its EXISTS. Run with
 * {@code mvn -o -f bundles/imap/pom.xml surefire:test -Dtest=IdleConnectionsBenchmark -Dhermod.bench.idle=5000}.
 */
@EnabledIfSystemProperty(named = "hermod.bench.idle", matches = "\\d+")
class IdleConnectionsBenchmark extends ImapTestSupport {

    @Test
    void idleConnections() throws Exception {
        int n = Integer.getInteger("hermod.bench.idle");
        int port = server("none", Map.of("connections.per.ip", 0));
        for (int i = 0; i < 100; i++) {
            deliver("alice", "INBOX", SIMPLE);
        }
        long heapBefore = heap();
        long rssBefore = rss();
        List<LineClient> clients = new ArrayList<>(n);
        long start = System.nanoTime();
        try {
            for (int i = 0; i < n; i++) {
                LineClient c = new LineClient(port).login("alice");
                c.command("s", "SELECT INBOX", "OK");
                c.raw("i IDLE\r\n");
                assertEquals("+ idling", c.line());
                clients.add(c);
            }
            double setup = (System.nanoTime() - start) / 1e9;
            long heapAfter = heap();
            long rssAfter = rss();
            long t0 = System.nanoTime();
            deliver("alice", "INBOX", SIMPLE);
            for (LineClient c : clients) {
                assertEquals("* 101 EXISTS", c.line());
            }
            double fanOut = (System.nanoTime() - t0) / 1e6;
            System.out.printf("%n%d connections in IDLE (logged in, INBOX of 100 messages selected), set up in %.1f s%n"
                    + "server heap: %.1f MiB more (%.1f KiB per connection)%n"
                    + "process RSS: %.1f MiB more (%.1f KiB per connection; clients in the same process)%n"
                    + "one delivery to every IDLE session: %.0f ms until all %d saw EXISTS%n%n", n, setup,
                    (heapAfter - heapBefore) / 1048576.0, (heapAfter - heapBefore) / 1024.0 / n,
                    (rssAfter - rssBefore) / 1048576.0, (rssAfter - rssBefore) / 1024.0 / n, fanOut, n);
            assertTrue(fanOut > 0);
        } finally {
            for (LineClient c : clients) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
        }
    }

    private static long heap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        var memory = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return memory.getUsed();
    }

    private static long rss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        return 0;
    }
}
