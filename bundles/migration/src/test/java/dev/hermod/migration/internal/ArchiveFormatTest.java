package dev.hermod.migration.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.admin.MigrationProgress;
import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.MessageEntry;
import dev.hermod.api.migration.RestoreReport;
import dev.hermod.core.internal.ServerBackupAccess;
import dev.hermod.core.internal.sieve.SieveScriptStore;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives of earlier format versions stay readable: {@code backup-format-1.zip} was written by Hermod 0.1.0
 * (format 1) and is kept as it is; every later Hermod must restore it. Rewrite it only for a new format, as a
 * new file, with {@code -Dhermod.writeFixture=true}.
 */
class ArchiveFormatTest {

    static final String FORMAT_1 = "/backup-format-1.zip";

    @TempDir
    Path dir;

    @Test
    void restoresAFormat1Archive() throws Exception {
        Path etc = dir.resolve("etc");
        try (TestServer server = TestServer.sqlite(dir.resolve("server"));
                InputStream in = ArchiveFormatTest.class.getResourceAsStream(FORMAT_1)) {
            RestoreReport report = new ServerBackupAccess(server.registry, server.dir,
                    Map.of("etc", new EtcFilesParticipant(etc, List.of("dkim")))).service().restore(in, MigrationProgress.NONE);
            assertTrue(report.verified(), report.toString());
            assertEquals(1, report.formatVersion());
            assertEquals(List.of(), report.warnings());

            MailAccount alice = server.store.account("alice");
            List<MessageEntry> inbox = alice.view(alice.mailbox(MailboxRole.INBOX).orElseThrow().id()).entries();
            assertEquals(2, inbox.size());
            assertEquals(Set.of("$seen"), inbox.get(0).keywords());
            assertTrue(MaildirMboxTest.read(alice, inbox.get(1)).contains("Subject: Re: Plans"));
            assertEquals(inbox.get(0).id(), alice.thread(alice.message(inbox.get(1).id()).thread()).get(0), "one thread");
            List<MessageEntry> work = alice.view(alice.find("Work").orElseThrow().id()).entries();
            assertEquals(Set.of("$flagged", "urgent"), work.get(0).keywords());
            assertEquals(1, alice.mailbox(MailboxRole.SENT).orElseThrow().messages());
            assertEquals(31, AccountSnapshot.of(server.store.account("bob")).messages());
            assertTrue(new SieveScriptStore(server.registry).active("alice").orElseThrow().text().contains("fileinto"));
            assertEquals("-----BEGIN PRIVATE KEY-----\nfixture\n-----END PRIVATE KEY-----\n",
                    Files.readString(etc.resolve("dkim/example.org.s2024.key")));
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "hermod.writeFixture", matches = "true")
    void writeFixture() throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc/dkim"));
        Files.writeString(etc.resolve("example.org.s2024.key"), "-----BEGIN PRIVATE KEY-----\nfixture\n-----END PRIVATE KEY-----\n");
        try (TestServer server = TestServer.sqlite(dir.resolve("server"))) {
            BackupRestoreTest.fill(server, new SieveScriptStore(server.registry));
            try (OutputStream out = Files.newOutputStream(Path.of("src/test/resources" + FORMAT_1))) {
                new ServerBackupAccess(server.registry, server.dir, Map.of("etc", new EtcFilesParticipant(dir.resolve("etc"),
                        List.of("dkim")))).service().backup(out, MigrationProgress.NONE);
            }
        }
    }
}
