package dev.hermod.core.internal.mail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.directory.PrincipalType;
import dev.hermod.api.mail.BlobHash;
import dev.hermod.api.mail.MailboxId;
import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mail.MessageId;
import dev.hermod.api.mail.TemporaryFailureException;
import dev.hermod.api.message.BodyPart;
import dev.hermod.api.message.HeaderField;
import dev.hermod.api.message.MailAddress;
import dev.hermod.api.message.MessageEnvelope;
import dev.hermod.api.message.MessageSummary;
import dev.hermod.api.mailbox.Appended;
import dev.hermod.api.mailbox.Changes;
import dev.hermod.api.mailbox.CopyResult;
import dev.hermod.api.mailbox.KeywordChange;
import dev.hermod.api.mailbox.KeywordChange.Operation;
import dev.hermod.api.mailbox.KeywordResult;
import dev.hermod.api.mailbox.Keywords;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.Mailbox;
import dev.hermod.api.mailbox.MailboxDelta;
import dev.hermod.api.mailbox.MailboxException;
import dev.hermod.api.mailbox.MailboxException.Reason;
import dev.hermod.api.mailbox.MailboxView;
import dev.hermod.api.mailbox.MessageEntry;
import dev.hermod.api.mailbox.QuotaUsage;
import dev.hermod.api.mailbox.StoredMessage;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.blob.fs.internal.FsBlobStore;
import dev.hermod.core.internal.ProviderRegistry;
import dev.hermod.core.internal.TestRegistries;
import dev.hermod.testing.Components;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the mail store does, whatever key-value store it runs on. Each provider's test extends this and
 * hands over an empty store for every test; blobs go to a file system blob store in a temporary directory.
 */
abstract class MailStoreContract implements SearchContract {

    /** Small batches, so that bulk operations run as several transactions; a short change log. */
    static final Settings SETTINGS = new Settings(20, 50, 0, 7, true);

    @TempDir
    Path dir;

    ProviderRegistry registry;
    KeyValueStore kv;
    CountingBlobStore blobs;
    TestDirectory directory;
    MailStoreComponent store;
    private final List<MailStoreComponent> nodes = new ArrayList<>();
    private TestRegistries.Binding blobBinding;

    /** @return an empty store for one test */
    abstract KeyValueStore openStore(Path dir);

    abstract void closeStore(KeyValueStore store);

    @BeforeEach
    void start() {
        kv = openStore(dir);
        blobs = new CountingBlobStore(new FsBlobStore(Components.config(FsBlobStore.Config.class,
                Map.of("directory", dir.resolve("blobs").toString(), "fsync", false)), Components.bundleContext(Map.of(), dir)));
        directory = new TestDirectory().user("alice").user("bob").put("team", PrincipalType.GROUP, 0, 0, true)
                .put("gone", PrincipalType.INDIVIDUAL, 0, 0, false);
        registry = TestRegistries.create(200);
        TestRegistries.bind(registry, kv, "kv");
        blobBinding = TestRegistries.bind(registry, blobs, "fs");
        TestRegistries.bind(registry, directory, "test");
        store = node(SETTINGS);
    }

    @AfterEach
    void stop() {
        nodes.forEach(MailStoreComponent::deactivate);
        closeStore(kv);
    }

    @Override
    public MailStoreComponent mailStore() {
        return store;
    }

    @Override
    public long blobReads() {
        return blobs.reads();
    }

    @Override
    public KeyValueStore keyValueStore() {
        return kv;
    }

    /** Another mail store over the same providers: a second node sharing the store. */
    MailStoreComponent node(Settings settings) {
        MailStoreComponent node = new MailStoreComponent(registry, settings);
        nodes.add(node);
        return node;
    }

    // --- accounts and mailboxes ---

    @Test
    void anAccountStartsWithTheSpecialUseMailboxes() {
        MailAccount alice = store.account("alice");
        List<Mailbox> mailboxes = alice.mailboxes();
        assertEquals(List.of("INBOX", "Archive", "Drafts", "Junk", "Sent", "Trash"),
                mailboxes.stream().map(Mailbox::name).toList(), "INBOX first, then by name");
        assertEquals(List.of(MailboxRole.INBOX, MailboxRole.ARCHIVE, MailboxRole.DRAFTS, MailboxRole.JUNK,
                MailboxRole.SENT, MailboxRole.TRASH), mailboxes.stream().map(Mailbox::role).toList());
        assertTrue(mailboxes.stream().allMatch(m -> m.subscribed() && m.uidNext() == 1 && m.messages() == 0
                && m.parent() == null && m.uidValidity() > 0));
        assertEquals(6, new HashSet<>(mailboxes.stream().map(Mailbox::uidValidity).toList()).size(),
                "UIDVALIDITY differs between mailboxes");
        assertEquals(alice.id(), store.account("ALICE").id(), "the directory's canonical name keys the account");
        assertEquals("alice", store.account("Alice").name());
        assertNotEquals(alice.id(), store.account("bob").id());
        assertEquals(6, alice.mailboxes().size(), "created once");
        assertEquals(alice.mailbox(MailboxRole.INBOX), alice.find("inbox"));
        assertTrue(alice.state() > 0);
        for (String name : List.of("nobody", "team", "gone")) {
            assertEquals(Reason.NO_SUCH_ACCOUNT, assertThrows(MailboxException.class, () -> store.account(name)).reason(),
                    name);
        }
    }

    @Test
    void accountsCreatedConcurrentlyGetOneId() throws Exception {
        directory.user("carol");
        MailStoreComponent other = node(SETTINGS);
        List<Callable<Long>> opens = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            MailStoreComponent node = i % 2 == 0 ? store : other;
            opens.add(() -> node.account("carol").id().value());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Set<Long> ids = new HashSet<>();
            for (Future<Long> f : pool.invokeAll(opens)) {
                ids.add(f.get());
            }
            assertEquals(1, ids.size());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(6, store.account("carol").mailboxes().size());
    }

