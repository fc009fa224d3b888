package dev.hermod.migration.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.mail.MailboxRole;
import dev.hermod.cli.HermodCli;
import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.Envelope;
import dev.hermod.api.mail.ReversePath;
import dev.hermod.core.internal.ServerBackupAccess;
import dev.hermod.core.internal.delivery.LocalDelivery;
import dev.hermod.core.internal.queue.QueueComponent;
import dev.hermod.testing.Components;
import java.util.List;
import dev.hermod.migration.internal.http.AdminApis;
import dev.hermod.migration.internal.http.HttpBridge;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * hermod-cli against the admin API over HTTP on the real core: imports, exports, a backup written on the server
 * and one downloaded, a restore into a fresh server, and the exit codes a script relies on.
 */
class AdminApiCliTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run cli(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = HermodCli.execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void importExportBackupAndRestoreFromTheCommandLine() throws Exception {
        Path token = dir.resolve("token");
        Files.writeString(token, "s3cret-token\n");
        Path maildir = dir.resolve("Maildir");
        MaildirMboxTest.file(maildir, "cur", "1.M1.h:2,S", MaildirMboxTest.message("one", "hello\n"), "2024-03-05T10:00:00Z");
        MaildirMboxTest.file(maildir.resolve(".Sent"), "cur", "2.M2.h:2,S", MaildirMboxTest.message("two", "sent\n"), "2024-03-05T11:00:00Z");
        Path archive = dir.resolve("server-side.zip");
        Path download = dir.resolve("downloaded.zip");

        try (TestServer source = TestServer.sqlite(dir.resolve("source"))) {
            LocalDelivery delivery = new LocalDelivery(source.registry, source.store, Components.config(LocalDelivery.Config.class, Map.of()));
            QueueComponent queue = new QueueComponent(source.registry, delivery, Components.config(QueueComponent.Config.class,
                    Map.of("poll.seconds", 3600, "hostname", "mail.example.org")));
            try (HttpBridge http = new HttpBridge("/admin/api", AdminApis.handler("s3cret-token", "adminpw", source.migration(),
                        new ServerBackupAccess(source.registry, source.dir, Map.of()).service(), queue))) {
                commands(http.url("/admin/api"), token, maildir, archive, download, source, queue);
            } finally {
                TestServer.deactivate(queue);
            }
        }
        restores(token, archive, download);
    }

    private void commands(String url, Path token, Path maildir, Path archive, Path download, TestServer source,
            QueueComponent queue) throws Exception {
        Run status = cli("status", "--url", url, "--token-file", token.toString());
        assertEquals(0, status.exit(), status.err());
        assertTrue(status.out().contains("import/maildir"), status.out());

        Run imported = cli("import-maildir", "--url", url, "--token-file", token.toString(), "alice", maildir.toString());
        assertEquals(0, imported.exit(), imported.err());
        assertTrue(imported.out().startsWith("Imported 2 messages"), imported.out());
        assertEquals(1, source.store.account("alice").mailbox(MailboxRole.SENT).orElseThrow().messages());

        Run exported = cli("export-mbox", "--url", url, "--token-file", token.toString(), "--json", "alice",
                dir.resolve("mbox").toString());
        assertEquals(0, exported.exit(), exported.err());
        assertTrue(exported.out().contains("\"messages\" : 2"), exported.out());
        assertTrue(Files.isRegularFile(dir.resolve("mbox/Sent.mbox")));

        // The Karaf admin's password works as well as the token.
        Path password = dir.resolve("admin.password");
        Files.writeString(password, "adminpw");
        Run onServer = cli("backup", "--on-server", "--url", url, "--password-file", password.toString(), archive.toString());
        assertEquals(0, onServer.exit(), onServer.err());
        assertTrue(onServer.out().contains("1 accounts"), onServer.out());
        Run downloaded = cli("backup", "--url", url, "--token-file", token.toString(), download.toString());
        assertEquals(0, downloaded.exit(), downloaded.err());
        try (ZipFile zip = new ZipFile(download.toFile())) {
            assertTrue(zip.getEntry("summary.properties") != null);
        }

        // Exit codes: refused credentials 3, a request that cannot be done 1, usage 2, a server that is not there 4.
        Path wrong = dir.resolve("wrong");
        Files.writeString(wrong, "nope");
        assertEquals(3, cli("status", "--url", url, "--token-file", wrong.toString()).exit());
        Run noAccount = cli("import-maildir", "--url", url, "--token-file", token.toString(), "mallory", maildir.toString());
        assertEquals(1, noAccount.exit(), noAccount.err());
        assertTrue(noAccount.err().contains("mallory"), noAccount.err());
        assertEquals(1, cli("backup", "--on-server", "--url", url, "--token-file", token.toString(), archive.toString()).exit(),
                "an existing archive is not overwritten");
        assertEquals(2, cli("import-maildir", "--url", url).exit());
        assertEquals(4, cli("status", "--url", "http://127.0.0.1:1/admin/api").exit());

        // The outbound queue: a message to a remote domain waits (no transport here).
        String id = queue.enqueue(Envelope.of(new ReversePath(Address.parse("alice@example.org")),
                List.of(Address.parse("someone@remote.example"))), new java.io.ByteArrayInputStream(
                "Subject: out\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)));
        Run list = cli("queue", "list", "--url", url, "--token-file", token.toString());
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().contains(id) && list.out().contains("someone@remote.example") && list.out().contains("1 queued"), list.out());
        Run show = cli("queue", "show", "--url", url, "--token-file", token.toString(), id);
        assertTrue(show.out().contains("alice@example.org"), show.out());
        assertEquals(0, cli("queue", "remove", "--url", url, "--token-file", token.toString(), id).exit());
        assertTrue(cli("queue", "list", "--url", url, "--token-file", token.toString()).out().contains("0 queued"));
        assertEquals(1, cli("queue", "show", "--url", url, "--token-file", token.toString(), id).exit(), "gone: 404");
    }

    private void restores(Path token, Path archive, Path download) throws Exception {
        for (Path file : new Path[] {archive, download}) {
            try (TestServer target = TestServer.sqlite(dir.resolve("target-" + file.getFileName()));
                    HttpBridge http = new HttpBridge("/admin/api", AdminApis.handler("s3cret-token", "adminpw", target.migration(),
                            new ServerBackupAccess(target.registry, target.dir, Map.of()).service()))) {
                Run restored = cli("restore", "--url", http.url("/admin/api"), "--token-file", token.toString(), file.toString());
                assertEquals(0, restored.exit(), restored.err());
                assertTrue(restored.out().contains("Verified"), restored.out());
                assertEquals(2, AccountSnapshot.of(target.store.account("alice")).messages());
                Run again = cli("restore", "--url", http.url("/admin/api"), "--token-file", token.toString(), file.toString());
                assertEquals(1, again.exit(), "a store that holds data is not restored into");
                assertTrue(again.err().contains("fresh install"), again.err());
            }
        }
    }
}
