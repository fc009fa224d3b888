package dev.hermod.imap.internal;

import dev.hermod.testing.DovecotServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * operation, side by side with Dovecot loaded with the same messages over LMTP when Debian's dovecot-imapd is
 * installed (a private instance, {@code DovecotServer}). Run with {@code mvn -o -f bundles/imap/pom.xml
 * test-compile surefire:test -Dtest=ImapMixBenchmark -Dhermod.bench.imap=8}.
 */
@EnabledIfSystemProperty(named = "hermod.bench.imap", matches = "\\d+")
class ImapMixBenchmark extends ImapTestSupport {

    @Override
    boolean blobFsync() {
        return true; // the same durability as the peer's default
    }


    private static final String[] OPS = {"SELECT", "FETCH FLAGS 1:*", "FETCH ENVELOPE", "FETCH BODY[]", "SEARCH",
            "STORE", "APPEND", "EXPUNGE"};

    @Test
    void mix() throws Exception {
        int clients = Integer.getInteger("hermod.bench.imap");
        int seconds = Integer.getInteger("hermod.bench.seconds", 20);
        int messages = Integer.getInteger("hermod.bench.messages", 1000);
        List<String> corpus = corpus(messages);
        int port = server("none", Map.of("connections.per.ip", 0));
        for (String m : corpus) {
            deliver("alice", "INBOX", m);
        }
        List<String> hermod = run(port, clients, seconds, messages);
        List<String> dovecot = null;
        if (Files.isExecutable(Path.of("/usr/lib/dovecot/imap"))) {
            int imapPort;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                imapPort = s.getLocalPort();
            }
            try (DovecotServer peer = DovecotServer.builder().user("alice", "secret")
                    .config("protocols = imap lmtp")
                    .config("service imap-login {\n  inet_listener imap {\n    address = 127.0.0.1\n    port = "
                            + imapPort + "\n  }\n}")
                    .start()) {
                lmtp(peer.lmtpPort(), corpus);
                peer.awaitMessages(messages, java.time.Duration.ofSeconds(60));
                dovecot = run(imapPort, clients, seconds, messages);
            }
        }
        System.out.printf("%n%d clients, %d s, INBOX of %d messages (Hermod: SQLite, blobs with fsync as by default;"
                + " Dovecot: Maildir, default fsync)%n", clients, seconds, messages);
        System.out.printf("%-16s | %-40s | %-40s%n", "operation", "Hermod", dovecot == null ? "Dovecot (not installed:"
                + " dovecot-imapd)" : "Dovecot");
        for (int i = 0; i < hermod.size(); i++) {
            System.out.printf("%-16s | %-40s | %-40s%n", i < OPS.length ? OPS[i] : "all", hermod.get(i),
                    dovecot == null ? "" : dovecot.get(i));
        }
        System.out.println();
    }

    /** The same messages for both servers: subjects from 200 topics, sizes 1 to 9 KB. */
    private static List<String> corpus(int messages) {
        Random seed = new Random(1);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            out.add(SIMPLE.replace("Hello there", "Topic " + seed.nextInt(200))
                    + "padding ".repeat(100 + seed.nextInt(1000)) + "\r\n");
        }
        return out;
    }

    /** Delivers over LMTP, one transaction per message. */
    private static void lmtp(int port, List<String> corpus) throws Exception {
        try (LineClient c = new LineClient(port)) {
            c.line();
            c.raw("LHLO bench.example\r\n");
            String l;
            do {
                l = c.line();
            } while (l.startsWith("250-"));
            for (String m : corpus) {
                c.raw("MAIL FROM:<>\r\nRCPT TO:<alice@example.org>\r\nDATA\r\n");
                c.line();
                c.line();
                c.line();
                c.raw(m.replace("\r\n.", "\r\n..") + ".\r\n");
                String r = c.line();
                if (!r.startsWith("250")) {
                    throw new IllegalStateException("LMTP: " + r);
                }
            }
        }
    }

    /** Runs the mix against a server; one row per operation and a last one for all. */
    private static List<String> run(int port, int clients, int seconds, int messages) throws Exception {
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
        List<String> rows = new ArrayList<>();
        long total = 0;
        for (String op : OPS) {
            long[] l = latencies.get(op).stream().mapToLong(Long::longValue).sorted().toArray();
            total += l.length;
            rows.add(String.format("%7.1f ops/s  p50 %6.2f  p99 %7.2f ms", l.length / (double) seconds, pct(l, 0.50),
                    pct(l, 0.99)));
        }
        rows.add(String.format("%7.1f ops/s", total / (double) seconds));
        return rows;
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))] / 1e6;
    }

}