    @Test
    void mailboxesAreCreatedRenamedMovedAndDeleted() throws IOException {
        MailAccount a = store.account("alice");
        Mailbox work = a.createMailbox("Work", null, null);
        Mailbox projects = a.createMailbox("Projects", work.id(), null);
        Mailbox inboxChild = a.createMailbox("Lists", inbox(a).id(), null);
        assertEquals("Work/Projects", a.path(projects.id()));
        assertEquals(projects, a.find("Work/Projects").orElseThrow());
        assertEquals(inboxChild.id(), a.find("inbox/Lists").orElseThrow().id(), "INBOX matches in any case");
        assertTrue(a.find("work/projects").isEmpty(), "other names are case-sensitive");
        assertTrue(a.find("Work/Nope").isEmpty());

        assertReason(Reason.ALREADY_EXISTS, () -> a.createMailbox("Work", null, null));
        assertReason(Reason.ALREADY_EXISTS, () -> a.createMailbox("Inbox", null, null));
        assertReason(Reason.ALREADY_EXISTS, () -> a.createMailbox("Old sent", null, MailboxRole.SENT));
        assertReason(Reason.INVALID_NAME, () -> a.createMailbox("a/b", null, null));
        assertReason(Reason.INVALID_NAME, () -> a.createMailbox("", null, null));
        assertReason(Reason.INVALID_NAME, () -> a.createMailbox("tab\there", null, null));
        assertReason(Reason.NO_SUCH_MAILBOX, () -> a.createMailbox("x", MailboxId.of(9999), null));
        a.createMailbox("Projects", null, null); // same name, other parent: fine

        Mailbox renamed = a.renameMailbox(projects.id(), "Done", null);
        assertEquals("Done", a.path(projects.id()));
        assertEquals(projects.uidValidity(), renamed.uidValidity());
        assertReason(Reason.ALREADY_EXISTS, () -> a.renameMailbox(projects.id(), "Work", null));
        assertReason(Reason.INVALID_PARENT, () -> a.renameMailbox(work.id(), "Work", work.id()));
        a.renameMailbox(projects.id(), "Done", work.id());
        assertReason(Reason.INVALID_PARENT, () -> a.renameMailbox(work.id(), "Work", projects.id()));
        assertReason(Reason.CANNOT, () -> a.renameMailbox(inbox(a).id(), "Post", null));
        assertReason(Reason.NO_SUCH_MAILBOX, () -> a.renameMailbox(MailboxId.of(9999), "x", null));

        Mailbox updated = a.updateMailbox(work.id(), false, null, 5);
        assertFalse(updated.subscribed());
        assertEquals(5, updated.sortOrder());
        assertReason(Reason.ALREADY_EXISTS, () -> a.updateMailbox(work.id(), true, MailboxRole.TRASH, 0));
        assertReason(Reason.CANNOT, () -> a.updateMailbox(inbox(a).id(), true, null, 0));
        List<String> order = a.mailboxes().stream().map(m -> a.path(m.id())).toList();
        assertEquals(List.of("INBOX", "INBOX/Lists", "Archive", "Drafts", "Junk", "Projects", "Sent", "Trash", "Work",
                "Work/Done"), order, "parents first, INBOX first, siblings by sort order then name");

        assertReason(Reason.HAS_CHILDREN, () -> a.deleteMailbox(work.id(), true));
        assertReason(Reason.CANNOT, () -> a.deleteMailbox(inbox(a).id(), true));
        append(a, projects.id(), message("one", "<1@x>", null), Set.of());
        assertReason(Reason.HAS_MESSAGES, () -> a.deleteMailbox(projects.id(), false));
        a.deleteMailbox(projects.id(), true);
        assertReason(Reason.NO_SUCH_MAILBOX, () -> a.mailbox(projects.id()));
        assertReason(Reason.NO_SUCH_MAILBOX, () -> a.deleteMailbox(projects.id(), true));
        a.deleteMailbox(work.id(), false);
        assertTrue(a.find("Work").isEmpty());
        assertEquals(0, a.quota().usedMessages(), "the message in the deleted mailbox is gone");
        a.createMailbox("Work", null, null); // the name is free again, with a new UIDVALIDITY
        assertNotEquals(work.uidValidity(), a.find("Work").orElseThrow().uidValidity());
    }

    // --- messages ---

