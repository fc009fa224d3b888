package dev.hermod.core.internal.mail;

import dev.hermod.api.mail.MailboxId;
import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.SearchQuery;
import dev.hermod.api.mailbox.SearchQuery.Contains;
import dev.hermod.api.mailbox.SearchQuery.Contains.Field;
import dev.hermod.api.mailbox.SortKey;
import dev.hermod.api.mailbox.SortKey.Property;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.blob.fs.internal.FsBlobStore;
import dev.hermod.core.internal.ProviderRegistry;
import dev.hermod.core.internal.TestRegistries;
import dev.hermod.store.postgresql.internal.PostgresqlStoreComponent;
import dev.hermod.store.sqlite.internal.SqliteStoreComponent;
import dev.hermod.testing.Components;
import dev.hermod.testing.PostgresServer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test: a benchmark driver that fills one mailbox on SQLite and on PostgreSQL with generated
 * messages and prints append rate and search and sort times. Runs only when asked:
 * {@code mvn -o -pl bundles/core surefire:test -Dtest=SearchBenchmark -Dhermod.bench=10000}.
 */
@EnabledIfSystemProperty(named = "hermod.bench", matches = "\\d+")
class SearchBenchmark {

    @TempDir
    Path dir;

    @Test
    void sqlite() throws Exception {
        KeyValueStore kv = new SqliteStoreComponent(Components.config(SqliteStoreComponent.Config.class,
                Map.of("path", dir.resolve("metadata.sqlite").toString())), Components.bundleContext(Map.of(), dir));
        try {
            run("SQLite", kv, () -> size(dir.resolve("metadata.sqlite")));
        } finally {
            Providers.deactivate(kv);
        }
    }

    @Test
    void postgresql() throws Exception {
        PostgresServer server = PostgresServer.shared();
        PostgresqlStoreComponent kv = new PostgresqlStoreComponent(Components.config(PostgresqlStoreComponent.Config.class,
                Map.of("host", server.host(), "port", server.port(), "database", server.database(), "user",
                        server.user(), ".password", server.password(), "table", "search_bench", "pool.size", 4)));
        try {
            kv.write(txn -> {
                txn.clearRange(new byte[0], new byte[] {(byte) 0xFF});
                return null;
            });
            run("PostgreSQL", kv, () -> -1L);
        } finally {
            Providers.deactivate(kv);
        }
    }

