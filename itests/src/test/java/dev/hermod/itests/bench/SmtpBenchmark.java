package dev.hermod.itests.bench;

import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.auth.Authenticator;
import dev.hermod.api.delivery.Delivery;
import dev.hermod.api.directory.Credentials;
import dev.hermod.api.directory.Directory;
import dev.hermod.api.directory.Principal;
import dev.hermod.api.directory.PrincipalType;
import dev.hermod.api.filter.FilterPipeline;
import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.MailStore;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.testing.DovecotServer;
import dev.hermod.testing.PostfixServer;
import dev.hermod.smtp.internal.SmtpServer;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntSupplier;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/**
 * SMTP delivery benchmark driver (not a test): N concurrent senders, each on its own persistent connection,
 * send M messages of 10 KB each to N local users, one recipient per message, transactions back to back
 * without RSET. Per message it measures the latency from MAIL FROM to the 250 after DATA; per server the
 * accepted messages/s (SMTP), p50 and p99 latency, and the stored messages/s: until every message is in the
 * recipients' mailboxes. Measured side by side on this machine:
 *
 * <ul>
 *   <li>Hermod in-process: the core over SQLite and file-system blobs (their default, durable settings) behind
 *       Hermod's SMTP listener; a message is stored when 250 is answered (checked by counting at the end);</li>
 *   <li>Postfix (hermod-testing's {@link PostfixServer}, default performance settings) handing the same load
 *       over LMTP to Dovecot ({@link DovecotServer}, Maildir): stored is when Dovecot's Maildirs hold every
 *       message.</li>
 * </ul>
 *
 * Each server first gets a warm-up round (10 messages per sender) that is not counted. Run with
 * {@code itests/bench/smtp.sh [senders] [messages-per-sender]} (defaults 8 and 500); Postfix needs root and
 * Debian's postfix, dovecot-core and dovecot-lmtpd packages.
 */
public final class SmtpBenchmark {

    private static final int SIZE = 10 * 1024;
    private static final int WARM_UP = 10;
    private static final String DOMAIN = "example.org";

    private SmtpBenchmark() {}

    /** One server's figures. */
    private record Result(String server, int messages, int failed, double acceptedPerSecond, double p50, double p99,
                          double storedPerSecond) {
    }

    public static void main(String[] args) throws Exception {
        int senders = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int perSender = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        List<String> users = new ArrayList<>();
        for (int i = 1; i <= senders; i++) {
            users.add(String.format("user%02d", i));
        }
        List<Result> results = new ArrayList<>();
        results.add(hermod(users, senders, perSender));
        if (!"false".equals(System.getProperty("bench.peer"))) {
            results.add(postfixDovecot(users, senders, perSender));
        }

        System.out.println();
        System.out.printf("SMTP delivery: %d senders x %d messages of %d KB to %d local users%n", senders, perSender,
                SIZE / 1024, users.size());
        System.out.printf("%-30s %14s %8s %8s %14s%n", "server", "accepted msg/s", "p50 ms", "p99 ms", "stored msg/s");
        for (Result r : results) {
            System.out.printf("%-30s %14.0f %8.1f %8.1f %14.0f%s%n", r.server(), r.acceptedPerSecond(), r.p50(), r.p99(),
                    r.storedPerSecond(), r.failed() == 0 ? "" : "   (" + r.failed() + " of " + r.messages() + " refused)");
        }
        System.exit(0);
    }

    /** The blob store's settings; -Dbench.blob.fsync=false turns syncing off for experiments. */
    private static Map<String, Object> blobConfig(Path work) {
        Map<String, Object> config = new HashMap<>(Map.of("directory", work.resolve("blobs").toString()));
        if (System.getProperty("bench.blob.fsync") != null) {
            config.put("fsync", Boolean.getBoolean("bench.blob.fsync"));
        }
        return config;
    }

    // ---- Hermod in-process ------------------------------------------------------------------------------------

