package dev.hermod.migration.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.admin.MigrationProgress;
import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mailbox.KeywordChange;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.Mailbox;
import dev.hermod.api.mailbox.MessageEntry;
import dev.hermod.api.migration.BackupReport;
import dev.hermod.api.migration.RestoreReport;
import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.Envelope;
import dev.hermod.api.mail.ReversePath;
import dev.hermod.api.crypto.EncryptionKeys;
import dev.hermod.api.crypto.KeyKind;
import dev.hermod.core.internal.ServerBackupAccess;
import dev.hermod.core.internal.crypto.EncryptionKeyStore;
import dev.hermod.core.internal.delivery.LocalDelivery;
import dev.hermod.core.internal.queue.QueueComponent;
import dev.hermod.testing.Components;
import dev.hermod.core.internal.sieve.SieveScriptStore;
import dev.hermod.imap.internal.ImapServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fills a server on SQLite, backs it up while it runs, restores the archive into a fresh server on PostgreSQL
 * (a real one), and compares what users see: through the store API and over IMAP.
 */
class BackupRestoreTest {

    @TempDir
    Path dir;

    static final String SIEVE = "require \"fileinto\";\nif header :contains \"subject\" \"report\" { fileinto \"Work\"; }\n";

    static String mail(String id, String inReplyTo, String subject, String body) {
        return "From: Bob <bob@example.org>\r\nTo: alice@example.org\r\nSubject: " + subject
                + "\r\nDate: Tue, 5 Mar 2024 10:00:00 +0000\r\nMessage-ID: <" + id + "@example.org>\r\n"
                + (inReplyTo == null ? "" : "In-Reply-To: <" + inReplyTo + "@example.org>\r\nReferences: <" + inReplyTo + "@example.org>\r\n")
                + "\r\n" + body + "\r\n";
    }

