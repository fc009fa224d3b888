package dev.hermod.core.internal.delivery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.delivery.DeliveryReport;
import dev.hermod.api.delivery.DeliveryReport.Status;
import dev.hermod.api.delivery.RecipientCheck;
import dev.hermod.api.delivery.RecipientCheck.Outcome;
import dev.hermod.api.directory.PrincipalType;
import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mail.ReversePath;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.MessageEntry;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.blob.fs.internal.FsBlobStore;
import dev.hermod.core.internal.ProviderRegistry;
import dev.hermod.core.internal.TestRegistries;
import dev.hermod.core.internal.mail.MailStoreComponent;
import dev.hermod.store.sqlite.internal.SqliteStoreComponent;
import dev.hermod.testing.Components;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local delivery over the real SQLite and file-system providers. */
class LocalDeliveryTest {

    private static final String RECEIVED = "Received: from client.example (client.example [192.0.2.1])\r\n"
            + "\tby mx.example.org with ESMTP; Mon, 1 Jan 2024 00:00:00 +0000";
    private static final byte[] MESSAGE = ("From: a@example.com\r\nTo: alice@example.org\r\nSubject: hi\r\n\r\n"
            + "Hello \u00e9\r\n").getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private KeyValueStore kv;
    private MailStoreComponent store;
    private RoutingDirectory directory;
    private LocalDelivery delivery;

    @BeforeEach
    void start() {
        kv = new SqliteStoreComponent(Components.config(SqliteStoreComponent.Config.class,
                Map.of("path", dir.resolve("metadata.sqlite").toString())), Components.bundleContext(Map.of(), dir));
        BlobStore blobs = new FsBlobStore(Components.config(FsBlobStore.Config.class,
                Map.of("directory", dir.resolve("blobs").toString())), Components.bundleContext(Map.of(), dir));
        directory = new RoutingDirectory().user("alice", 0).user("bob", 0).user("full", 10)
                .put("gone", PrincipalType.INDIVIDUAL, 0, false)
                .route("postmaster@example.org", "alice")
                .route("team@example.org", "alice", "bob")
                .route("@catchall.example.org", "bob");
        ProviderRegistry registry = TestRegistries.create(200);
        TestRegistries.bind(registry, kv, "kv");
        TestRegistries.bind(registry, blobs, "fs");
        TestRegistries.bind(registry, directory, "test");
        store = new MailStoreComponent(registry, Components.config(MailStoreComponent.Config.class, Map.of()));
        delivery = delivery(registry, Map.of("spool.directory", dir.resolve("spool").toString()));
    }

    private LocalDelivery delivery(ProviderRegistry registry, Map<String, Object> config) {
        return new LocalDelivery(registry, store, Components.config(LocalDelivery.Config.class, config));
    }

    @AfterEach
    void stop() {
        deactivate(store);
        deactivate(kv);
    }