    private void run(String name, KeyValueStore kv, Supplier<Long> bytes) throws Exception {
        int count = Integer.parseInt(System.getProperty("hermod.bench"));
        ProviderRegistry registry = TestRegistries.create(1000);
        TestRegistries.bind(registry, kv, "kv");
        CountingBlobStore blobs = new CountingBlobStore(new FsBlobStore(Components.config(FsBlobStore.Config.class,
                Map.of("directory", dir.resolve("blobs-" + name).toString(), "fsync", false)),
                Components.bundleContext(Map.of(), dir)));
        TestRegistries.bind(registry, blobs, "fs");
        TestRegistries.bind(registry, new TestDirectory().user("bench"), "test");
        Settings d = Settings.defaults();
        MailStoreComponent store = new MailStoreComponent(registry, new Settings(d.changeLogKeep(), d.pollMillis(),
                d.maxMessageSize(), d.batchSize(), d.serializeLocally(), d.parserLimits(),
                Integer.getInteger("hermod.bench.tokens", d.maxIndexTokens())));
        try {
            MailAccount a = store.account("bench");
            MailboxId inbox = a.mailbox(MailboxRole.INBOX).orElseThrow().id();
            Generator generator = new Generator(7);
            long octets = 0;
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                byte[] raw = generator.message(i);
                octets += raw.length;
                a.append(inbox, new ByteArrayInputStream(raw), i % 4 == 0 ? Set.of("$seen") : Set.of(),
                        Instant.parse("2024-01-01T00:00:00Z").plusSeconds(i * 60L));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%n%s, %,d messages (%.1f MB), fsync off for blobs%n", name, count, octets / 1e6);
            System.out.printf("  %-52s %,10.0f /s%n", "appends (parse, blob, index, one transaction each)", count / seconds);
            long t0 = System.nanoTime();
            long chunks = FullText.compact(kv, a.id().value());
            System.out.printf("  %-52s %,10.1f s (%,d chunks)%n", "a full compaction pass, after the appends",
                    (System.nanoTime() - t0) / 1e9, chunks);
            long reads = blobs.reads();
            time(a, inbox, "search BODY common word (\"" + generator.word(3) + "\")",
                    new Contains(Field.BODY, generator.word(3)), List.of());
            time(a, inbox, "search BODY rare word (\"" + generator.word(4000) + "\")",
                    new Contains(Field.BODY, generator.word(4000)), List.of());
            time(a, inbox, "search BODY two words", SearchQuery.and(new Contains(Field.BODY, generator.word(10)),
                    new Contains(Field.BODY, generator.word(200))), List.of());
            time(a, inbox, "search SUBJECT word (exact, index only)", new Contains(Field.SUBJECT, generator.word(20)),
                    List.of());
            time(a, inbox, "search SUBJECT two words (index + summaries)",
                    new Contains(Field.SUBJECT, generator.word(20) + " " + generator.word(21)), List.of());
            time(a, inbox, "search FROM partial (\"ender1\")", new Contains(Field.FROM, "ender1"), List.of());
            time(a, inbox, "search TEXT word", new Contains(Field.TEXT, generator.word(50)), List.of());
            time(a, inbox, "search HEADER X-Ticket (summaries of all)", new SearchQuery.Header("X-Ticket", "T-77"),
                    List.of());
            time(a, inbox, "search HEADER Message-ID (index)", new SearchQuery.Header("Message-ID",
                    "<bench" + (count / 2) + "@example.org>"), List.of());
            time(a, inbox, "search UNSEEN", SearchQuery.not(new SearchQuery.HasKeyword("$seen")), List.of());
            time(a, inbox, "sort ALL by DATE", new SearchQuery.All(), List.of(SortKey.of(Property.DATE)));
            time(a, inbox, "sort ALL by REVERSE ARRIVAL", new SearchQuery.All(), List.of(SortKey.reversed(Property.ARRIVAL)));
            time(a, inbox, "sort ALL by SUBJECT, DATE", new SearchQuery.All(), List.of(SortKey.of(Property.SUBJECT),
                    SortKey.of(Property.DATE)));
            time(a, inbox, "sort BODY word by DISPLAYFROM", new Contains(Field.BODY, generator.word(10)),
                    List.of(SortKey.of(Property.DISPLAY_FROM)));
            long t = System.nanoTime();
            int n = a.query(new SearchQuery.All(), List.of(SortKey.reversed(Property.ARRIVAL)), true).size();
            System.out.printf("  %-52s %,10.1f ms (%,d)%n", "JMAP query all, receivedAt desc, collapseThreads",
                    (System.nanoTime() - t) / 1e6, n);
            System.out.printf("  %-52s %,10d%n", "blob reads by all of the above", blobs.reads() - reads);
            long b = bytes.get();
            long postings = kv.read(txn -> {
                long k = 0;
                try (var it = txn.prefix(MailKeys.sub(a.id().value(), MailKeys.POSTINGS), 0, false)) {
                    while (it.hasNext()) {
                        it.next();
                        k++;
                    }
                }
                return k;
            });
            System.out.printf("  %-52s %,10d keys%n", "posting list chunks", postings);
            kv.read(txn -> {
                long[] keys = new long[256];
                long[] size = new long[256];
                try (var it = txn.prefix(MailKeys.account(a.id().value()), 0, false)) {
                    while (it.hasNext()) {
                        var e = it.next();
                        int sub = e.key()[9] & 0xFF;
                        keys[sub]++;
                        size[sub] += e.key().length + e.value().length;
                    }
                }
                for (int i = 0; i < 256; i++) {
                    if (keys[i] > 0) {
                        System.out.printf("    subspace %02X: %,9d keys %,12d bytes (%,6.0f per message)%n", i, keys[i],
                                size[i], (double) size[i] / count);
                    }
                }
                return null;
            });
            if (b > 0) {
                System.out.printf("  %-52s %,10.0f bytes/message%n", "metadata on disk", (double) b / count);
            }
        } finally {
            store.deactivate();
        }
    }

