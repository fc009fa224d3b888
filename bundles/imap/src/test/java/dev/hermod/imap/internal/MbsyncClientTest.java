package dev.hermod.imap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mailbox.KeywordChange;
import dev.hermod.api.mailbox.Keywords;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.MessageEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** mbsync (isync) keeps a Maildir and the server in step, both ways. */
class MbsyncClientTest extends ImapTestSupport {

    private static final Path MBSYNC = Path.of("/usr/bin/mbsync");

    private String mbsync(Path config) throws Exception {
        assertTrue(Files.isExecutable(MBSYNC), "mbsync not found: install Debian's isync (.ci/run does)");
        Process p = new ProcessBuilder(MBSYNC.toString(), "-c", config.toString(), "-a").redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static List<Path> messages(Path maildir) throws IOException {
        try (Stream<Path> cur = Files.list(maildir.resolve("cur")); Stream<Path> fresh = Files.list(maildir.resolve("new"))) {
            return Stream.concat(cur, fresh).sorted().toList();
        }
    }

    private List<MessageEntry> entries(MailAccount mail, String mailbox) {
        var box = mailbox.equals("INBOX") ? mail.mailbox(MailboxRole.INBOX).orElseThrow() : mail.find(mailbox).orElseThrow();
        return mail.view(box.id()).entries();
    }

    @Test
    void syncsBothWays() throws Exception {
        int port = server("none", Map.of());
        MailAccount alice = store.account("alice");
        alice.createMailbox("Lists", null, null);
        deliver("alice", "INBOX", SIMPLE);
        deliver("alice", "INBOX", SIMPLE.replace("Hello there", "Second"));
        Path local = dir.resolve("mail");
        Files.createDirectories(local);
        Path config = dir.resolve("mbsyncrc");
        Files.writeString(config, """
                IMAPAccount hermod
                Host 127.0.0.1
                Port %d
                User alice
                Pass secret
                SSLType None
                AuthMechs LOGIN

                IMAPStore remote
                Account hermod

                MaildirStore local
                Path %s/
                Inbox %s/INBOX
                SubFolders Verbatim

                Channel sync
                Far :remote:
                Near :local:
                Patterns *
                Create Both
                Expunge Both
                SyncState *
                """.formatted(port, local, local));
        mbsync(config);
        List<Path> inbox = messages(local.resolve("INBOX"));
        assertEquals(2, inbox.size(), inbox.toString());
        assertTrue(Files.isDirectory(local.resolve("Lists").resolve("cur")), "mailboxes become folders");

        // near side: one message read, one deleted, one new; a new folder
        Path read = inbox.stream().filter(p -> content(p).contains("Hello there")).findFirst().orElseThrow();
        Path gone = inbox.stream().filter(p -> content(p).contains("Second")).findFirst().orElseThrow();
        Path cur = local.resolve("INBOX").resolve("cur");
        Files.move(read, cur.resolve(read.getFileName().toString().replaceAll(":2,.*$", "") + ":2,S"));
        Files.delete(gone);
        Files.writeString(cur.resolve("1700000000.42_1.local:2,F"),
                "From: alice@example.org\r\nSubject: Written offline\r\n\r\nhello\r\n");
        Path drafts = local.resolve("Offline");
        for (String sub : List.of("cur", "new", "tmp")) {
            Files.createDirectories(drafts.resolve(sub));
        }
        mbsync(config);
        List<MessageEntry> server = entries(alice, "INBOX");
        assertEquals(2, server.size(), server.toString());
        assertTrue(server.stream().anyMatch(e -> e.keywords().equals(Set.of(Keywords.SEEN))), server.toString());
        assertTrue(server.stream().anyMatch(e -> e.keywords().equals(Set.of(Keywords.FLAGGED))), server.toString());
        assertTrue(alice.find("Offline").isPresent(), "the new folder became a mailbox");

        // far side: a new message and a flag
        deliver("alice", "INBOX", SIMPLE.replace("Hello there", "Third"));
        MessageEntry first = server.get(0);
        alice.store(alice.mailbox(MailboxRole.INBOX).orElseThrow().id(), List.of(first.uid()),
                new KeywordChange(KeywordChange.Operation.ADD, Set.of(Keywords.ANSWERED), -1));
        mbsync(config);
        inbox = messages(local.resolve("INBOX"));
        assertEquals(3, inbox.size(), inbox.toString());
        assertTrue(inbox.stream().anyMatch(p -> content(p).contains("Third")));
        assertTrue(inbox.stream().anyMatch(p -> p.getFileName().toString().endsWith(":2,RS")
                && content(p).contains("Hello there")), inbox.toString());
    }

    private static String content(Path p) {
        try {
            return Files.readString(p, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
