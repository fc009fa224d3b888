package dev.hermod.migration.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.admin.MigrationProgress;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hermod-cli --offline on the data directories of stopped servers: backup of one, restore into a fresh one. */
class OfflineCliTest {

    @TempDir
    Path dir;

    @Test
    void backsUpAStoppedServerAndRestoresIntoAFreshInstall() throws Exception {
        Path homeA = dir.resolve("a");
        Path homeB = dir.resolve("b");
        Files.createDirectories(homeA.resolve("etc/dkim"));
        Files.createDirectories(homeB.resolve("etc"));
        Files.writeString(homeA.resolve("etc/dkim/example.org.s1.key"), "KEY\n");
        Path maildir = dir.resolve("Maildir");
        MaildirMboxTest.file(maildir, "cur", "1.M1.h:2,S", MaildirMboxTest.message("one", "hello\n"), "2024-03-05T10:00:00Z");
        MaildirMboxTest.file(maildir.resolve(".Work"), "cur", "2.M2.h:2,F", MaildirMboxTest.message("two", "work\n"), "2024-03-05T11:00:00Z");
        Files.createDirectories(homeA.resolve("data/hermod"));
        Files.write(homeA.resolve("data/hermod/directory.sqlite"), new byte[] {'S', 'Q', 'L'});
        AccountSnapshot before;
        try (TestServer a = TestServer.sqlite(homeA.resolve("data/hermod"))) {
            a.migration().importMaildir("bob", maildir, MigrationProgress.NONE);
            before = AccountSnapshot.of(a.store.account("bob"));
        }

        Path archive = dir.resolve("offline.zip");
        AdminApiCliTest.Run backup = AdminApiCliTest.cli("backup", "--offline", "--home", homeA.toString(), archive.toString());
        assertEquals(0, backup.exit(), backup.err());

        // While the server runs (it holds data/lock), offline work is refused.
        Files.createDirectories(homeB.resolve("data"));
        try (RandomAccessFile lockFile = new RandomAccessFile(homeB.resolve("data/lock").toFile(), "rw");
                FileLock held = lockFile.getChannel().lock()) {
            AdminApiCliTest.Run refused = AdminApiCliTest.cli("restore", "--offline", "--home", homeB.toString(), archive.toString());
            assertEquals(1, refused.exit());
            assertTrue(refused.err().contains("running"), refused.err());
        }

        AdminApiCliTest.Run restore = AdminApiCliTest.cli("restore", "--offline", "--home", homeB.toString(), archive.toString());
        assertEquals(0, restore.exit(), restore.err() + restore.out());
        assertTrue(restore.out().contains("Verified"), restore.out());
        assertEquals("KEY\n", Files.readString(homeB.resolve("etc/dkim/example.org.s1.key")));
        assertEquals("SQL", Files.readString(homeB.resolve("data/hermod/directory.sqlite")), "the embedded directory came along");
        try (TestServer b = TestServer.sqlite(homeB.resolve("data/hermod"))) {
            assertEquals(before, AccountSnapshot.of(b.store.account("bob")));
        }
    }
}