    private static void time(MailAccount a, MailboxId inbox, String what, SearchQuery query, List<SortKey> sort) {
        a.search(inbox, query, sort); // warm
        long best = Long.MAX_VALUE;
        int n = 0;
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            n = a.search(inbox, query, sort).size();
            best = Math.min(best, System.nanoTime() - t);
        }
        System.out.printf("  %-52s %,10.1f ms (%,d)%n", what, best / 1e6, n);
    }

    private static long size(Path p) {
        try {
            return Files.exists(p) ? Files.size(p) : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /** Messages of Zipf-distributed pseudo-words: some plain, some multipart with QP Latin-1 text. */
    static final class Generator {
        private final Random random;
        private final String[] words = new String[5000];
        private final double[] cumulative = new double[words.length];

        Generator(long seed) {
            random = new Random(seed);
            String consonants = "bcdfghklmnprstvz";
            String vowels = "aeiou";
            for (int i = 0; i < words.length; i++) {
                StringBuilder w = new StringBuilder();
                int syllables = 1 + (i % 4);
                Random r = new Random(i * 31L + 7);
                for (int s = 0; s < syllables; s++) {
                    w.append(consonants.charAt(r.nextInt(consonants.length()))).append(vowels.charAt(r.nextInt(5)));
                }
                words[i] = w.toString() + i;
            }
            double sum = 0;
            for (int i = 0; i < words.length; i++) {
                sum += 1.0 / (i + 1);
                cumulative[i] = sum;
            }
            for (int i = 0; i < words.length; i++) {
                cumulative[i] /= sum;
            }
        }

        String word(int rank) {
            return words[rank];
        }

        private String pick() {
            int i = java.util.Arrays.binarySearch(cumulative, random.nextDouble());
            return words[Math.min(words.length - 1, i < 0 ? -i - 1 : i)];
        }

        private String text(int n) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                sb.append(pick()).append(i % 12 == 11 ? ".\r\n" : " ");
            }
            return sb.toString();
        }

        byte[] message(int i) {
            int sender = random.nextInt(50);
            String subject = (random.nextInt(4) == 0 ? "Re: " : "") + text(3 + random.nextInt(5)).strip();
            String header = "From: Sender" + sender + " <sender" + sender + "@example.org>\r\n"
                    + "To: Bench <bench@example.org>\r\nSubject: " + subject + "\r\n"
                    + "Date: " + java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                            Instant.parse("2024-01-01T00:00:00Z").plusSeconds(i * 60L - random.nextInt(3600))
                                    .atOffset(java.time.ZoneOffset.ofHours(random.nextInt(5) - 2)))
                    + "\r\nMessage-ID: <bench" + i + "@example.org>\r\nX-Ticket: T-" + random.nextInt(1000) + "\r\n";
            String body = text(80 + random.nextInt(300));
            if (i % 5 != 0) {
                return (header + "\r\n" + body).getBytes(StandardCharsets.UTF_8);
            }
            return (header + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b" + i + "\r\n\r\n--b" + i
                    + "\r\nContent-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: quoted-printable"
                    + "\r\n\r\n" + body.replace("a", "=E4") + "\r\n--b" + i
                    + "\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                    + java.util.Base64.getMimeEncoder().encodeToString(new byte[3000]) + "\r\n--b" + i + "--\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
        }
    }
}
