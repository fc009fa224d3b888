package dev.hermod.imap.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A driver, not a timed test: {@code -Dhermod.bench.imap=C} clients (each its own account's session on one
 * shared account) run a mix of SELECT, FETCH FLAGS of all, FETCH ENVELOPE, FETCH BODY[], SEARCH, STORE,
 * APPEND and EXPUNGE for {@code -Dhermod.bench.seconds} (20) against a mailbox of
 * {@code -Dhermod.bench.messages} (1000) messages, and prints operations/s and latency percentiles per
 * operation. Run with {@code mvn -o -f bundles/imap/pom.xml test-compile surefire:test
 * -Dtest=ImapMixBenchmark -Dhermod.bench.imap=8}. The Dovecot side of the comparison is still to come.
 */
@EnabledIfSystemProperty(named = "hermod.bench.imap", matches = "\\d+")
class ImapMixBenchmark extends ImapTestSupport {

    private static final String[] OPS = {"SELECT", "FETCH FLAGS 1:*", "FETCH ENVELOPE", "FETCH BODY[]", "SEARCH",
            "STORE", "APPEND", "EXPUNGE"};

    @Test
    void mix() throws Exception {
        int clients = Integer.getInteger("hermod.bench.imap");
        int seconds = Integer.getInteger("hermod.bench.seconds", 20);
        int messages = Integer.getInteger("hermod.bench.messages", 1000);
        int port = server("none", Map.of("connections.per.ip", 0));
        Random seed = new Random(1);
        for (int i = 0; i < messages; i++) {
            deliver("alice", "INBOX", SIMPLE.replace("Hello there", "Topic " + seed.nextInt(200))
                    + "padding ".repeat(100 + seed.nextInt(1000)) + "\r\n");
        }
        Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
        for (String op : OPS) {
            latencies.put(op, new CopyOnWriteArrayList<>());
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            int id = t;
            futures.add(pool.submit(() -> {
                Random r = new Random(id);
                try (LineClient c = new LineClient(port).login("alice")) {
                    int n = 0;
                    c.command("s", "SELECT INBOX", "OK");
                    while (System.nanoTime() < end) {
                        String op = OPS[r.nextInt(OPS.length)];
                        String tag = "t" + n++;
                        long t0 = System.nanoTime();
                        switch (op) {
                            case "SELECT" -> c.command(tag, "SELECT INBOX", "OK");
                            case "FETCH FLAGS 1:*" -> c.command(tag, "UID FETCH 1:* (FLAGS)", "OK");
                            case "FETCH ENVELOPE" -> c.command(tag, "UID FETCH " + (1 + r.nextInt(messages))
                                    + " (ENVELOPE RFC822.SIZE)", "OK");
                            case "FETCH BODY[]" -> c.command(tag, "UID FETCH " + (1 + r.nextInt(messages))
                                    + " BODY.PEEK[]", "OK");
                            case "SEARCH" -> c.command(tag, "UID SEARCH SUBJECT \"Topic " + r.nextInt(200) + "\"", "OK");
                            case "STORE" -> c.command(tag, "UID STORE " + (1 + r.nextInt(messages)) + " +FLAGS.SILENT ("
                                    + (r.nextBoolean() ? "\\Seen" : "\\Flagged") + ")", "OK");
                            case "APPEND" -> {
                                byte[] msg = SIMPLE.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                                c.raw(tag + " APPEND INBOX (\\Deleted) {" + msg.length + "+}\r\n" + SIMPLE + "\r\n");
                                c.until(tag);
                            }
                            default -> c.command(tag, "EXPUNGE", "OK");
                        }
                        latencies.get(op).add(System.nanoTime() - t0);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        Map<String, String> rows = new LinkedHashMap<>();
        long total = 0;
        for (String op : OPS) {
            long[] l = latencies.get(op).stream().mapToLong(Long::longValue).sorted().toArray();
            total += l.length;
            rows.put(op, String.format("%-16s %8.1f ops/s   p50 %7.2f ms   p99 %7.2f ms", op, l.length / (double) seconds,
                    pct(l, 0.50), pct(l, 0.99)));
        }
        System.out.printf("%nHermod IMAP, %d clients, %d s, INBOX of %d messages: %.0f operations/s in all%n", clients,
                seconds, messages, total / (double) seconds);
        rows.values().forEach(System.out::println);
        System.out.println();
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))] / 1e6;
    }

}