    static void append(MailAccount a, String path, String raw, Set<String> keywords, String date) throws IOException {
        Mailbox box = path.equals("INBOX") ? a.mailbox(MailboxRole.INBOX).orElseThrow() : a.find(path).orElseThrow();
        a.append(box.id(), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)), keywords, Instant.parse(date));
    }

    /** Several accounts, folders, flags, threads, a message shared by two accounts, moves and expunges, Sieve scripts. */
    static void fill(TestServer server, SieveScriptStore sieve) throws IOException {
        MailAccount alice = server.store.account("alice");
        Mailbox work = alice.createMailbox("Work", null, null);
        alice.createMailbox("Projects", work.id(), null);
        append(alice, "INBOX", mail("t1", null, "Plans", "Shall we?"), Set.of("$seen"), "2024-03-01T08:00:00Z");
        append(alice, "INBOX", mail("t2", "t1", "Re: Plans", "Yes."), Set.of("$seen", "$answered"), "2024-03-01T09:00:00Z");
        append(alice, "INBOX", mail("t3", "t2", "Re: Plans", "When?"), Set.of(), "2024-03-01T10:00:00Z");
        append(alice, "Work", mail("r1", null, "Quarterly report", "Numbers attached."), Set.of("$flagged", "urgent"), "2024-02-10T12:00:00Z");
        append(alice, "Work/Projects", mail("p1", null, "Kick-off", "Agenda"), Set.of("$seen"), "2024-01-05T07:30:00Z");
        append(alice, "Sent", mail("s1", "t1", "Re: Plans", "Sure."), Set.of("$seen"), "2024-03-01T08:30:00Z");
        append(alice, "Drafts", mail("d1", null, "Unfinished", "..."), Set.of("$draft"), "2024-03-02T08:30:00Z");
        // a copy shares its bytes; an expunge leaves a gap in the UIDs
        Mailbox inbox = alice.mailbox(MailboxRole.INBOX).orElseThrow();
        alice.copy(inbox.id(), List.of(1L), alice.find("Archive").orElseThrow().id());
        append(alice, "INBOX", mail("x1", null, "Gone", "to be expunged"), Set.of(), "2024-03-03T08:30:00Z");
        alice.store(inbox.id(), List.of(4L), new KeywordChange(KeywordChange.Operation.ADD, Set.of("$deleted"), -1));
        alice.expunge(inbox.id(), null);
        alice.move(inbox.id(), List.of(3L), alice.find("Trash").orElseThrow().id());

        MailAccount bob = server.store.account("bob");
        append(bob, "INBOX", mail("t1", null, "Plans", "Shall we?"), Set.of(), "2024-03-01T08:00:00Z");
        for (int i = 0; i < 30; i++) {
            append(bob, "INBOX", mail("bulk" + i, null, "Newsletter " + i, "Issue " + i + "\r\n" + "x".repeat(i * 100)),
                    i % 2 == 0 ? Set.of("$seen") : Set.of(), "2024-02-0" + (1 + i % 9) + "T00:00:00Z");
        }
        server.store.account("carol");

        sieve.put("alice", "main", SIEVE);
        sieve.activate("alice", "main");
        sieve.put("bob", "draft", "keep;\n");
    }

    @Test
    void aServerBackedUpOnSqliteIsRestoredOnPostgresqlAndLooksTheSame() throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc/dkim"));
        Files.writeString(etc.resolve("example.org.s2024.key"), "-----BEGIN PRIVATE KEY-----\nMIIE...\n-----END PRIVATE KEY-----\n");
        Path archive = dir.resolve("backup.zip");
        Map<String, String> before = new java.util.TreeMap<>();
        BackupReport backup;
        try (TestServer source = TestServer.sqlite(dir.resolve("source"))) {
            SieveScriptStore sieve = new SieveScriptStore(source.registry);
            fill(source, sieve);
            new EncryptionKeyStore(source.registry).put("bob", new EncryptionKeys.StoredKey(KeyKind.PGP, 256,
                    "-----BEGIN PGP PUBLIC KEY BLOCK-----\nfixture\n".repeat(40).getBytes(StandardCharsets.US_ASCII),
                    Instant.parse("2026-01-02T03:04:05Z")));
            before.put("encryption", encryption(new EncryptionKeyStore(source.registry)));
            QueueComponent queue = queue(source);
            try {
                String id = queue.enqueue(Envelope.of(new ReversePath(Address.parse("alice@example.org")),
                        List.of(Address.parse("someone@remote.example"))), new ByteArrayInputStream(
                        "Subject: waiting\r\n\r\nfor a remote server\r\n".getBytes(StandardCharsets.US_ASCII)));
                before.put("queue", queued(queue, id));
                before.put("queued id", id);
            } finally {
                TestServer.deactivate(queue);
            }
            ServerBackupAccess backups = new ServerBackupAccess(source.registry, source.dir, Map.of("etc", new EtcFilesParticipant(dir.resolve("etc"), List.of("dkim"))));
            try (OutputStream out = Files.newOutputStream(archive)) {
                backup = backups.service().backup(out, MigrationProgress.NONE);
            }
            assertEquals(3, backup.accounts());
            assertEquals(List.of("etc"), backup.participants());
            for (String user : List.of("alice", "bob", "carol")) {
                before.put(user, describe(source.store.account(user)));
            }
            before.put("sieve", sieve.list("alice") + " " + sieve.active("alice").map(a -> a.name() + ":" + a.text()) + " " + sieve.list("bob"));
            ImapServer imap = ImapDump.start(source);
            try (JmapDump jmap = new JmapDump(source)) {
                for (String user : List.of("alice", "bob", "carol")) {
                    before.put("imap " + user, ImapDump.dump(imap.address().getPort(), user, dir));
                    before.put("jmap " + user, jmap.dump(user));
                }
            } finally {
                TestServer.deactivate(imap);
            }
        }

        for (String backend : List.of("postgresql+fs", "sqlite+s3")) {
            restoreAndCompare(backend, archive, backup, before, etc);
        }
    }

    /** Restores the archive into a fresh server on other backends and compares it with what the source showed. */
    private void restoreAndCompare(String backend, Path archive, BackupReport backup, Map<String, String> before, Path etc)
            throws Exception {
        String queued = before.get("queued id");
        Path restoredEtc = dir.resolve("restored-etc-" + backend);
        try (TestServer target = backend.equals("postgresql+fs") ? TestServer.postgresql(dir.resolve("target"), "backup_restore_test")
                : TestServer.sqliteS3(dir.resolve("target-s3"), "restore-" + System.nanoTime())) {
            ServerBackupAccess backups = new ServerBackupAccess(target.registry, target.dir, Map.of("etc", new EtcFilesParticipant(restoredEtc, List.of("dkim"))));
            RestoreReport restored;
            try (InputStream in = Files.newInputStream(archive)) {
                restored = backups.service().restore(in, MigrationProgress.NONE);
            }
            assertTrue(restored.verified(), restored.toString());
            assertEquals(backup.keys(), restored.keys());
            assertEquals(backup.blobs(), restored.blobs());
            assertEquals(List.of(), restored.warnings());

            SieveScriptStore sieve = new SieveScriptStore(target.registry);
            Map<String, String> after = new java.util.TreeMap<>();
            after.put("queued id", queued);
            after.put("encryption", encryption(new EncryptionKeyStore(target.registry)));
            QueueComponent queue = queue(target);
            try {
                after.put("queue", queued(queue, queued));
            } finally {
                TestServer.deactivate(queue);
            }
            for (String user : List.of("alice", "bob", "carol")) {
                after.put(user, describe(target.store.account(user)));
            }
            after.put("sieve", sieve.list("alice") + " " + sieve.active("alice").map(a -> a.name() + ":" + a.text()) + " " + sieve.list("bob"));
            ImapServer imap = ImapDump.start(target);
            try (JmapDump jmap = new JmapDump(target)) {
                for (String user : List.of("alice", "bob", "carol")) {
                    after.put("imap " + user, ImapDump.dump(imap.address().getPort(), user, dir));
                    after.put("jmap " + user, jmap.dump(user));
                }
            } finally {
                TestServer.deactivate(imap);
            }
            assertEquals(before, after, backend);
            assertTrue(before.get("imap alice").contains("\\Sent"), before.get("imap alice"));
            assertEquals(8, before.get("imap alice").lines().filter(l -> l.startsWith("MSG ")).count(), before.get("imap alice"));
            assertEquals(31, before.get("imap bob").lines().filter(l -> l.startsWith("MSG ")).count());
            assertTrue(before.get("imap alice").contains("FLAGS (\\Flagged urgent)"), before.get("imap alice"));
            assertTrue(before.get("sieve").contains("main:require"), before.get("sieve"));
            assertTrue(before.get("jmap alice").contains("\"Re: Plans\""), before.get("jmap alice"));
            assertTrue(before.get("jmap alice").contains("\"Thread/get\""), before.get("jmap alice"));
            assertTrue(before.get("queue").contains("someone@remote.example"), before.get("queue"));
            assertTrue(before.get("encryption").contains("bob: PGP 256"), before.get("encryption"));
            assertArrayEquals(Files.readAllBytes(etc.resolve("example.org.s2024.key")),
                    Files.readAllBytes(restoredEtc.resolve("dkim/example.org.s2024.key")));

            // The restored server goes on: new mail gets the next UID, and the bytes alice and bob share survive
            // bob's expunge (reference counts came along).
            MailAccount alice = target.store.account("alice");
            Mailbox inbox = alice.mailbox(MailboxRole.INBOX).orElseThrow();
            append(alice, "INBOX", mail("n1", null, "After restore", "new"), Set.of(), "2024-04-01T00:00:00Z");
            assertEquals(inbox.uidNext(), alice.view(inbox.id()).entries().get(alice.view(inbox.id()).entries().size() - 1).uid());
            MailAccount bob = target.store.account("bob");
            Mailbox bobInbox = bob.mailbox(MailboxRole.INBOX).orElseThrow();
            bob.store(bobInbox.id(), List.of(1L), new KeywordChange(KeywordChange.Operation.ADD, Set.of("$deleted"), -1));
            bob.expunge(bobInbox.id(), null);
            MessageEntry first = alice.view(inbox.id()).entries().get(0);
            try (InputStream in = alice.open(first.id(), 0, -1)) {
                assertTrue(new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("Shall we?"));
            }

            // A second restore into the now non-empty store is refused.
            try (InputStream in = Files.newInputStream(archive)) {
                assertThrows(IllegalStateException.class, () -> backups.service().restore(in, MigrationProgress.NONE));
            }
        }
    }

    /** Each account's encryption-at-rest key: kind, cipher, updated, and the SHA-256 of the key material. */
    static String encryption(EncryptionKeyStore keys) {
        StringBuilder out = new StringBuilder();
        for (String user : List.of("alice", "bob", "carol")) {
            out.append(user).append(": ").append(keys.get(user).map(k -> k.kind() + " " + k.cipherBits() + " " + k.updated() + " "
                    + dev.hermod.api.mail.BlobHash.sha256(k.material()).hex()).orElse("none")).append('\n');
        }
        return out.toString();
    }

    /** The queue's entries as kept (the next attempt is left out: a restored queue schedules its own). */
    static String queued(QueueComponent queue, String id) {
        return queue.list().stream().map(e -> e.id().replace(id, "ID") + " " + e.from() + " " + e.size() + " " + e.queuedAt()
                + " " + e.recipients()).toList().toString();
    }

    /** The outbound queue of a server; it has no transport, so nothing leaves. */
    static QueueComponent queue(TestServer server) {
        LocalDelivery delivery = new LocalDelivery(server.registry, server.store, Components.config(LocalDelivery.Config.class, Map.of()));
        return new QueueComponent(server.registry, delivery, Components.config(QueueComponent.Config.class,
                Map.of("poll.seconds", 3600, "hostname", "mail.example.org")));
    }

    /** Mailboxes (ids, UIDVALIDITY, UIDNEXT, HIGHESTMODSEQ, counts), messages (ids, threads, keywords, dates, bytes), state. */
    static String describe(MailAccount account) {
        StringBuilder out = new StringBuilder("state " + account.state() + "\n");
        for (Mailbox m : account.mailboxes()) {
            out.append(account.path(m.id())).append(' ').append(m).append('\n');
            for (MessageEntry e : account.view(m.id()).entries()) {
                out.append("  ").append(e).append(' ').append(account.message(e.id())).append('\n');
            }
        }
        out.append(AccountSnapshot.of(account));
        return out.toString();
    }

    @Test
    void refusesArchivesThatAreNotHermodsOrTooNew() throws IOException {
        try (TestServer target = TestServer.sqlite(dir.resolve("t"))) {
            ServerBackupAccess backups = new ServerBackupAccess(target.registry, target.dir, Map.of());
            IllegalArgumentException newer = assertThrows(IllegalArgumentException.class,
                    () -> backups.service().restore(zip("hermod-backup.properties", "format=hermod-backup\nversion=99\nproducer=Hermod 9\n"),
                            MigrationProgress.NONE));
            assertTrue(newer.getMessage().contains("version 99"), newer.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> backups.service().restore(zip("something.txt", "hello"), MigrationProgress.NONE));
            IllegalArgumentException truncated = assertThrows(IllegalArgumentException.class,
                    () -> backups.service().restore(zip("hermod-backup.properties", "format=hermod-backup\nversion=1\n"),
                            MigrationProgress.NONE));
            assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
        }
    }

    static InputStream zip(String name, String content) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }

    static List<String> lines(String s) {
        return new ArrayList<>(List.of(s.split("\n")));
    }
}
