package dev.hermod.itests.bench;

import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.directory.Credentials;
import dev.hermod.api.directory.Directory;
import dev.hermod.api.directory.Principal;
import dev.hermod.api.directory.PrincipalType;
import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.MessageId;
import dev.hermod.api.mailbox.KeywordChange;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.MailStore;
import dev.hermod.api.mailbox.Mailbox;
import dev.hermod.api.mailbox.MailboxView;
import dev.hermod.api.mailbox.MessageEntry;
import dev.hermod.api.store.KeyValueStore;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/**
 * Benchmark driver for the mail store (not a test): fills one account with realistic messages on the
 * embedded defaults (SQLite metadata, file-system blobs) and prints appends/s, open-mailbox time, time to
 * fetch all summaries, flag updates/s and bytes on disk per message. Run with {@code itests/bench/mailstore.sh [count]}.
 */
public final class MailStoreBenchmark {

    private MailStoreBenchmark() {}

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path work = Files.createTempDirectory("hermod-mailbench");
        Object registry = Components.create(Class.forName("dev.hermod.core.internal.ProviderRegistry"),
                Map.of("unavailable.wait", 1000L), work);
        Object kv = Components.create(Class.forName("dev.hermod.store.sqlite.internal.SqliteStoreComponent"),
                Map.of("path", work.resolve("metadata.sqlite").toString()), work);
        Object blobs = Components.create(Class.forName("dev.hermod.blob.fs.internal.FsBlobStore"),
                Map.of("directory", work.resolve("blobs").toString()), work);
        bind(registry, "addKeyValueStore", kv, "sqlite");
        bind(registry, "addBlobStore", blobs, "fs");
        bind(registry, "addDirectory", new OneAccountDirectory(), "bench");
        MailStore store = (MailStore) Components.create(Class.forName("dev.hermod.core.internal.mail.MailStoreComponent"),
                Map.of(), work, registry);

        MailAccount account = store.account("bench");
        Mailbox inbox = account.find("INBOX").orElseThrow();
        MessageGenerator generator = new MessageGenerator(42);
        long bytes = 0;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            byte[] message = generator.next();
            bytes += message.length;
            account.append(inbox.id(), new ByteArrayInputStream(message), i % 3 == 0 ? Set.of("$seen") : Set.of(), null);
            if ((i + 1) % 10_000 == 0) {
                System.out.printf("  appended %,d (%.0f/s)%n", i + 1, (i + 1) / seconds(start));
            }
        }
        double appendRate = count / seconds(start);

        start = System.nanoTime();
        MailboxView view = account.view(inbox.id());
        double openMs = millis(start);

        start = System.nanoTime();
        long parts = 0;
        for (MessageEntry entry : view.entries()) {
            parts += account.summary(entry.id()).body().flatten().size();
        }
        double summariesMs = millis(start);

        int flagged = Math.min(count, 10_000);
        List<MessageEntry> entries = view.entries();
        start = System.nanoTime();
        for (int i = 0; i < flagged; i++) {
            account.store(inbox.id(), List.of(entries.get(i).uid()),
                    new KeywordChange(KeywordChange.Operation.ADD, Set.of("$flagged"), -1));
        }
        double flagRate = flagged / seconds(start);

        long disk = du(work);
        System.out.println();
        System.out.printf("Mail store, embedded defaults (SQLite + file-system blobs), one account, %,d messages, %.1f MB of mail%n",
                count, bytes / 1e6);
        System.out.printf("%-42s %,12.0f%n", "appends/s (one at a time, durable)", appendRate);
        System.out.printf("%-42s %,12.1f ms%n", "open mailbox (UID listing of all)", openMs);
        System.out.printf("%-42s %,12.1f ms (%,d parts)%n", "fetch all summaries", summariesMs, parts);
        System.out.printf("%-42s %,12.0f%n", "flag updates/s (one message per STORE)", flagRate);
        System.out.printf("%-42s %,12.0f (message %.0f)%n", "bytes on disk per message", (double) disk / count, (double) bytes / count);
        MailStoreSearches.print(account, inbox);
        System.exit(0);
    }

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

    private static long du(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (Exception e) {
                    return 0;
                }
            }).sum();
        }
    }

    static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    static double millis(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    /** The benchmark's only account; the directory is not what is measured. */
    private static final class OneAccountDirectory implements Directory {
        private final Principal bench = new Principal("bench", PrincipalType.INDIVIDUAL, null, 0, 0,
                List.of(Address.parse("bench@example.org")), Set.of(), true);

        @Override
        public Optional<Principal> authenticate(Credentials credentials) {
            return Optional.empty();
        }

        @Override
        public Optional<Principal> principal(String name) {
            return name.equals("bench") ? Optional.of(bench) : Optional.empty();
        }

        @Override
        public Set<String> recipients(Address address) {
            return Set.of();
        }

        @Override
        public boolean isLocalDomain(String domain) {
            return false;
        }

        @Override
        public List<Address> expand(String list) {
            return List.of();
        }

        @Override
        public List<dev.hermod.api.directory.Principal> verify(String partial) {
            return List.of();
        }
    }
}
