package dev.hermod.core.internal.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.BlobHash;
import dev.hermod.api.mail.Envelope;
import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mail.ReversePath;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.MessageEntry;
import dev.hermod.api.outbound.QueueEntry;
import dev.hermod.api.outbound.QueueEntry.State;
import dev.hermod.core.internal.ProviderRegistry;
import dev.hermod.core.internal.TestRegistries;
import dev.hermod.core.internal.delivery.LocalDelivery;
import dev.hermod.core.internal.mail.MailStoreComponent;
import dev.hermod.blob.fs.internal.FsBlobStore;
import dev.hermod.store.sqlite.internal.SqliteStoreComponent;
import dev.hermod.testing.Components;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbound queue over the real SQLite and file-system providers, with a scripted transport. */
class OutboundQueueTest {

    private static final byte[] MESSAGE = ("From: alice@example.org\r\nTo: bob@remote.example\r\n"
            + "Subject: plans\r\nMessage-ID: <m1@example.org>\r\n\r\nSee you at noon.\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private final ScriptedTransport transport = new ScriptedTransport();
    private final List<Object> open = new ArrayList<>();
    private SqliteStoreComponent kv;
    private BlobStore blobs;
    private ProviderRegistry registry;
    private TestRegistries.Binding transportBinding;
    private MailStoreComponent mail;
    private LocalDelivery delivery;
    private QueueComponent queue;

    @BeforeEach
    void start() {
        openStores();
        queue = queue("node-a", false);
    }

    private void openStores() {
        kv = new SqliteStoreComponent(Components.config(SqliteStoreComponent.Config.class,
                Map.of("path", dir.resolve("metadata.sqlite").toString())), Components.bundleContext(Map.of(), dir));
        blobs = new FsBlobStore(Components.config(FsBlobStore.Config.class,
                Map.of("directory", dir.resolve("blobs").toString())), Components.bundleContext(Map.of(), dir));
        registry = TestRegistries.create(200);
        TestRegistries.bind(registry, kv, "sqlite");
        TestRegistries.bind(registry, blobs, "fs");
        TestRegistries.bind(registry, new QueueDirectory(), "test");
        transportBinding = TestRegistries.bind(registry, transport, "scripted");
        mail = new MailStoreComponent(registry, Components.config(MailStoreComponent.Config.class, Map.of()));
        delivery = new LocalDelivery(registry, mail, Components.config(LocalDelivery.Config.class,
                Map.of("spool.directory", dir.resolve("spool").toString())));
    }

    private QueueComponent queue(String node, boolean workers) {
        QueueSettings settings = new QueueSettings(
                new RetrySchedule(Durations.parseList("1m,5m,15m,30m,1h,2h,4h", "retry.schedule"),
                        Durations.parse("5d", "expiry")),
                Durations.parse("4h", "delay.warning"), 2, Duration.ofSeconds(60), node, "mx.example.org",
                Duration.ofMillis(200));
        QueueComponent q = new QueueComponent(registry, delivery, settings, clock, workers);
        open.add(q);
        return q;
    }

    @AfterEach
    void stop() {
        closeAll();
    }

    private void closeAll() {
        for (Object q : open) {
            deactivate(q);
        }
        open.clear();
        deactivate(mail);
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

    private String enqueue(QueueComponent q, String from, String... recipients) throws IOException {
        List<Address> to = java.util.Arrays.stream(recipients).map(Address::parse).toList();
        return q.enqueue(new Envelope(ReversePath.parse(from), to, Map.of("RET", "HDRS", "ENVID", "QQ+2B1"), null,
                null, null), new ByteArrayInputStream(MESSAGE));
    }

    private List<byte[]> inbox(String account) throws IOException {
        MailAccount a = mail.account(account);
        List<byte[]> out = new ArrayList<>();
        for (MessageEntry e : a.view(a.mailbox(MailboxRole.INBOX).orElseThrow().id()).entries()) {
            try (InputStream in = a.open(e.id(), 0, -1)) {
                out.add(in.readAllBytes());
            }
        }
        return out;
    }

    /** The message/delivery-status part of a report, checking the report's structure on the way. */
    private static String deliveryStatus(byte[] report, String expectedSecondPart) throws IOException {
        Message m = new DefaultMessageBuilder().parseMessage(new ByteArrayInputStream(report));
        assertEquals("multipart/report", m.getMimeType());
        assertEquals("delivery-status", ((org.apache.james.mime4j.dom.field.ContentTypeField)
                m.getHeader().getField("Content-Type")).getParameter("report-type"));
        assertEquals("<MAILER-DAEMON@mx.example.org>".toLowerCase(), "<" + m.getFrom().get(0).getAddress()
                .toLowerCase() + ">");
        List<Entity> parts = ((Multipart) m.getBody()).getBodyParts();
        assertEquals(3, parts.size());
        assertEquals("text/plain", parts.get(0).getMimeType());
        assertEquals("message/delivery-status", parts.get(1).getMimeType());
        assertEquals(expectedSecondPart, parts.get(2).getMimeType());
        try (InputStream in = ((SingleBody) parts.get(1).getBody()).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private boolean blobExists() {
        return blobs.exists(BlobHash.sha256(MESSAGE));
    }

    @Test
    void deliveredEntryIsGoneAndItsBlobReleased() throws IOException {
        String id = enqueue(queue, "<alice@example.org>", "bob@remote.example");
        QueueEntry entry = queue.get(id).orElseThrow();
        assertEquals(State.PENDING, entry.recipients().get(0).state());
        assertEquals(MESSAGE.length, entry.size());
        assertTrue(blobExists());

        assertEquals(1, queue.runner().runDue());
        assertEquals(1, transport.calls.size());
        ScriptedTransport.Call call = transport.calls.get(0);
        assertArrayEquals(MESSAGE, call.content());
        assertEquals("remote.example", call.message().domain());
        assertEquals(id, call.message().id());
        assertEquals("<alice@example.org>", call.message().from().toString());
        assertEquals("HDRS", call.message().mailParameters().get("RET"));
        assertFalse(call.message().eightBit());
        assertTrue(queue.get(id).isEmpty());
        assertTrue(queue.list().isEmpty());
        assertFalse(blobExists(), "the blob is deleted with the entry");
    }

    @Test
    void theMailStoresReferenceToTheSameBytesOutlivesTheEntry() throws IOException {
        delivery.deliver(ReversePath.parse("<x@remote.example>"), List.of(Address.parse("alice@example.org")),
                new ByteArrayInputStream(MESSAGE), null);
        enqueue(queue, "<alice@example.org>", "bob@remote.example");
        queue.runner().runDue();
        assertTrue(queue.list().isEmpty());
        assertTrue(blobExists(), "alice's copy still refers to the blob");
        assertEquals(1, inbox("alice").size());
    }

    @Test
    void recipientsAreGroupedByDomainPerAttempt() throws IOException {
        enqueue(queue, "<alice@example.org>", "bob@remote.example", "dan@other.example", "eve@remote.example");
        queue.runner().runDue();
        assertEquals(2, transport.calls.size());
        assertEquals(List.of(Address.parse("bob@remote.example"), Address.parse("eve@remote.example")),
                transport.calls.get(0).message().recipients());
        assertEquals(List.of(Address.parse("dan@other.example")), transport.calls.get(1).message().recipients());
    }

    @Test
    void temporaryFailuresAreRetriedOnTheSchedule() throws IOException {
        transport.reply("bob@remote.example", "451 4.7.1 Greylisted", "451 4.7.1 Greylisted");
        transport.reply("eve@remote.example", "451 4.7.1 Greylisted");
        String id = enqueue(queue, "<alice@example.org>", "bob@remote.example", "eve@remote.example");
        assertEquals(1, queue.runner().runDue());
        QueueEntry e = queue.get(id).orElseThrow();
        assertEquals(1, e.attempts());
        assertEquals(T0.plus(Duration.ofMinutes(1)), e.nextAttempt());
        assertEquals("451 4.7.1 Greylisted", e.recipients().get(0).lastReply());

        clock.advance(Duration.ofSeconds(59));
        assertEquals(0, queue.runner().runDue(), "not due yet");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, queue.runner().runDue());
        e = queue.get(id).orElseThrow();
        assertEquals(2, e.attempts());
        assertEquals(State.PENDING, e.recipients().get(0).state());
        assertEquals(State.DELIVERED, e.recipients().get(1).state(), "eve got it on the second attempt");
        assertEquals(clock.instant().plus(Duration.ofMinutes(5)), e.nextAttempt(), "second delay");

        clock.advance(Duration.ofMinutes(5));
        assertEquals(1, queue.runner().runDue());
        assertTrue(queue.get(id).isEmpty());
        assertEquals(3, transport.callsFor("bob@remote.example").size());
        assertEquals(2, transport.callsFor("eve@remote.example").size(), "a delivered recipient is not sent again");
        assertTrue(inbox("alice").isEmpty(), "no notice before delay.warning");
    }

    @Test
    void permanentFailureBouncesToTheLocalSender() throws IOException {
        transport.reply("bob@remote.example", "550 5.1.1 No such user here");
        String id = enqueue(queue, "<alice@example.org>", "bob@remote.example", "eve@remote.example");
        queue.runner().runDue();
        assertTrue(queue.get(id).isEmpty(), "eve delivered, bob failed: the entry is done");
        assertTrue(queue.list().isEmpty(), "the notice was delivered locally too");

        List<byte[]> inbox = inbox("alice");
        assertEquals(1, inbox.size());
        String report = new String(inbox.get(0), StandardCharsets.UTF_8);
        assertTrue(report.startsWith("Return-Path: <>\r\n"), report);
        String status = deliveryStatus(inbox.get(0), "text/rfc822-headers");
        assertTrue(status.contains("Reporting-MTA: dns; mx.example.org\r\n"), status);
        assertTrue(status.contains("Original-Envelope-Id: QQ+1\r\n"), status);
        assertTrue(status.contains("Arrival-Date: Fri, 1 Mar 2024 10:00:00 +0000\r\n"), status);
        assertTrue(status.contains("Final-Recipient: rfc822; bob@remote.example\r\nAction: failed\r\n"
                + "Status: 5.1.1\r\nRemote-MTA: dns; mx.remote.example\r\n"
                + "Diagnostic-Code: smtp; 550 5.1.1 No such user here\r\n"), status);
        assertFalse(status.contains("eve@remote.example"), "only the failed recipient is reported");
        assertTrue(report.contains("Subject: plans\r\nMessage-ID: <m1@example.org>\r\n"), "original header");
        assertFalse(report.contains("See you at noon"), "RET=HDRS: no body");
    }

    @Test
    void retFullReturnsTheWholeMessage() throws IOException {
        transport.reply("bob@remote.example", "554 5.7.1 Rejected");
        queue.enqueue(new Envelope(ReversePath.parse("<alice@example.org>"), List.of(Address.parse("bob@remote.example")),
                Map.of("RET", "FULL"), null, null, null), new ByteArrayInputStream(MESSAGE));
        queue.runner().runDue();
        byte[] report = inbox("alice").get(0);
        deliveryStatus(report, "message/rfc822");
        assertTrue(new String(report, StandardCharsets.US_ASCII).contains("See you at noon."));
    }

    @Test
    void aDelayNoticeOnceThenExpiryBouncesWith447() throws IOException {
        for (int i = 0; i < 100; i++) {
            transport.reply("bob@remote.example", "451 4.4.1 No answer from host");
        }
        String id = enqueue(queue, "<alice@example.org>", "bob@remote.example");
        int attempts = 0;
        while (queue.get(id).isPresent() && attempts < 100) {
            attempts += queue.runner().runDue();
            QueueEntry e = queue.get(id).orElse(null);
            if (e != null) {
                assertFalse(e.nextAttempt().isAfter(T0.plus(Duration.ofDays(5))), "never past the expiry");
                clock.advance(Duration.between(clock.instant(), e.nextAttempt()));
            }
        }
        assertTrue(queue.get(id).isEmpty());
        assertEquals(7 + (int) ((Duration.ofDays(5).toMinutes() - 1 - 5 - 15 - 30 - 60 - 120 - 240) / 240) + 2,
                transport.callsFor("bob@remote.example").size(), "1m,5m,15m,30m,1h,2h,4h, then every 4h up to 5d");
        List<byte[]> inbox = inbox("alice");
        assertEquals(2, inbox.size(), "one delay notice, one failure");
        String delayed = deliveryStatus(inbox.get(0), "text/rfc822-headers");
        assertTrue(delayed.contains("Action: delayed\r\nStatus: 4.4.1\r\n"), delayed);
        assertTrue(delayed.contains("Will-Retry-Until: Wed, 6 Mar 2024 10:00:00 +0000\r\n"), delayed);
        String failed = deliveryStatus(inbox.get(1), "text/rfc822-headers");
        assertTrue(failed.contains("Final-Recipient: rfc822; bob@remote.example\r\nAction: failed\r\n"
                + "Status: 4.4.7\r\n"), failed);
        assertTrue(failed.contains("Diagnostic-Code: smtp; 451 4.4.1 No answer from host\r\n"), failed);
    }

    @Test
    void theNullSenderIsNeverBounced() throws IOException {
        transport.reply("bob@remote.example", "550 5.1.1 No such user here");
        transport.reply("eve@remote.example", "451 4.4.1 No answer", "451 4.4.1 No answer");
        String id = enqueue(queue, "<>", "bob@remote.example", "eve@remote.example");
        queue.runner().runDue();
        QueueEntry e = queue.get(id).orElseThrow();
        assertEquals(State.FAILED, e.recipients().get(0).state());
        clock.advance(Duration.ofHours(5));
        queue.runner().runDue();
        clock.advance(Duration.ofDays(5));
        queue.runner().runDue();
        assertTrue(queue.list().isEmpty());
        assertTrue(inbox("alice").isEmpty());
        assertEquals(3, transport.calls.size(), "nothing but the attempts was sent");
    }

    @Test
    void twoNodesNeverDeliverOneEntryTwice() throws Exception {
        QueueComponent other = queue("node-b", false);
        transport.delayMillis = 5;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(enqueue(queue, "<alice@example.org>", "bob" + i + "@remote.example"));
        }
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger attempts = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (QueueComponent q : List.of(queue, other, queue, other)) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    attempts.addAndGet(q.runner().runDue());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join(60_000);
        }
        assertEquals(30, attempts.get());
        Map<String, Integer> perEntry = new ConcurrentHashMap<>();
        transport.calls.forEach(c -> perEntry.merge(c.message().id(), 1, Integer::sum));
        assertEquals(30, perEntry.size());
        assertTrue(perEntry.values().stream().allMatch(n -> n == 1), perEntry.toString());
        assertTrue(queue.list().isEmpty());
        assertTrue(ids.stream().allMatch(id -> other.get(id).isEmpty()));
    }

    @Test
    void theLeaseOfADeadNodeIsTakenOverWhenItRunsOut() throws IOException {
        QueueComponent other = queue("node-b", false);
        String id = enqueue(queue, "<alice@example.org>", "bob@remote.example");
        assertNotNull(queue.runner().claimNext(), "node A claims the entry, then dies");
        assertEquals(0, other.runner().runDue(), "a live lease is skipped");
        assertEquals(0, queue.runner().runDue(), "by another thread of the same node too");
        clock.advance(Duration.ofSeconds(59));
        assertEquals(0, other.runner().runDue());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, other.runner().runDue(), "the lease ran out: node B takes over");
        assertEquals(1, transport.calls.size());
        assertTrue(queue.get(id).isEmpty());
    }