    @Test
    void appendStoresBytesKeywordsDateAndCounts() throws IOException {
        MailAccount a = store.account("alice");
        Mailbox inbox = inbox(a);
        byte[] raw = message("Hello", "<m1@example.org>", null);
        Instant when = Instant.parse("2024-03-01T10:15:30Z");
        Appended appended = a.append(inbox.id(), new ByteArrayInputStream(raw), Set.of("$Seen", "custom"), when);
        assertEquals(1, appended.uid());
        assertEquals(inbox.uidValidity(), appended.uidValidity());
        assertEquals(raw.length, appended.size());
        assertEquals(BlobHash.sha256(raw), appended.blob());
        assertEquals(a.state(), appended.modSeq());

        StoredMessage stored = a.message(appended.id());
        assertEquals(Set.of(Keywords.SEEN, "custom"), stored.keywords());
        assertEquals(when, stored.receivedAt());
        assertEquals(Map.of(inbox.id(), 1L), stored.mailboxes());
        assertEquals(appended.thread(), stored.thread());
        try (InputStream in = a.open(appended.id(), 0, -1)) {
            assertArrayEquals(raw, in.readAllBytes());
        }
        try (InputStream in = a.open(appended.id(), 6, 5)) {
            assertEquals(new String(raw, 6, 5, StandardCharsets.US_ASCII), new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        }
        Appended second = append(a, inbox.id(), message("Again", "<m2@example.org>", null), Set.of());
        Mailbox after = a.mailbox(inbox.id());
        assertEquals(2, after.messages());
        assertEquals(1, after.unseen());
        assertEquals(raw.length + second.size(), after.size());
        assertEquals(3, after.uidNext());
        assertEquals(second.modSeq(), after.highestModSeq());
        MailboxView view = a.view(inbox.id());
        assertEquals(List.of(1L, 2L), view.entries().stream().map(MessageEntry::uid).toList());
        assertEquals(a.state(), view.state());
        assertTrue(Instant.now().getEpochSecond() - a.message(second.id()).receivedAt().getEpochSecond() < 60,
                "received now when no date is given");

        byte[] summary = ((Account) a).storedSummary(appended.id());
        assertEquals(Summaries.FORMAT_PARSED, summary[0]);
        assertEquals("Hello", a.summary(appended.id()).envelope().subject());

        assertReason(Reason.NO_SUCH_MAILBOX, () -> a.append(MailboxId.of(9999), new ByteArrayInputStream(raw), Set.of(), null));
        assertReason(Reason.NO_SUCH_MESSAGE, () -> a.message(MessageId.of(9999)));
        assertThrows(IllegalArgumentException.class,
                () -> a.append(inbox.id(), new ByteArrayInputStream(raw), Set.of("bad keyword"), null));
    }

    @Test
    void summariesDescribeMultipartMessagesAndIndexTheirBytes() throws IOException {
        MailAccount a = store.account("alice");
        byte[] raw = multipartWithAttachment();
        Appended appended = append(a, inbox(a).id(), raw, Set.of());
        MessageSummary s = a.summary(appended.id());
        assertEquals(raw.length, s.size());
        MessageEnvelope e = s.envelope();
        assertEquals("Re: Café in Zürich à midi", e.subject(), "RFC 2047 words in two charsets, decoded");
        assertEquals("Café in Zürich à midi", s.baseSubject());
        assertEquals(List.of(new MailAddress("Zoë Exemple", "zoe", "example.org", null)), e.from());
        assertEquals(List.of("bob@example.org", "carol@example.net"), e.to().stream().map(MailAddress::address).toList());
        assertEquals(List.of("mp1@example.org"), e.messageIds());
        assertEquals(OffsetDateTime.parse("2024-03-04T10:00:00+01:00"), e.date());
        assertTrue(s.hasAttachment());
        assertEquals(List.of("1.1"), s.textBody());
        assertEquals(List.of("1.2"), s.htmlBody());
        assertEquals(List.of("2"), s.attachments());
        assertEquals("Hello Bob, the café opens at noon.", s.preview(), "quoted-printable, ISO-8859-1, decoded");

        BodyPart pdf = s.part("2").orElseThrow();
        assertEquals("application/pdf", pdf.mimeType());
        assertEquals("report.pdf", pdf.name());
        assertEquals("base64", pdf.encoding());
        assertEquals("attachment", pdf.disposition());
        assertEquals("JVBERi0xLjQKJcfsj6IKMSAwIG9iago8PD4+CmVuZG9iagp0cmFpbGVyCjw8Pj4KJSVFT0YK",
                read(a, appended.id(), pdf.bodyStart(), pdf.size()), "BODY[2] is a range of the blob");
        BodyPart plain = s.part("1.1").orElseThrow();
        assertTrue(read(a, appended.id(), plain.headerStart(), plain.bodyStart() - plain.headerStart())
                .startsWith("Content-Type: text/plain; charset=ISO-8859-1\r\n"), "BODY[1.1.MIME]");
        assertEquals("Hello Bob, the caf=E9 opens at noon.", read(a, appended.id(), plain.bodyStart(), plain.size()),
                "the line break before a delimiter belongs to the delimiter");
        assertEquals(new String(raw, 0, (int) s.headerLength(), StandardCharsets.ISO_8859_1),
                read(a, appended.id(), 0, s.headerLength()), "BODY[HEADER]");
        HeaderField subject = s.headers("subject").get(0);
        assertEquals("Subject:" + subject.value() + "\r\n", read(a, appended.id(), subject.offset(), subject.length()));

        CopyResult copy = a.copy(inbox(a).id(), List.of(appended.uid()), a.mailbox(MailboxRole.ARCHIVE).orElseThrow().id());
        MessageId copied = a.view(a.mailbox(MailboxRole.ARCHIVE).orElseThrow().id()).entries().stream()
                .filter(m -> m.uid() == copy.targetUids().get(0)).findFirst().orElseThrow().id();
        assertEquals(s, a.summary(copied), "a copy shares the summary");
        assertReason(Reason.NO_SUCH_MESSAGE, () -> a.summary(MessageId.of(9999)));
    }

    @Test
    void messagesAreStoredByteForByte() throws IOException {
        MailAccount a = store.account("alice");
        byte[] raw = ("From: Jürgen <j@example.org>\nSubject: bare LF line ends, 8-bit header\n\nline one\r\nline two"
                + " without a final break").getBytes(StandardCharsets.UTF_8);
        Appended appended = append(a, inbox(a).id(), raw, Set.of());
        try (InputStream in = a.open(appended.id(), 0, -1)) {
            assertArrayEquals(raw, in.readAllBytes());
        }
        MessageSummary s = a.summary(appended.id());
        assertEquals(raw.length, s.size());
        assertEquals("Jürgen", s.envelope().from().get(0).name());
        assertEquals("line one\r\nline two without a final break", read(a, appended.id(), s.body().bodyStart(),
                s.body().size()));
        assertEquals(2, s.body().lines());
    }

    @Test
    void summariesWrittenBeforeTheParserAreStillRead() throws IOException {
        MailAccount a = store.account("alice");
        byte[] raw = multipartWithAttachment();
        Appended appended = append(a, inbox(a).id(), raw, Set.of());
        MessageSummary parsed = a.summary(appended.id());
        // format 1: the raw header section without its empty line, as the header reader stored it
        byte[] legacy = new byte[(int) parsed.headerLength() - 1];
        legacy[0] = Summaries.FORMAT_HEADER;
        System.arraycopy(raw, 0, legacy, 1, legacy.length - 1);
        store.context().write(a.id().value(), t -> {
            Summaries.clear(t, appended.blob().bytes());
            Summaries.write(t, appended.blob().bytes(), legacy);
            return null;
        });
        MessageSummary old = a.summary(appended.id());
        assertEquals(parsed.envelope(), old.envelope(), "the envelope is exact");
        assertEquals(parsed.headers(), old.headers(), "so are the header fields and their offsets");
        assertEquals(parsed.baseSubject(), old.baseSubject());
        assertEquals(raw.length, old.size());
        assertEquals(parsed.headerLength(), old.headerLength());
        assertEquals("multipart", parsed.body().type());
        assertEquals(List.of(), old.body().children(), "the body's structure is unknown");
        assertEquals(old.headerLength(), old.body().bodyStart());
        assertEquals(raw.length, old.body().bodyEnd());
    }

    @Test
    void tooLargeMessagesAreRefusedAndLeaveNothing() {
        MailAccount a = node(new Settings(20, 0, 100, 7, true)).account("alice");
        byte[] raw = message("big", "<big@x>", null);
        assertReason(Reason.TOO_LARGE, () -> a.append(inbox(a).id(), new ByteArrayInputStream(raw), Set.of(), null));
        assertFalse(blobs.exists(BlobHash.sha256(raw)));
        assertEquals(0, inbox(a).messages());
    }

    @Test
    void uidsAscendAndAreNeverReused() throws IOException {
        MailAccount a = store.account("alice");
        MailboxId inbox = inbox(a).id();
        for (int i = 1; i <= 3; i++) {
            assertEquals(i, append(a, inbox, message("m" + i, null, null), Set.of()).uid());
        }
        a.store(inbox, List.of(3L), new KeywordChange(Operation.ADD, Set.of(Keywords.DELETED), -1));
        assertEquals(List.of(3L), a.expunge(inbox, null));
        assertEquals(4, append(a, inbox, message("m4", null, null), Set.of()).uid());
        assertEquals(List.of(1L, 2L, 4L), uids(a, inbox));
    }

    @Test
    void expungeRemovesOnlyDeletedMessages() throws IOException {
        MailAccount a = store.account("alice");
        MailboxId inbox = inbox(a).id();
        for (int i = 1; i <= 20; i++) {
            append(a, inbox, message("m" + i, null, null), i % 2 == 0 ? Set.of(Keywords.DELETED) : Set.of());
        }
        assertEquals(List.of(2L, 4L), a.expunge(inbox, List.of(1L, 2L, 3L, 4L, 99L)), "only marked ones of those given");
        List<Long> removed = a.expunge(inbox, null);
        assertEquals(LongStream.rangeClosed(3, 10).map(i -> i * 2).boxed().toList(), removed);
        assertEquals(LongStream.rangeClosed(0, 9).map(i -> i * 2 + 1).boxed().toList(), uids(a, inbox));
        assertEquals(10, inbox(a).messages());
        assertEquals(10, a.quota().usedMessages());
        assertEquals(List.of(), a.expunge(inbox, null));
        assertReason(Reason.NO_SUCH_MAILBOX, () -> a.expunge(MailboxId.of(9999), null));
    }

    @Test
    void copyMakesNewMessagesAndMoveKeepsThem() throws IOException {
        MailAccount a = store.account("alice");
        MailboxId inbox = inbox(a).id();
        Mailbox archive = a.mailbox(MailboxRole.ARCHIVE).orElseThrow();
        List<Appended> added = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            added.add(append(a, inbox, message("m" + i, "<c" + i + "@x>", null), Set.of("k" + i)));
        }
        CopyResult copy = a.copy(inbox, List.of(2L, 4L, 6L, 8L, 10L, 77L), archive.id());
        assertEquals(List.of(2L, 4L, 6L, 8L, 10L), copy.sourceUids());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), copy.targetUids());
        assertEquals(archive.uidValidity(), copy.uidValidity());
        MailboxView archived = a.view(archive.id());
        for (int i = 0; i < 5; i++) {
            MessageEntry entry = archived.entries().get(i);
            Appended original = added.get(i * 2 + 1);
            assertNotEquals(original.id(), entry.id(), "a copy is a new message");
            assertEquals(Set.of("k" + (i * 2 + 2)), entry.keywords());
            StoredMessage stored = a.message(entry.id());
            assertEquals(original.blob(), stored.blob(), "sharing the bytes");
            assertEquals(original.thread(), stored.thread(), "and the thread");
        }
        assertEquals(10, inbox(a).messages());
        assertEquals(15, a.quota().usedMessages());

        long before = a.state();
        CopyResult move = a.move(inbox, List.of(1L, 3L, 5L), archive.id());
        assertEquals(List.of(1L, 3L, 5L), move.sourceUids());
        assertEquals(List.of(6L, 7L, 8L), move.targetUids());
        assertEquals(Map.of(archive.id(), 6L), a.message(added.get(0).id()).mailboxes(), "same message, new UID");
        assertEquals(List.of(2L, 4L, 6L, 7L, 8L, 9L, 10L), uids(a, inbox));
        assertEquals(List.of(1L, 3L, 5L), a.delta(inbox, before).vanished());
        assertEquals(15, a.quota().usedMessages(), "moving changes no quota");
        assertReason(Reason.NO_SUCH_MAILBOX, () -> a.move(inbox, List.of(2L), MailboxId.of(9999)));
        assertReason(Reason.NO_SUCH_MAILBOX, () -> a.copy(MailboxId.of(9999), List.of(2L), inbox));
    }

    @Test
    void keywordsAreAddedRemovedAndReplacedWithUnchangedSince() throws IOException {
        MailAccount a = store.account("alice");
        MailboxId inbox = inbox(a).id();
        Mailbox archive = a.mailbox(MailboxRole.ARCHIVE).orElseThrow();
        for (int i = 1; i <= 4; i++) {
            append(a, inbox, message("m" + i, null, null), Set.of());
        }
        KeywordResult seen = a.store(inbox, List.of(1L, 2L, 3L), new KeywordChange(Operation.ADD, Set.of(Keywords.SEEN,
                "$flagged"), -1));
        assertEquals(List.of(1L, 2L, 3L), seen.changed().stream().map(MessageEntry::uid).toList());
        assertTrue(seen.changed().stream().allMatch(e -> e.modSeq() == seen.modSeq()
                && e.keywords().equals(Set.of(Keywords.SEEN, "$flagged"))));
        assertEquals(1, a.mailbox(inbox).unseen());
        assertEquals(seen.modSeq(), a.mailbox(inbox).highestModSeq());

        KeywordResult nothing = a.store(inbox, List.of(1L), new KeywordChange(Operation.ADD, Set.of(Keywords.SEEN), -1));
        assertEquals(List.of(), nothing.changed());
        assertEquals(seen.modSeq(), nothing.modSeq(), "no change, no new MODSEQ");
        assertEquals(seen.modSeq(), a.state());

        KeywordResult removed = a.store(inbox, List.of(2L), new KeywordChange(Operation.REMOVE, Set.of("$flagged"), -1));
        assertEquals(Set.of(Keywords.SEEN), removed.changed().get(0).keywords());
        KeywordResult replaced = a.store(inbox, List.of(3L, 4L), new KeywordChange(Operation.REPLACE, Set.of("x"), -1));
        assertEquals(Set.of("x"), a.view(inbox).entries().get(3).keywords());
        assertEquals(2, a.mailbox(inbox).unseen(), "UID 3 lost $seen");

        // UNCHANGEDSINCE (RFC 7162): UID 1 is older than the condition, 2 and 3 changed after it
        KeywordResult conditional = a.store(inbox, List.of(1L, 2L, 3L),
                new KeywordChange(Operation.ADD, Set.of("$answered"), seen.modSeq()));
        assertEquals(List.of(1L), conditional.changed().stream().map(MessageEntry::uid).toList());
        assertEquals(List.of(2L, 3L), conditional.notModified());
        assertTrue(replaced.modSeq() < conditional.modSeq());

        // keywords belong to the message: a change shows in every mailbox holding it
        StoredMessage first = a.message(a.view(inbox).entries().get(0).id());
        a.setMailboxes(first.id(), Set.of(inbox, archive.id()));
        a.store(archive.id(), List.of(1L), new KeywordChange(Operation.ADD, Set.of("shared"), -1));
        assertTrue(a.view(inbox).entries().get(0).keywords().contains("shared"));
        assertTrue(a.message(first.id()).keywords().contains("shared"));
    }

    @Test
    void setMailboxesAndDestroy() throws IOException {
        MailAccount a = store.account("alice");
        MailboxId inbox = inbox(a).id();
        MailboxId archive = a.mailbox(MailboxRole.ARCHIVE).orElseThrow().id();
        MailboxId trash = a.mailbox(MailboxRole.TRASH).orElseThrow().id();
        Appended one = append(a, inbox, message("one", null, null), Set.of());
        Appended two = append(a, inbox, message("two", null, null), Set.of());
        long before = a.state();
        StoredMessage both = a.setMailboxes(one.id(), Set.of(inbox, archive)).orElseThrow();
        assertEquals(Map.of(inbox, 1L, archive, 1L), both.mailboxes());
        StoredMessage moved = a.setMailboxes(one.id(), Set.of(trash)).orElseThrow();
        assertEquals(Map.of(trash, 1L), moved.mailboxes());
        assertEquals(List.of(1L), a.delta(inbox, before).vanished());
        assertEquals(List.of(1L), a.delta(archive, before).vanished());
        assertReason(Reason.NO_SUCH_MAILBOX, () -> a.setMailboxes(one.id(), Set.of(MailboxId.of(9999))));
        assertReason(Reason.NO_SUCH_MESSAGE, () -> a.setMailboxes(MessageId.of(9999), Set.of(inbox)));
        assertTrue(a.setMailboxes(one.id(), Set.of()).isEmpty(), "no mailbox: destroyed");
        assertReason(Reason.NO_SUCH_MESSAGE, () -> a.message(one.id()));
        assertEquals(List.of(two.id()), a.destroy(List.of(two.id(), one.id(), MessageId.of(9999))));
        assertEquals(0, a.quota().usedMessages());
        assertEquals(0, a.quota().usedBytes());
        assertEquals(0, a.mailbox(inbox).messages());
        assertEquals(0, a.mailbox(inbox).size());
    }

    @Test
    void aSharedBlobIsDeletedWhenItsLastMessageGoes() throws IOException {
        MailAccount a = store.account("alice");
        MailAccount b = store.account("bob");
        byte[] raw = message("shared", "<shared@x>", null);
        BlobHash hash = BlobHash.sha256(raw);
        Appended a1 = append(a, inbox(a).id(), raw, Set.of());
        Appended a2 = append(a, a.mailbox(MailboxRole.ARCHIVE).orElseThrow().id(), raw, Set.of());
        Appended b1 = append(b, inbox(b).id(), raw, Set.of(Keywords.DELETED));
        CopyResult copy = a.copy(inbox(a).id(), List.of(a1.uid()), a.mailbox(MailboxRole.TRASH).orElseThrow().id());
        assertEquals(1, copy.targetUids().size());
        a.destroy(List.of(a1.id()));
        assertTrue(blobs.exists(hash));
        a.destroy(List.of(a2.id()));
        a.expunge(a.mailbox(MailboxRole.TRASH).orElseThrow().id(), null); // not marked: stays
        a.store(a.mailbox(MailboxRole.TRASH).orElseThrow().id(), copy.targetUids(),
                new KeywordChange(Operation.ADD, Set.of(Keywords.DELETED), -1));
        a.expunge(a.mailbox(MailboxRole.TRASH).orElseThrow().id(), null);
        assertTrue(blobs.exists(hash), "bob still has it");
        assertEquals(List.of(b1.uid()), b.expunge(inbox(b).id(), null));
        assertFalse(blobs.exists(hash), "deleted with the last reference");

        // the same bytes arriving again are stored again
        Appended again = append(b, inbox(b).id(), raw, Set.of());
        assertTrue(blobs.exists(hash));
        try (InputStream in = b.open(again.id(), 0, -1)) {
            assertArrayEquals(raw, in.readAllBytes());
        }
    }

    @Test
    void anAppendRacingTheDeletionOfItsBlobFailsTemporarilyAndLosesNothing() throws IOException {
        MailAccount a = store.account("alice");
        MailboxId inbox = inbox(a).id();
        byte[] raw = message("race", "<race@x>", null);
        BlobHash hash = BlobHash.sha256(raw);
        // a deletion of the same bytes is running: the append waits by retrying, then fails temporarily
        marker(hash, 1);
        assertThrows(TemporaryFailureException.class, () -> append(a, inbox, raw, Set.of()));
        assertEquals(0, inbox(a).messages());
        // a deletion finished, and this put stored the bytes again: the append goes ahead
        marker(hash, 2);
        Appended appended = append(a, inbox, raw, Set.of());
        assertTrue(blobs.exists(hash));
        byte[] marker = kv.read(txn -> txn.get(MailKeys.blobDeletion(hash.bytes())));
        assertTrue(marker == null, "marker cleared");
        // a deletion removed the bytes after this put: the append fails temporarily, nothing is added
        a.destroy(List.of(appended.id()));
        assertFalse(blobs.exists(hash));
        TestRegistries.unbindBlobStore(registry, blobBinding);
        TestRegistries.bind(registry, new DeletingAfterPut(blobs), "racing");
        assertThrows(TemporaryFailureException.class, () -> append(a, inbox, raw, Set.of()));
        assertEquals(0, inbox(a).messages());
        assertEquals(0, a.quota().usedMessages());
    }

    private void marker(BlobHash hash, int state) {
        kv.write(txn -> {
            txn.set(MailKeys.blobDeletion(hash.bytes()), new ByteWriter(12).u8(state).varint(System.currentTimeMillis())
                    .toByteArray());
            return null;
        });
    }

    /** A blob store where a concurrent deleter removes each blob right after it is put. */
    private record DeletingAfterPut(BlobStore delegate) implements BlobStore {
        @Override
        public BlobHash put(InputStream content) throws IOException {
            BlobHash hash = delegate.put(content);
            delegate.delete(hash);
            return hash;
        }

        @Override
        public InputStream get(BlobHash hash) {
            return delegate.get(hash);
        }

        @Override
        public InputStream get(BlobHash hash, long offset, long length) {
            return delegate.get(hash, offset, length);
        }

        @Override
        public boolean exists(BlobHash hash) {
            return delegate.exists(hash);
        }

        @Override
        public long size(BlobHash hash) {
            return delegate.size(hash);
        }

        @Override
        public boolean delete(BlobHash hash) {
            return delegate.delete(hash);
        }

        @Override
        public List<BlobHash> list(BlobHash after, int limit) {
            return delegate.list(after, limit);
        }
    }

    @Test
    void quotaIsCountedAndEnforced() throws IOException {
        byte[] raw = message("q", "<q@x>", null);
        directory.put("carol", PrincipalType.INDIVIDUAL, raw.length * 3L, 0, true);
        MailAccount c = store.account("carol");
        MailboxId inbox = inbox(c).id();
        append(c, inbox, raw, Set.of());
        append(c, inbox, message("r", "<r@x>", null), Set.of());
        QuotaUsage usage = c.quota();
        assertEquals(2, usage.usedMessages());
        assertEquals(raw.length * 3L, usage.limitBytes());
        byte[] big = message("a much longer subject line that does not fit", "<big@x>", null);
        assertReason(Reason.OVER_QUOTA, () -> c.append(inbox, new ByteArrayInputStream(big), Set.of(), null));
        assertFalse(blobs.exists(BlobHash.sha256(big)), "the refused message's blob is removed");
        assertReason(Reason.OVER_QUOTA, () -> c.copy(inbox, List.of(1L, 2L), inbox));
        assertEquals(2, c.quota().usedMessages(), "nothing copied");

        directory.put("carol", PrincipalType.INDIVIDUAL, 0, 2, true);
        assertReason(Reason.OVER_QUOTA, () -> c.append(inbox, new ByteArrayInputStream(big), Set.of(), null));
        directory.put("carol", PrincipalType.INDIVIDUAL, 0, 0, true);
        append(c, inbox, big, Set.of());
        assertEquals(3, c.quota().usedMessages());
        assertEquals(c.mailbox(inbox).size(), c.quota().usedBytes());
    }

    // --- changes ---

    @Test
    void changesFollowRfc8620() throws IOException {
        MailAccount a = store.account("alice");
        MailboxId inbox = inbox(a).id();
        long s0 = a.state();
        Appended one = append(a, inbox, message("one", null, null), Set.of());
        Appended two = append(a, inbox, message("two", null, null), Set.of());
        long s1 = a.state();
        a.store(inbox, List.of(one.uid()), new KeywordChange(Operation.ADD, Set.of(Keywords.SEEN), -1));
        Appended three = append(a, inbox, message("three", null, null), Set.of());
        a.destroy(List.of(three.id()));
        a.destroy(List.of(two.id()));

        Changes all = a.changes(Changes.Collection.EMAIL, s0, 100);
        assertEquals(List.of(one.id().toString()), all.created(), "created then updated: created only");
        assertEquals(List.of(), all.updated());
        assertEquals(List.of(), all.destroyed(), "created then destroyed: not at all");
        assertEquals(a.state(), all.newState());
        assertFalse(all.hasMore());

        Changes later = a.changes(Changes.Collection.EMAIL, s1, 100);
        assertEquals(List.of(), later.created());
        assertEquals(List.of(one.id().toString()), later.updated());
        assertEquals(List.of(two.id().toString()), later.destroyed());

        Changes mailboxes = a.changes(Changes.Collection.MAILBOX, s1, 100);
        assertEquals(List.of(inbox.toString()), mailboxes.updated(), "counts changed");
        Changes threads = a.changes(Changes.Collection.THREAD, s0, 100);
        assertEquals(List.of(one.thread().toString()), threads.created());

        Changes none = a.changes(Changes.Collection.EMAIL, a.state(), 5);
        assertEquals(a.state(), none.newState());
        assertTrue(none.created().isEmpty() && none.updated().isEmpty() && none.destroyed().isEmpty());

        // maxChanges: whole entries while they fit; hasMore and an intermediate state otherwise
        List<String> seen = new ArrayList<>();
        long state = s0;
        int calls = 0;
        boolean more = true;
        while (more) {
            Changes page = a.changes(Changes.Collection.EMAIL, state, 1);
            assertTrue(page.created().size() + page.updated().size() + page.destroyed().size() <= 1);
            seen.addAll(page.created());
            seen.addAll(page.updated());
            seen.addAll(page.destroyed());
            assertTrue(page.newState() > state || !page.hasMore());
            state = page.newState();
            more = page.hasMore();
            calls++;
        }
        assertEquals(a.state(), state);
        assertTrue(calls >= 4, "paged: " + calls);
        assertTrue(seen.containsAll(List.of(one.id().toString(), two.id().toString())));

        assertReason(Reason.CANNOT, () -> a.changes(Changes.Collection.EMAIL, a.state() + 5, 10));
        assertThrows(IllegalArgumentException.class, () -> a.changes(Changes.Collection.EMAIL, s0, 0));
    }

    @Test
    void anEntryLargerThanMaxChangesCannotBeSplit() throws IOException {
        MailAccount a = store.account("alice");
        MailboxId inbox = inbox(a).id();
        for (int i = 0; i < 3; i++) {
            append(a, inbox, message("m" + i, null, null), Set.of());
        }
        long before = a.state();
        a.store(inbox, List.of(1L, 2L, 3L), new KeywordChange(Operation.ADD, Set.of("x"), -1));
        assertReason(Reason.CANNOT, () -> a.changes(Changes.Collection.EMAIL, before, 2));
        assertEquals(3, a.changes(Changes.Collection.EMAIL, before, 3).updated().size());
    }

    @Test
    void theChangeLogIsPrunedAndOldStatesCannotBeAnswered() throws IOException {
        MailAccount a = store.account("alice");
        MailboxId inbox = inbox(a).id();
        long s0 = a.state();
        append(a, inbox, message("first", null, null), Set.of(Keywords.DELETED));
        long s1 = a.state();
        a.expunge(inbox, null);
        for (int i = 0; i < 45; i++) {
            append(a, inbox, message("m" + i, null, null), Set.of());
        }
        await(() -> {
            try {
                a.changes(Changes.Collection.EMAIL, s0, 10);
                return false;
            } catch (MailboxException e) {
                return e.reason() == Reason.CANNOT;
            }
        });
        long recent = a.state() - SETTINGS.changeLogKeep();
        assertEquals(List.of(), a.changes(Changes.Collection.MAILBOX, recent, 100).created());
        assertEquals(SETTINGS.changeLogKeep(), a.changes(Changes.Collection.EMAIL, recent, 100).created().size());
        // QRESYNC from a pruned state: every UID below UIDNEXT that is gone counts as vanished
        MailboxDelta delta = a.delta(inbox, s1);
        assertEquals(List.of(1L), delta.vanished());
        assertEquals(45, delta.changed().size());
    }

    @Test
    void deltaListsChangedMessagesAndVanishedUids() throws IOException {
        MailAccount a = store.account("alice");
        MailboxId inbox = inbox(a).id();
        for (int i = 1; i <= 5; i++) {
            append(a, inbox, message("m" + i, null, null), Set.of());
        }
        long since = a.state();
        a.store(inbox, List.of(2L), new KeywordChange(Operation.ADD, Set.of(Keywords.DELETED), -1));
        a.store(inbox, List.of(4L), new KeywordChange(Operation.ADD, Set.of(Keywords.SEEN), -1));
        a.expunge(inbox, null);
        append(a, inbox, message("m6", null, null), Set.of());
        MailboxDelta delta = a.delta(inbox, since);
        assertEquals(List.of(4L, 6L), delta.changed().stream().map(MessageEntry::uid).toList());
        assertEquals(List.of(2L), delta.vanished());
        assertEquals(a.mailbox(inbox).highestModSeq(), delta.highestModSeq());
        assertEquals(a.state(), delta.highestModSeq());
        MailboxDelta nothing = a.delta(inbox, a.state());
        assertTrue(nothing.changed().isEmpty() && nothing.vanished().isEmpty());
        assertEquals(6, a.delta(inbox, 0).changed().size() + 1, "from 0: all present messages");
    }

    // --- threads ---

    @Test
    void repliesJoinTheThreadOfWhatTheyReferTo() throws IOException {
        MailAccount a = store.account("alice");
        MailboxId inbox = inbox(a).id();
        Appended root = append(a, inbox, message("Plans", "<root@x>", null), Set.of());
        Appended reply = append(a, inbox, message("Re: Plans", "<r1@x>", "<root@x>"), Set.of());
        Appended deep = append(a, inbox, messageWithReferences("Re: Plans", "<r2@x>", "<root@x> <r1@x>"), Set.of());
        Appended other = append(a, inbox, message("Other", "<other@x>", null), Set.of());
        assertEquals(root.thread(), reply.thread());
        assertEquals(root.thread(), deep.thread());
        assertNotEquals(root.thread(), other.thread());
        // a reply that arrives before its parent, then the parent
        Appended child = append(a, inbox, message("Re: Late", "<late-child@x>", "<late@x>"), Set.of());
        Appended parent = append(a, inbox, message("Late", "<late@x>", null), Set.of());
        assertEquals(child.thread(), parent.thread());
        // siblings whose parent never arrived
        Appended sibling = append(a, inbox, message("Re: Late", "<late-sibling@x>", "<late@x>"), Set.of());
        assertEquals(child.thread(), sibling.thread());
        assertEquals(List.of(root.id(), reply.id(), deep.id()), a.thread(root.thread()));
        assertEquals(List.of(), a.thread(dev.hermod.api.mail.ThreadId.of(9999)));

        long before = a.state();
        a.destroy(List.of(other.id()));
        Changes threads = a.changes(Changes.Collection.THREAD, before, 10);
        assertEquals(List.of(other.thread().toString()), threads.destroyed());
        a.destroy(List.of(reply.id()));
        assertEquals(List.of(root.id(), deep.id()), a.thread(root.thread()));
        assertEquals(List.of(root.thread().toString()), a.changes(Changes.Collection.THREAD, before, 10).updated());
    }

    // --- notifications, hot swap, resumption ---

    @Test
    void subscribersAreToldOfNewStatesOnThisNodeAndOthers() throws Exception {
        MailAccount a = store.account("alice");
        BlockingQueue<Long> states = new LinkedBlockingQueue<>();
        AutoCloseable subscription = a.subscribe(states::add);
        Appended appended = append(a, inbox(a).id(), message("hi", null, null), Set.of());
        assertEquals(appended.modSeq(), states.poll(5, TimeUnit.SECONDS));

        MailStoreComponent other = node(SETTINGS);
        MailAccount onOther = other.account("alice");
        BlockingQueue<Long> remote = new LinkedBlockingQueue<>();
        try (AutoCloseable s = onOther.subscribe(remote::add)) {
            Appended second = append(a, inbox(a).id(), message("again", null, null), Set.of());
            assertEquals(second.modSeq(), remote.poll(5, TimeUnit.SECONDS), "seen by polling the change counter");
            assertEquals(second.modSeq(), states.poll(5, TimeUnit.SECONDS));
        }
        subscription.close();
        append(a, inbox(a).id(), message("unheard", null, null), Set.of());
        assertEquals(null, states.poll(300, TimeUnit.MILLISECONDS));
    }

    @Test
    void aMissingProviderIsATemporaryFailureAndItsReplacementIsUsedAtOnce() throws IOException {
        MailAccount a = store.account("alice");
        MailboxId inbox = inbox(a).id();
        TestRegistries.unbindBlobStore(registry, blobBinding);
        assertThrows(TemporaryFailureException.class, () -> a.append(inbox,
                new ByteArrayInputStream(message("x", null, null)), Set.of(), null));
        assertEquals(0, a.mailbox(inbox).messages(), "metadata still readable");
        BlobStore replacement = new FsBlobStore(Components.config(FsBlobStore.Config.class,
                Map.of("directory", dir.resolve("blobs2").toString(), "fsync", false)), Components.bundleContext(Map.of(), dir));
        TestRegistries.bind(registry, replacement, "fs2");
        Appended appended = append(a, inbox, message("x", null, null), Set.of());
        assertTrue(replacement.exists(appended.blob()));
    }

    @Test
    void aMailboxDeletionCutShortIsFinishedLater() throws IOException {
        MailAccount a = store.account("alice");
        Mailbox box = a.createMailbox("Big", null, null);
        for (int i = 0; i < 20; i++) {
            append(a, box.id(), message("m" + i, null, null), Set.of());
        }
        long account = a.id().value();
        // the first phase only, as if the node died right after it
        store.context().write(account, t -> {
            Mailboxes.markDeleted(t, box.id().value(), true);
            return null;
        });
        assertReason(Reason.NO_SUCH_MAILBOX, () -> a.mailbox(box.id()));
        assertTrue(a.mailboxes().stream().noneMatch(m -> m.id().equals(box.id())), "listing resumes the deletion");
        await(() -> a.quota().usedMessages() == 0);
        await(() -> store.context().read(txn -> txn.get(MailKeys.mailbox(account, box.id().value()))) == null);
    }

    // --- concurrency ---

    @Test
    void concurrentAppendsAndKeywordChangesLoseNothing() throws Exception {
        concurrently(store, store, 8, 8, 10);
    }

    @Test
    void twoNodesWritingOneAccountWithoutLocalLocksLoseNothing() throws Exception {
        // no lock anywhere: only the store's conflict detection orders the writers
        Settings unlocked = new Settings(20, 50, 0, 7, false);
        concurrently(node(unlocked), node(unlocked), 8, 8, 10);
    }

    private void concurrently(MailStoreComponent appending, MailStoreComponent flagging, int appenders, int flippers,
            int perAppender) throws Exception {
        MailAccount a = appending.account("alice");
        MailAccount b = flagging.account("alice");
        MailboxId inbox = inbox(a).id();
        int initial = 12;
        for (int i = 0; i < initial; i++) {
            append(a, inbox, message("seed" + i, null, null), Set.of());
        }
        List<Callable<List<Long>>> work = new ArrayList<>();
        List<Long> modSeqs = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < appenders; t++) {
            int thread = t;
            work.add(() -> {
                List<Long> uids = new ArrayList<>();
                for (int i = 0; i < perAppender; i++) {
                    Appended appended = append(a, inbox, message("t" + thread + "-" + i, null, null), Set.of());
                    uids.add(appended.uid());
                    modSeqs.add(appended.modSeq());
                }
                return uids;
            });
        }
        for (int t = 0; t < flippers; t++) {
            String keyword = "k" + t;
            work.add(() -> {
                for (Operation op : List.of(Operation.ADD, Operation.REMOVE, Operation.ADD)) {
                    for (long uid = 1; uid <= initial; uid++) {
                        KeywordResult result = b.store(inbox, List.of(uid), new KeywordChange(op, Set.of(keyword), -1));
                        assertEquals(1, result.changed().size());
                        modSeqs.add(result.modSeq());
                    }
                }
                return List.of();
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(work.size());
        List<Long> appended = new ArrayList<>();
        try {
            for (Future<List<Long>> f : pool.invokeAll(work, 120, TimeUnit.SECONDS)) {
                appended.addAll(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        int total = initial + appenders * perAppender;
        assertEquals(appenders * perAppender, new HashSet<>(appended).size(), "no duplicate UIDs");
        assertEquals(modSeqs.size(), new HashSet<>(modSeqs).size(), "every change has its own MODSEQ");
        MailboxView view = a.view(inbox);
        assertEquals(total, view.entries().size());
        assertEquals(LongStream.rangeClosed(1, total).boxed().toList(), view.entries().stream().map(MessageEntry::uid).toList());
        Set<String> every = new HashSet<>();
        for (int t = 0; t < flippers; t++) {
            every.add("k" + t);
        }
        for (MessageEntry entry : view.entries().subList(0, initial)) {
            assertEquals(every, entry.keywords(), "no lost keyword update on UID " + entry.uid());
            assertEquals(every, a.message(entry.id()).keywords());
        }
        Mailbox after = a.mailbox(inbox);
        assertEquals(total, after.messages());
        assertEquals(total, after.unseen());
        assertEquals(total + 1, after.uidNext());
        assertEquals(total, a.quota().usedMessages());
        assertEquals(after.size(), a.quota().usedBytes());
        assertEquals(a.state(), after.highestModSeq());
    }

    @Test
    void bulkOperationsSpanManyTransactions() throws IOException {
        MailAccount a = store.account("alice");
        MailboxId inbox = inbox(a).id();
        Mailbox folder = a.createMailbox("Folder", null, null);
        for (int i = 0; i < 40; i++) {
            append(a, inbox, message("m" + i, null, null), Set.of());
        }
        long before = a.state();
        KeywordResult marked = a.store(inbox, LongStream.rangeClosed(1, 40).boxed().toList(),
                new KeywordChange(Operation.ADD, Set.of(Keywords.DELETED), -1));
        assertEquals(40, marked.changed().size());
        assertTrue(marked.modSeq() - before >= 40 / SETTINGS.batchSize(), "several transactions");
        CopyResult copy = a.copy(inbox, LongStream.rangeClosed(1, 40).boxed().toList(), folder.id());
        assertEquals(LongStream.rangeClosed(1, 40).boxed().toList(), copy.targetUids());
        assertEquals(40, a.expunge(inbox, null).size());
        assertEquals(40, a.delta(inbox, before).vanished().size());
        a.deleteMailbox(folder.id(), true);
        assertEquals(0, a.quota().usedMessages());
        assertEquals(0, a.quota().usedBytes());
        try (var files = java.nio.file.Files.walk(dir.resolve("blobs"))) {
            assertEquals(0, files.filter(java.nio.file.Files::isRegularFile)
                    .filter(p -> !p.toString().contains("tmp")).count(), "every blob deleted");
        }
    }

    // --- helpers ---

    static Mailbox inbox(MailAccount account) {
        return account.mailbox(MailboxRole.INBOX).orElseThrow();
    }

    static List<Long> uids(MailAccount account, MailboxId mailbox) {
        return account.view(mailbox).entries().stream().map(MessageEntry::uid).toList();
    }

    static Appended append(MailAccount account, MailboxId mailbox, byte[] raw, Set<String> keywords) throws IOException {
        return account.append(mailbox, new ByteArrayInputStream(raw), keywords, null);
    }

    static byte[] message(String subject, String messageId, String inReplyTo) {
        return build(subject, messageId, inReplyTo == null ? "" : "In-Reply-To: " + inReplyTo + "\r\n");
    }

    static byte[] messageWithReferences(String subject, String messageId, String references) {
        return build(subject, messageId, "References: " + references + "\r\n");
    }

    private static byte[] build(String subject, String messageId, String extra) {
        return ("From: Alice <alice@example.org>\r\nTo: bob@example.org\r\nSubject: " + subject + "\r\n"
                + (messageId == null ? "" : "Message-ID: " + messageId + "\r\n")
                + "Date: Mon, 4 Mar 2024 10:00:00 +0100\r\n" + extra + "\r\nBody of " + subject + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    static String read(MailAccount account, MessageId id, long offset, long length) throws IOException {
        try (InputStream in = account.open(id, offset, length)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** multipart/mixed: an alternative (plain text in ISO-8859-1 quoted-printable, HTML), then a PDF. */
    static byte[] multipartWithAttachment() {
        return ("From: =?UTF-8?Q?Zo=C3=AB_Exemple?= <zoe@example.org>\r\n"
                + "To: bob@example.org, Carol <carol@example.net>\r\n"
                + "Subject: =?UTF-8?Q?Re:_Caf=C3=A9_in_Z=C3=BCrich?= =?ISO-8859-1?Q?_=E0_midi?=\r\n"
                + "Message-ID: <mp1@example.org>\r\n"
                + "Date: Mon, 4 Mar 2024 10:00:00 +0100\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"outer\"\r\n"
                + "\r\n"
                + "preamble\r\n"
                + "--outer\r\n"
                + "Content-Type: multipart/alternative; boundary=inner\r\n"
                + "\r\n"
                + "--inner\r\n"
                + "Content-Type: text/plain; charset=ISO-8859-1\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n"
                + "\r\n"
                + "Hello Bob, the caf=E9 opens at noon.\r\n"
                + "--inner\r\n"
                + "Content-Type: text/html; charset=UTF-8\r\n"
                + "\r\n"
                + "<p>Hello Bob, the caf\u00e9 opens at <b>noon</b>.</p>\r\n"
                + "--inner--\r\n"
                + "--outer\r\n"
                + "Content-Type: application/pdf; name=report.pdf\r\n"
                + "Content-Disposition: attachment; filename=\"report.pdf\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "\r\n"
                + "JVBERi0xLjQKJcfsj6IKMSAwIG9iago8PD4+CmVuZG9iagp0cmFpbGVyCjw8Pj4KJSVFT0YK\r\n"
                + "--outer--\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static void assertReason(Reason reason, org.junit.jupiter.api.function.Executable call) {
        MailboxException e = assertThrows(MailboxException.class, call);
        assertEquals(reason, e.reason(), e.getMessage());
    }

    static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