    private static Result hermod(List<String> users, int senders, int perSender) throws Exception {
        Path work = Files.createTempDirectory("hermod-smtpbench");
        Object registry = Components.create(Class.forName("dev.hermod.core.internal.ProviderRegistry"),
                Map.of("unavailable.wait", 1000L), work);
        KeyValueStore kv = (KeyValueStore) Components.create(
                Class.forName("dev.hermod.store.sqlite.internal.SqliteStoreComponent"),
                Map.of("path", work.resolve("metadata.sqlite").toString()), work);
        BlobStore blobs = (BlobStore) Components.create(Class.forName("dev.hermod.blob.fs.internal.FsBlobStore"),
                blobConfig(work), work);
        bind(registry, "addKeyValueStore", kv, "sqlite");
        bind(registry, "addBlobStore", blobs, "fs");
        bind(registry, "addDirectory", new LocalUsers(users), "bench");
        // -Dbench.mailstore=key=value,... passes mail store settings (e.g. index.max.text=0) for experiments.
        Map<String, Object> storeConfig = new HashMap<>();
        for (String setting : System.getProperty("bench.mailstore", "").split(",")) {
            if (setting.contains("=")) {
                storeConfig.put(setting.substring(0, setting.indexOf('=')).trim(),
                        setting.substring(setting.indexOf('=') + 1).trim());
            }
        }
        MailStore store = (MailStore) Components.create(Class.forName("dev.hermod.core.internal.mail.MailStoreComponent"),
                storeConfig, work, registry);
        Delivery delivery = (Delivery) Components.create(Class.forName("dev.hermod.core.internal.delivery.LocalDelivery"),
                Map.of(), work, registry, store);
        Authenticator auth = (Authenticator) Components.create(
                Class.forName("dev.hermod.core.internal.auth.DirectoryAuthenticator"), Map.of(), work, registry);
        FilterPipeline filters = (FilterPipeline) Components.create(
                Class.forName("dev.hermod.core.internal.delivery.CommandStageFilters"), Map.of(), work, registry);
        Map<String, Object> config = new HashMap<>(Map.of("protocol", "smtp", "host", "127.0.0.1", "port", 0,
                "security", "none", "hostname", "mx.example.org", "connections.per.ip", Math.max(20, senders + 4)));
        if (Integer.getInteger("hermod.workers") != null) {
            config.put("workers", Integer.getInteger("hermod.workers"));
        }
        SmtpServer server = new SmtpServer(dev.hermod.testing.Components.config(SmtpServer.Config.class, config), config,
                delivery, auth, filters);
        int port = server.address().getPort();
        try {
            IntSupplier stored = () -> {
                int n = 0;
                for (String user : users) {
                    MailAccount account = store.account(user);
                    n += account.view(account.mailbox(MailboxRole.INBOX).orElseThrow().id()).entries().size();
                }
                return n;
            };
            return run("hermod (SQLite + fs)", port, users, senders, perSender, stored);
        } finally {
            Components.deactivate(server);
            Components.deactivate(store);
            Components.deactivate(kv);
            deleteTree(work);
        }
    }

    // ---- Postfix -> Dovecot ---------------------------------------------------------------------------------------

    private static Result postfixDovecot(List<String> users, int senders, int perSender) {
        DovecotServer.Builder builder = DovecotServer.builder();
        users.forEach(u -> builder.user(u, "secret"));
        try (DovecotServer dovecot = builder.start();
             PostfixServer postfix = PostfixServer.builder().lmtpTo(dovecot.host(), dovecot.lmtpPort())
                     .relayDomains(DOMAIN).start()) {
            return run("postfix -> dovecot (LMTP)", postfix.port(), users, senders, perSender, dovecot::countAll);
        } catch (Exception e) {
            throw new IllegalStateException("Postfix -> Dovecot run failed: " + e.getMessage(), e);
        }
    }

    // ---- the load ---------------------------------------------------------------------------------------------------