    @Test
    void aRestartResumesThePendingEntries() throws IOException {
        transport.reply("bob@remote.example", "421 4.3.2 Shutting down");
        String id = enqueue(queue, "<alice@example.org>", "bob@remote.example");
        String fresh = enqueue(queue, "<alice@example.org>", "carol@remote.example");
        assertTrue(queue.runner().runOne(), "bob's first attempt fails temporarily");
        assertEquals(1, queue.get(id).orElseThrow().attempts());
        assertNotNull(queue.runner().claimNext(), "carol's entry is claimed when the node dies");
        // a kill: the claimed entry's lease stays behind; everything else closes.
        closeAll();
        openStores();
        QueueComponent restarted = queue("node-a", false);
        assertEquals(2, restarted.list().size());
        clock.advance(Duration.ofMinutes(1));
        assertEquals(2, restarted.runner().runDue(), "the retry and the entry whose holder died");
        assertTrue(restarted.list().isEmpty());
        assertEquals(2, transport.callsFor("bob@remote.example").size());
        assertEquals(1, transport.callsFor("carol@remote.example").size());
        assertFalse(fresh.equals(id));
    }

    @Test
    void workerThreadsDeliverOnTheirOwn() throws Exception {
        QueueComponent running = queue("node-w", true);
        String id = enqueue(running, "<alice@example.org>", "bob@remote.example");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (running.get(id).isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(running.get(id).isEmpty());
        assertEquals(1, transport.calls.size());
    }

    @Test
    void withoutATransportEntriesWait() throws IOException {
        TestRegistries.unbindTransport(registry, transportBinding);
        String id = enqueue(queue, "<alice@example.org>", "bob@remote.example", "carol@example.org");
        assertEquals(1, queue.runner().runDue());
        QueueEntry e = queue.get(id).orElseThrow();
        assertEquals(1, e.attempts(), "the local recipient was tried");
        assertEquals(State.PENDING, e.recipients().get(0).state());
        assertNull(e.recipients().get(0).lastReply());
        assertEquals(State.DELIVERED, e.recipients().get(1).state());
        assertEquals(1, inbox("carol").size());
        clock.advance(Duration.ofMinutes(10));
        queue.runner().runDue();
        assertEquals(1, queue.get(id).orElseThrow().attempts(), "waiting is not an attempt");
        TestRegistries.bind(registry, transport, "scripted");
        clock.advance(Duration.ofMinutes(10));
        queue.runner().runDue();
        assertTrue(queue.get(id).isEmpty());
        assertEquals(1, transport.calls.size());
    }

    @Test
    void flushMakesWaitingEntriesDueAndRemoveDropsThem() throws IOException {
        transport.reply("bob@remote.example", "451 4.7.1 Greylisted");
        transport.reply("eve@remote.example", "451 4.7.1 Greylisted");
        String bob = enqueue(queue, "<alice@example.org>", "bob@remote.example");
        String eve = enqueue(queue, "<alice@example.org>", "eve@remote.example");
        queue.runner().runDue();
        assertEquals(2, queue.list().size());
        assertEquals(List.of(bob, eve), queue.list().stream().map(QueueEntry::id).toList(), "oldest first");
        assertTrue(queue.remove(eve));
        assertFalse(queue.remove(eve));
        assertFalse(queue.remove("not-an-id"));
        assertEquals(0, queue.runner().runDue());
        assertEquals(1, queue.flush());
        assertEquals(1, queue.runner().runDue());
        assertTrue(queue.list().isEmpty());
        assertFalse(blobExists());
        assertTrue(inbox("alice").isEmpty(), "a removed entry sends no notice");
    }
}
