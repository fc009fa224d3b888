package dev.hermod.migration.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.admin.MigrationProgress;
import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.MessageEntry;
import dev.hermod.api.migration.ExportReport;
import dev.hermod.api.migration.ImportReport;
import dev.hermod.api.migration.MboxFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Maildir and mbox import and export on the real core over SQLite and file-system blobs. */
class MaildirMboxTest {

    @TempDir
    Path dir;

    TestServer server;
    MailMigrationComponent migration;

    @BeforeEach
    void start() {
        server = TestServer.sqlite(dir.resolve("server"));
        migration = server.migration();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static String message(String subject, String body) {
        return "From: Bob <bob@example.org>\nTo: alice@example.org\nSubject: " + subject
                + "\nDate: Tue, 5 Mar 2024 10:00:00 +0000\nMessage-ID: <" + subject.replace(' ', '.') + "@example.org>\n\n" + body;
    }

    static void file(Path folder, String sub, String name, String content, String mtime) throws IOException {
        Files.createDirectories(folder.resolve("cur"));
        Files.createDirectories(folder.resolve("new"));
        Files.createDirectories(folder.resolve("tmp"));
        Path f = folder.resolve(sub).resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(f, FileTime.from(Instant.parse(mtime)));
    }

    /** A Maildir++ tree as Dovecot and Courier write it. */
    Path maildir() throws IOException {
        Path root = dir.resolve("Maildir");
        file(root, "cur", "1709632800.M1P1.host,S=120:2,S", message("one", "first\n"), "2024-03-05T10:00:00Z");
        file(root, "cur", "1709632801.M2P1.host,S=120:2,FRS", message("two", "second\nFrom here on\n"), "2024-03-05T10:00:01Z");
        file(root, "new", "1709632802.M3P1.host", message("three", "third, unread\n"), "2024-03-05T10:00:02Z");
        Path sent = root.resolve(".Sent Items");
        file(sent, "cur", "1709632900.M4P1.host:2,Sa", message("sent", "I sent this\n"), "2024-03-05T10:01:40Z");
        Files.writeString(sent.resolve("dovecot-keywords"), "0 $Forwarded\n1 work\n");
        Path cafe = root.resolve(".Caf&AOk-.Projets");
        file(cafe, "cur", "1709633000.M5P1.host:2,Db", message("draft", "unfinished\n"), "2024-03-05T10:03:20Z");
        Files.writeString(cafe.resolve("dovecot-keywords"), "0 $Forwarded\n1 work\n");
        Path junk = root.resolve(".Spam");
        file(junk, "cur", "1709633100.M6P1.host:2,T", message("spam", "buy now\n"), "2024-03-05T10:05:00Z");
        return root;
    }

    @Test
    void importsAMaildirTreeWithFoldersFlagsRolesAndDates() throws IOException {
        ImportReport report = migration.importMaildir("alice", maildir(), MigrationProgress.NONE);
        assertEquals(6, report.messages());
        assertEquals(0, report.skipped());
        MailAccount alice = server.store.account("alice");
        AccountSnapshot snapshot = AccountSnapshot.of(alice);

        List<AccountSnapshot.Message> inbox = snapshot.folders().get("INBOX").messages();
        assertEquals(3, inbox.size());
        assertEquals(Set.of("$seen"), inbox.get(0).keywords());
        assertEquals(Set.of("$seen", "$flagged", "$answered"), inbox.get(1).keywords());
        assertEquals(Set.of(), inbox.get(2).keywords());
        assertEquals(Instant.parse("2024-03-05T10:00:01Z"), inbox.get(1).receivedAt());
        // LF became CRLF
        String two = read(alice, alice.view(alice.mailbox(MailboxRole.INBOX).orElseThrow().id()).entries().get(1));
        assertEquals(message("two", "second\nFrom here on\n").replace("\n", "\r\n"), two);

        // "Sent Items" went into the Sent mailbox, "Spam" into Junk; no mailbox of those names was made
        assertEquals(Set.of("$seen", "$forwarded"), snapshot.folders().get("Sent").messages().get(0).keywords());
        assertEquals(MailboxRole.SENT, snapshot.folders().get("Sent").role());
        assertFalse(snapshot.folders().containsKey("Sent Items"));
        assertEquals(Set.of("$deleted"), snapshot.folders().get("Junk").messages().get(0).keywords());
        assertEquals(Set.of("$draft", "work"), snapshot.folders().get("Café/Projets").messages().get(0).keywords());
        assertEquals(Instant.parse("2024-03-05T10:03:20Z"), snapshot.folders().get("Café/Projets").messages().get(0).receivedAt());
    }

    @Test
    void maildirExportImportsBackTheSame() throws IOException {
        migration.importMaildir("alice", maildir(), MigrationProgress.NONE);
        Path out = dir.resolve("export");
        ExportReport exported = migration.exportMaildir("alice", out, MigrationProgress.NONE);
        assertEquals(6, exported.messages());
        assertTrue(Files.isDirectory(out.resolve(".Caf&AOk-.Projets/cur")));
        try (Stream<Path> files = Files.list(out.resolve("cur"))) {
            assertEquals(3, files.count());
        }
        assertFalse(Files.readString(out.resolve("cur").resolve(Files.list(out.resolve("cur")).sorted().findFirst().orElseThrow()
                .getFileName())).contains("\r"), "Maildir files have LF line ends");

        migration.importMaildir("bob", out, MigrationProgress.NONE);
        assertEquals(AccountSnapshot.of(server.store.account("alice")), AccountSnapshot.of(server.store.account("bob")));
        assertThrows(IllegalArgumentException.class, () -> migration.exportMaildir("alice", out, MigrationProgress.NONE),
                "a non-empty target is refused");
    }

    static final String MBOXRD = """
            From bob@example.org Tue Mar  5 10:00:00 2024
            Status: RO
            X-Status: AF
            X-Keywords: work
            From: bob@example.org
            Subject: quoted

            >From the start
            >>From the middle
            From: not a separator, no empty line before
            
            From someone@example.org Wed Mar  6 11:30:15 2024
            From: someone@example.org
            Subject: unread

            body

            """;

    @Test
    void importsMboxrdWithFlagsDatesAndUnquoting() throws IOException {
        Path mbox = dir.resolve("Archive.mbox");
        Files.writeString(mbox, MBOXRD);
        ImportReport report = migration.importMbox("alice", mbox, null, MboxFormat.MBOXRD, MigrationProgress.NONE);
        assertEquals(2, report.messages());
        MailAccount alice = server.store.account("alice");
        var archive = alice.mailbox(MailboxRole.ARCHIVE).orElseThrow();
        List<MessageEntry> entries = alice.view(archive.id()).entries();
        assertEquals(2, entries.size());
        assertEquals(Set.of("$seen", "$answered", "$flagged", "work"), entries.get(0).keywords());
        assertEquals(Instant.parse("2024-03-05T10:00:00Z"), entries.get(0).receivedAt());
        assertEquals("From: bob@example.org\r\nSubject: quoted\r\n\r\nFrom the start\r\n>From the middle\r\n"
                + "From: not a separator, no empty line before\r\n", read(alice, entries.get(0)));
        assertEquals(Set.of(), entries.get(1).keywords());
        assertEquals(Instant.parse("2024-03-06T11:30:15Z"), entries.get(1).receivedAt());
        assertEquals("From: someone@example.org\r\nSubject: unread\r\n\r\nbody\r\n", read(alice, entries.get(1)));
    }

    @Test
    void mboxoUnquotesOnlyOneLevel() throws IOException {
        Path mbox = dir.resolve("old");
        Files.writeString(mbox, "From x Tue Mar  5 10:00:00 2024\nSubject: o\n\n>From a\n>>From b\n");
        migration.importMbox("alice", mbox, "Imported/Old", MboxFormat.MBOXO, MigrationProgress.NONE);
        MailAccount alice = server.store.account("alice");
        var box = alice.find("Imported/Old").orElseThrow();
        assertEquals("Subject: o\r\n\r\nFrom a\r\n>>From b\r\n", read(alice, alice.view(box.id()).entries().get(0)));
    }

    @Test
    void mboxExportImportsBackTheSame() throws IOException {
        migration.importMaildir("alice", maildir(), MigrationProgress.NONE);
        Path mbox = dir.resolve("archive.mbox");
        Files.writeString(mbox, MBOXRD);
        migration.importMbox("alice", mbox, "Old mail", MboxFormat.MBOXRD, MigrationProgress.NONE);
        Path out = dir.resolve("mbox-export");
        ExportReport exported = migration.exportMbox("alice", out, MigrationProgress.NONE);
        assertEquals(8, exported.messages());
        assertTrue(Files.isRegularFile(out.resolve("Café/Projets.mbox")));
        assertTrue(Files.readString(out.resolve("Old mail.mbox")).contains("\n>From the start\n>>From the middle\n"),
                "From lines are quoted again (mboxrd)");

        migration.importMbox("carol", out, null, MboxFormat.MBOXRD, MigrationProgress.NONE);
        AccountSnapshot alice = AccountSnapshot.of(server.store.account("alice"));
        AccountSnapshot carol = AccountSnapshot.of(server.store.account("carol"));
        assertEquals(alice.messages(), carol.messages());
        // mbox keeps internal dates to the second, flags, bytes and folders
        assertEquals(alice, carol);
    }

    @Test
    void refusesWhatIsNotAMailStore() throws IOException {
        Path notMbox = dir.resolve("notes.txt");
        Files.writeString(notMbox, "hello\n");
        assertThrows(IllegalArgumentException.class,
                () -> migration.importMbox("alice", notMbox, null, MboxFormat.MBOXRD, MigrationProgress.NONE));
        assertThrows(IllegalArgumentException.class, () -> migration.importMaildir("alice", dir, MigrationProgress.NONE));
    }

    static String read(MailAccount account, MessageEntry e) throws IOException {
        try (InputStream in = account.open(e.id(), 0, -1)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
