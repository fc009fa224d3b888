package dev.hermod.migration.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.admin.MigrationProgress;
import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mailbox.KeywordChange;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.Mailbox;
import dev.hermod.api.mailbox.MessageEntry;
import dev.hermod.api.migration.BackupReport;
import dev.hermod.api.migration.RestoreReport;
import dev.hermod.core.internal.ServerBackupAccess;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup taken while mail keeps arriving, flags change and messages are expunged: the restored server is
 * whole (every account consistent in itself, every message readable, counts and sizes agree, new mail gets new
 * UIDs) and holds what the accounts had at some moment of the backup.
 */
class LiveBackupTest {

    @TempDir
    Path dir;

    @Test
    void aBackupTakenUnderWritesRestoresToAConsistentServer() throws Exception {
        Path archive = dir.resolve("live.zip");
        BackupReport backup;
        AtomicLong appended = new AtomicLong();
        long during;
        try (TestServer source = TestServer.sqlite(dir.resolve("source"))) {
            for (String user : List.of("alice", "bob")) {
                MailAccount a = source.store.account(user);
                for (int i = 0; i < 150; i++) {
                    BackupRestoreTest.append(a, "INBOX", BackupRestoreTest.mail(user + i, i > 0 ? user + (i - 1) : null,
                            "Message " + i, "x".repeat(i * 37)), Set.of(), "2024-03-01T08:00:00Z");
                }
            }
            AtomicBoolean stop = new AtomicBoolean();
            Thread writer = new Thread(() -> {
                int i = 0;
                while (!stop.get()) {
                    for (String user : List.of("alice", "bob")) {
                        try {
                            MailAccount a = source.store.account(user);
                            Mailbox inbox = a.mailbox(MailboxRole.INBOX).orElseThrow();
                            BackupRestoreTest.append(a, "INBOX", BackupRestoreTest.mail("live" + user + i, null, "Live " + i,
                                    "arrived during the backup " + i), Set.of(), "2024-03-02T08:00:00Z");
                            appended.incrementAndGet();
                            List<MessageEntry> entries = a.view(inbox.id()).entries();
                            long uid = entries.get(i % entries.size()).uid();
                            a.store(inbox.id(), List.of(uid), new KeywordChange(KeywordChange.Operation.ADD,
                                    Set.of(i % 3 == 0 ? "$deleted" : "$seen"), -1));
                            if (i % 5 == 0) {
                                a.expunge(inbox.id(), null);
                            }
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    i++;
                }
            });
            writer.start();
            Thread.sleep(200);
            long atStart = appended.get();
            try (OutputStream out = Files.newOutputStream(archive)) {
                backup = new ServerBackupAccess(source.registry, source.dir, Map.of()).service().backup(out, MigrationProgress.NONE);
                during = appended.get() - atStart;
            } finally {
                stop.set(true);
                writer.join();
            }
        }
        assertTrue(during > 0, "mail arrived while the backup ran");

        try (TestServer target = TestServer.sqlite(dir.resolve("target")); InputStream in = Files.newInputStream(archive)) {
            RestoreReport restored = new ServerBackupAccess(target.registry, target.dir, Map.of()).service().restore(in, MigrationProgress.NONE);
            assertTrue(restored.verified(), restored.toString());
            assertEquals(backup.keys(), restored.keys());
            for (String user : List.of("alice", "bob")) {
                MailAccount a = target.store.account(user);
                for (Mailbox m : a.mailboxes()) {
                    List<MessageEntry> entries = a.view(m.id()).entries();
                    assertEquals(m.messages(), entries.size(), user + " " + m.name() + ": count");
                    long size = 0;
                    long unseen = 0;
                    for (MessageEntry e : entries) {
                        try (InputStream body = a.open(e.id(), 0, -1)) {
                            assertEquals(e.size(), body.readAllBytes().length, "every message is readable and whole");
                        }
                        size += e.size();
                        unseen += e.keywords().contains("$seen") ? 0 : 1;
                        assertTrue(e.uid() < m.uidNext());
                    }
                    assertEquals(m.size(), size, user + " " + m.name() + ": size");
                    assertEquals(m.unseen(), unseen, user + " " + m.name() + ": unseen");
                }
                assertEquals(a.quota().usedBytes(), a.mailboxes().stream().mapToLong(Mailbox::size).sum(), user + ": quota");
                Mailbox inbox = a.mailbox(MailboxRole.INBOX).orElseThrow();
                BackupRestoreTest.append(a, "INBOX", BackupRestoreTest.mail("after", null, "After", "restore"), Set.of(),
                        "2024-04-01T00:00:00Z");
                List<MessageEntry> after = a.view(inbox.id()).entries();
                assertEquals(inbox.uidNext(), after.get(after.size() - 1).uid(), "new mail gets the next UID");
            }
        }
    }
}