    /** Warm-up, then the measured load; {@code stored} counts the messages in all mailboxes. */
    private static Result run(String name, int port, List<String> users, int senders, int perSender,
                              IntSupplier stored) throws Exception {
        System.out.printf("%s: warm-up (%d x %d)%n", name, senders, WARM_UP);
        load(port, users, senders, WARM_UP, "w");
        awaitStored(stored, senders * WARM_UP, name);
        int base = stored.getAsInt();

        System.out.printf("%s: %d x %d messages%n", name, senders, perSender);
        int total = senders * perSender;
        long start = System.nanoTime();
        Load load = load(port, users, senders, perSender, "m");
        double acceptSeconds = (load.lastReply - start) / 1e9;
        int accepted = total - load.failed;
        awaitStored(stored, base + accepted, name);
        double storedSeconds = (System.nanoTime() - start) / 1e9;
        if (name.startsWith("hermod")) {
            // Stored when 250 is answered: the count above only confirms it.
            storedSeconds = acceptSeconds;
        }
        long[] latencies = load.latencies;
        Arrays.sort(latencies);
        return new Result(name, total, load.failed, accepted / acceptSeconds, percentile(latencies, 0.50),
                percentile(latencies, 0.99), accepted / storedSeconds);
    }

    private static void awaitStored(IntSupplier stored, int expected, String name) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        int n;
        while ((n = stored.getAsInt()) < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + ": only " + n + " of " + expected + " messages stored after 10 min");
            }
            Thread.sleep(20);
        }
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    /** The measured latencies (ns) of accepted messages, how many were refused, and when the last reply came. */
    private static final class Load {
        long[] latencies;
        int failed;
        long lastReply;
    }

    private static Load load(int port, List<String> users, int senders, int perSender, String tag) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        CountDownLatch ready = new CountDownLatch(senders);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<long[]>> futures = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int sender = s;
            futures.add(pool.submit(() -> send(port, users, sender, perSender, tag, ready, go)));
        }
        ready.await();
        go.countDown();
        Load load = new Load();
        List<Long> all = new ArrayList<>();
        for (Future<long[]> f : futures) {
            long[] r = f.get();
            // r[0] = refused, r[1] = time of the last reply, then latencies (0 for refused)
            load.failed += (int) r[0];
            load.lastReply = Math.max(load.lastReply, r[1]);
            for (int i = 2; i < r.length; i++) {
                if (r[i] > 0) {
                    all.add(r[i]);
                }
            }
        }
        pool.shutdown();
        load.latencies = all.stream().mapToLong(Long::longValue).toArray();
        return load;
    }

    /** One sender: one connection, EHLO once, then {@code count} transactions back to back. */
    private static long[] send(int port, List<String> users, int sender, int count, String tag, CountDownLatch ready,
                               CountDownLatch go) throws Exception {
        long[] out = new long[count + 2];
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(120_000);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream os = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            expect(in, 220);
            command(os, "EHLO sender" + sender + ".example");
            expect(in, 250);
            ready.countDown();
            go.await();
            for (int i = 0; i < count; i++) {
                String rcpt = users.get((sender + i) % users.size()) + "@" + DOMAIN;
                byte[] message = message(tag, sender, i, rcpt);
                long t0 = System.nanoTime();
                command(os, "MAIL FROM:<sender" + sender + "@sender.example> BODY=8BITMIME SIZE=" + message.length);
                int mail = reply(in);
                command(os, "RCPT TO:<" + rcpt + ">");
                int rcptCode = reply(in);
                if (mail != 250 || rcptCode != 250) {
                    command(os, "RSET");
                    expect(in, 250);
                    out[0]++;
                    continue;
                }
                command(os, "DATA");
                expect(in, 354);
                os.write(message);
                os.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
                os.flush();
                int code = reply(in);
                long t1 = System.nanoTime();
                if (code == 250) {
                    out[i + 2] = t1 - t0;
                } else {
                    out[0]++;
                }
                out[1] = t1;
            }
            command(os, "QUIT");
            reply(in);
        }
        return out;
    }

    /** About 10 KB: header fields and lines of text, no line starting with a dot (so no stuffing needed). */
    private static byte[] message(String tag, int sender, int i, String rcpt) {
        StringBuilder s = new StringBuilder(SIZE + 200);
        s.append("Date: Tue, 25 Nov 2025 10:00:00 +0000\r\n")
                .append("From: Sender ").append(sender).append(" <sender").append(sender).append("@sender.example>\r\n")
                .append("To: <").append(rcpt).append(">\r\n")
                .append("Message-ID: <").append(tag).append('.').append(sender).append('.').append(i).append("@sender.example>\r\n")
                .append("Subject: benchmark message ").append(i).append(" from sender ").append(sender).append("\r\n")
                .append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n");
        int line = 0;
        while (s.length() < SIZE - 80) {
            s.append("Line ").append(line++).append(" of a benchmark message: the quick brown fox jumps over the lazy dog.\r\n");
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void command(OutputStream os, String line) throws IOException {
        os.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        os.flush();
    }

    private static void expect(InputStream in, int code) throws IOException {
        int got = reply(in);
        if (got != code) {
            throw new IOException("expected " + code + ", got " + got);
        }
    }

    /** Reads one reply, possibly multi-line, and returns its code. */
    private static int reply(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c == '\n') {
                String l = line.toString().trim();
                if (l.length() < 3) {
                    throw new IOException("bad reply: " + l);
                }
                if (l.length() == 3 || l.charAt(3) == ' ') {
                    return Integer.parseInt(l.substring(0, 3));
                }
                line.setLength(0);
            } else {
                line.append((char) c);
            }
        }
    }

    // ---- set-up helpers -----------------------------------------------------------------------------------------

    private static void bind(Object registry, String method, Object service, String name) throws Exception {
        Method bind = null;
        for (Method m : registry.getClass().getDeclaredMethods()) {
            if (m.getName().equals(method)) {
                bind = m;
            }
        }
        bind.setAccessible(true);
        long id = System.nanoTime();
        Map<String, Object> properties = Map.of(Constants.SERVICE_ID, id, "name", name, Constants.SERVICE_RANKING, 0);
        Object reference = Proxy.newProxyInstance(ServiceReference.class.getClassLoader(), new Class<?>[] {ServiceReference.class},
                (self, m, a) -> switch (m.getName()) {
                    case "getProperty" -> properties.get((String) a[0]);
                    case "getPropertyKeys" -> properties.keySet().toArray(new String[0]);
                    case "getBundle" -> null;
                    case "compareTo" -> Long.compare((Long) ((ServiceReference<?>) a[0]).getProperty(Constants.SERVICE_ID), id);
                    case "equals" -> self == a[0];
                    case "hashCode" -> Long.hashCode(id);
                    default -> m.getName();
                });
        bind.invoke(registry, reference, service);
    }

    /** Best effort, twice: files a closing component still writes are caught by the second pass. */
    private static void deleteTree(Path root) {
        for (int pass = 0; pass < 2 && Files.exists(root); pass++) {
            try (var paths = Files.walk(root)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                System.err.println("could not delete all of " + root + ": " + e);
            }
            if (Files.exists(root)) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** The benchmark's users in example.org; the directory is not what is measured. */
    private static final class LocalUsers implements Directory {
        private final Map<String, Principal> principals = new HashMap<>();

        LocalUsers(List<String> names) {
            for (String name : names) {
                principals.put(name, new Principal(name, PrincipalType.INDIVIDUAL, null, 0, 0,
                        List.of(new Address(name, DOMAIN)), Set.of(), true));
            }
        }

        @Override
        public Optional<Principal> authenticate(Credentials credentials) {
            return Optional.empty();
        }

        @Override
        public Optional<Principal> principal(String name) {
            return Optional.ofNullable(principals.get(name));
        }

        @Override
        public Set<String> recipients(Address address) {
            String local = address.withoutDetail('+').localPart();
            return address.domain().equals(DOMAIN) && principals.containsKey(local) ? Set.of(local) : Set.of();
        }

        @Override
        public boolean isLocalDomain(String domain) {
            return domain.equals(DOMAIN);
        }

        @Override
        public List<Address> expand(String list) {
            return List.of();
        }

        @Override
        public List<Principal> verify(String partial) {
            return List.of();
        }
    }
}