    private static void deactivate(Object component) {
        try {
            Method m = component.getClass().getDeclaredMethod("deactivate");
            m.setAccessible(true);
            m.invoke(component);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Address a(String s) {
        return Address.parse(s);
    }

    @Test
    void checksResolveThroughTheDirectory() {
        assertEquals(List.of("alice"), delivery.check(a("alice@example.org"), 0).accounts());
        assertEquals(List.of("alice"), delivery.check(a("Postmaster@Example.ORG"), 0).accounts(), "alias");
        assertEquals(List.of("alice"), delivery.check(a("alice+news@example.org"), 0).accounts(), "sub-address");
        assertEquals(2, delivery.check(a("team@example.org"), 0).accounts().size(), "list");
        assertEquals(Outcome.UNKNOWN_USER, delivery.check(a("nobody@example.org"), 0).outcome());
        RecipientCheck gone = delivery.check(a("gone@example.org"), 0);
        assertEquals(Outcome.UNKNOWN_USER, gone.outcome());
        assertEquals("550 5.1.1 Mailbox disabled", gone.reply().toString());
        RecipientCheck relay = delivery.check(a("someone@elsewhere.example"), 0);
        assertEquals(Outcome.NOT_LOCAL_DOMAIN, relay.outcome());
        assertEquals(550, relay.reply().code());
        assertTrue(delivery.isLocalDomain("example.org"));
        assertFalse(delivery.isLocalDomain("elsewhere.example"));
        assertEquals(Outcome.NOT_LOCAL_DOMAIN, delivery.check(a("x@catchall.example.org"), 0).outcome(),
                "a catch-all only counts in a local domain");
    }

    @Test
    void overQuotaIsTemporaryOrPermanentAsConfigured() {
        RecipientCheck full = delivery.check(a("full@example.org"), 100);
        assertEquals(Outcome.OVER_QUOTA, full.outcome());
        assertEquals("452 4.2.2", full.reply().toString().substring(0, 9));
        assertEquals(Outcome.LOCAL, delivery.check(a("full@example.org"), 5).outcome());
        ProviderRegistry registry = registryOf(delivery);
        LocalDelivery permanent = delivery(registry, Map.of("overquota.temporary", false));
        assertEquals("552 5.2.2", permanent.check(a("full@example.org"), 100).reply().toString().substring(0, 9));
    }

    @Test
    void deliversWithTraceHeadersByteExact() throws IOException {
        DeliveryReport report = delivery.deliver(ReversePath.parse("<sender@example.com>"),
                List.of(a("alice+tag@example.org")), new ByteArrayInputStream(MESSAGE), RECEIVED);
        assertTrue(report.allDelivered());
        assertEquals("250 2.0.0 <alice+tag@example.org> delivered", report.results().get(0).reply().toString());
        byte[] expected = concat(("Return-Path: <sender@example.com>\r\nDelivered-To: alice+tag@example.org\r\n"
                + RECEIVED + "\r\n").getBytes(StandardCharsets.UTF_8), MESSAGE);
        assertArrayEquals(expected, inbox("alice").get(0));
    }

    @Test
    void oneCopyPerAccountThroughListsAndAliases() throws IOException {
        DeliveryReport report = delivery.deliver(ReversePath.NULL,
                List.of(a("team@example.org"), a("postmaster@example.org"), a("bob@example.org")),
                new ByteArrayInputStream(MESSAGE), null);
        assertEquals(List.of(Status.DELIVERED, Status.DELIVERED, Status.DELIVERED),
                report.results().stream().map(DeliveryReport.RecipientResult::status).toList());
        List<byte[]> alice = inbox("alice");
        assertEquals(1, alice.size(), "alice reached by the list and an alias gets one copy");
        assertArrayEquals(concat("Return-Path: <>\r\nDelivered-To: team@example.org\r\n"
                .getBytes(StandardCharsets.UTF_8), MESSAGE), alice.get(0));
        assertEquals(1, inbox("bob").size());
        try (var files = Files.list(dir.resolve("spool"))) {
            assertEquals(0, files.count(), "the spool file is removed");
        }
    }

    @Test
    void everyAccountsCopySharesOneBlobAndReadsAsItsOwnMessage() throws IOException {
        delivery.deliver(ReversePath.parse("<a@example.com>"), List.of(a("alice@example.org"), a("bob@example.org")),
                new ByteArrayInputStream(MESSAGE), RECEIVED);
        var alice = store.account("alice");
        var bob = store.account("bob");
        var aliceId = alice.view(alice.mailbox(dev.hermod.api.mail.MailboxRole.INBOX).orElseThrow().id())
                .entries().get(0).id();
        var bobId = bob.view(bob.mailbox(dev.hermod.api.mail.MailboxRole.INBOX).orElseThrow().id())
                .entries().get(0).id();
        assertEquals(alice.message(aliceId).blob(), bob.message(bobId).blob(), "one blob for both accounts");
        String prefix = "Return-Path: <a@example.com>\r\nDelivered-To: bob@example.org\r\n" + RECEIVED + "\r\n";
        byte[] whole = concat(prefix.getBytes(StandardCharsets.UTF_8), MESSAGE);
        assertEquals(whole.length, bob.message(bobId).size());
        try (InputStream in = bob.open(bobId, 0, -1)) {
            assertArrayEquals(whole, in.readAllBytes());
        }
        // Ranges inside the prefix, across its end, and in the blob.
        for (int[] r : new int[][] {{0, 10}, {20, 40}, {prefix.length() - 5, 12}, {prefix.length() + 3, 7},
                {5, -1}}) {
            try (InputStream in = bob.open(bobId, r[0], r[1])) {
                int end = r[1] < 0 ? whole.length : r[0] + r[1];
                assertArrayEquals(java.util.Arrays.copyOfRange(whole, r[0], end), in.readAllBytes(),
                        r[0] + "+" + r[1]);
            }
        }
        var summary = bob.summary(bobId);
        assertEquals(whole.length, summary.size());
        String text = new String(whole, StandardCharsets.UTF_8);
        assertEquals(text.indexOf("\r\n\r\n") + 4, summary.headerLength());
        assertEquals("Return-Path", summary.headers().get(0).name());
        assertEquals("bob@example.org", summary.headers().get(1).value().strip());
        var subject = summary.headers().stream().filter(h -> h.name().equals("Subject")).findFirst().orElseThrow();
        assertEquals("Subject: hi\r\n", new String(whole, (int) subject.offset(), subject.length(),
                StandardCharsets.UTF_8));
        var body = summary.body();
        assertEquals("Hello \u00e9\r\n", new String(whole, (int) body.bodyStart(),
                (int) (body.bodyEnd() - body.bodyStart()), StandardCharsets.UTF_8));
    }

    @Test
    void perRecipientFailures() throws IOException {
        directory.route("gone2@example.org", "nobody-in-directory");
        DeliveryReport report = delivery.deliver(ReversePath.NULL,
                List.of(a("alice@example.org"), a("gone2@example.org"), a("full@example.org")),
                new ByteArrayInputStream(new byte[100]), null);
        assertEquals(Status.DELIVERED, report.results().get(0).status());
        assertEquals(Status.PERMANENT_FAILURE, report.results().get(1).status());
        assertEquals(Status.TEMPORARY_FAILURE, report.results().get(2).status(), "over quota, temporary");
        assertEquals(452, report.results().get(2).reply().code());
        assertFalse(report.allDelivered());
    }

    @Test
    void aLargeMessageStreams() throws IOException {
        long size = 8L * 1024 * 1024;
        InputStream big = new InputStream() {
            long left = size;

            @Override
            public int read() {
                return left-- > 0 ? (left % 78 == 0 ? '\n' : 'x') : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) (--left % 78 == 0 ? '\n' : 'x');
                }
                return n;
            }
        };
        DeliveryReport report = delivery.deliver(ReversePath.NULL, List.of(a("alice@example.org"), a("bob@example.org")),
                big, null);
        assertTrue(report.allDelivered(), report.toString());
        MailAccount alice = store.account("alice");
        MessageEntry entry = alice.view(alice.mailbox(MailboxRole.INBOX).orElseThrow().id()).entries().get(0);
        assertEquals(size + "Return-Path: <>\r\nDelivered-To: alice@example.org\r\n".length(),
                alice.message(entry.id()).size());
    }

    @Test
    void emptyRecipientsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> delivery.deliver(ReversePath.NULL, List.of(),
                new ByteArrayInputStream(MESSAGE), null));
    }

    private List<byte[]> inbox(String account) throws IOException {
        MailAccount mail = store.account(account);
        var view = mail.view(mail.mailbox(MailboxRole.INBOX).orElseThrow().id());
        List<byte[]> out = new java.util.ArrayList<>();
        for (MessageEntry e : view.entries()) {
            try (InputStream in = mail.open(e.id(), 0, -1)) {
                out.add(in.readAllBytes());
            }
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static ProviderRegistry registryOf(LocalDelivery d) {
        try {
            var f = LocalDelivery.class.getDeclaredField("registry");
            f.setAccessible(true);
            return (ProviderRegistry) f.get(d);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
