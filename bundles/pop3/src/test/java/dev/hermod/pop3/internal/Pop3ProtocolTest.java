package dev.hermod.pop3.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mailbox.Appended;
import dev.hermod.api.mailbox.Keywords;
import dev.hermod.api.mailbox.MailAccount;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RFC 1939 over a socket, as the wire shows it, with the real core behind the listener. */
class Pop3ProtocolTest extends Pop3TestSupport {

    @Test
    void pipelinedCommandsAnswerInOrder() throws Exception {
        deliver(SIMPLE);
        deliver(DOTS);
        int port = server("none", true, Map.of());
        try (Pop3Client c = new Pop3Client(port)) {
            assertTrue(c.line().startsWith("+OK pop.example.org"));
            c.raw("USER alice\r\nPASS secret\r\nSTAT\r\nLIST\r\nDELE 1\r\nUIDL 1\r\nNOOP\r\nRETR 2\r\nQUIT\r\n");
            assertEquals("+OK Send the password", c.line());
            assertTrue(c.line().startsWith("+OK Logged in, 2 messages"));
            int size = SIMPLE.length() + DOTS.length();
            assertEquals("+OK 2 " + size, c.line());
            assertTrue(c.line().startsWith("+OK 2 messages"));
            assertEquals(List.of("1 " + SIMPLE.length(), "2 " + DOTS.length()), c.body());
            assertEquals("+OK Message 1 deleted", c.line());
            assertEquals("-ERR Message 1 is deleted", c.line());
            assertEquals("+OK", c.line());
            assertEquals("+OK " + DOTS.length() + " octets", c.line());
            // RFC 1939 §3: a line starting with "." goes out with one more
            assertEquals(List.of("From: carol@example.net", "To: alice@example.org", "Subject: Dots", "", "..",
                    "...", "..leading dot", "middle . dot", "", "..", "last line"), c.body());
            assertTrue(c.line().startsWith("+OK pop.example.org Hermod POP3 signing off (1 messages deleted)"));
            assertNull(c.line());
        }
        assertEquals(1, inbox().entries().size());
    }

    @Test
    void numbersStayFixedWhileOthersChangeTheInbox() throws Exception {
        Appended first = deliver(SIMPLE);
        deliver(DOTS);
        int port = server("none", true, Map.of());
        try (Pop3Client c = new Pop3Client(port)) {
            c.login();
            // another client (IMAP, JMAP) removes the first message and new mail arrives
            MailAccount alice = store.account("alice");
            alice.destroy(List.of(first.id()));
            deliver(SIMPLE.replace("Hello there", "New"));
            assertEquals("+OK 2 " + (SIMPLE.length() + DOTS.length()), c.command("STAT"));
            assertEquals("-ERR The message was removed by another client", c.command("RETR 1"));
            assertEquals("+OK Top of message follows", c.command("TOP 2 0"));
            assertTrue(c.body().contains("Subject: Dots"));
            assertEquals("-ERR No such message", c.command("RETR 3"));
            assertEquals("+OK Message 1 deleted", c.command("DELE 1"));
            assertEquals("+OK Message 2 deleted", c.command("DELE 2"));
            assertTrue(c.command("QUIT").contains("(1 messages deleted)"));
        }
        assertEquals(1, inbox().entries().size());
        try (Pop3Client c = new Pop3Client(port)) {
            c.login();
            assertEquals("+OK 1 " + SIMPLE.replace("Hello there", "New").length(), c.command("STAT"));
        }
    }

    @Test
    void deletedMessageInAnotherMailboxStaysThereAndTopDoesNotMarkSeen() throws Exception {
        Appended kept = deliver(SIMPLE);
        deliver(DOTS);
        MailAccount alice = store.account("alice");
        var inboxId = alice.mailbox(MailboxRole.INBOX).orElseThrow().id();
        var archive = alice.mailbox(MailboxRole.ARCHIVE).orElseThrow().id();
        alice.setMailboxes(kept.id(), Set.of(inboxId, archive));
        int port = server("none", true, Map.of());
        try (Pop3Client c = new Pop3Client(port)) {
            c.login();
            assertEquals("+OK Message 1 deleted", c.command("DELE 1"));
            assertTrue(c.command("TOP 2 1").startsWith("+OK"));
            c.body();
            assertTrue(c.command("QUIT").startsWith("+OK"));
        }
        assertEquals(1, inbox().entries().size());
        assertFalse(inbox().entries().get(0).keywords().contains(Keywords.SEEN));
        var archived = alice.view(archive).entries();
        assertEquals(1, archived.size());
        assertEquals(kept.id(), archived.get(0).id());
        assertFalse(archived.get(0).keywords().contains(Keywords.DELETED));
    }

    @Test
    void connectionClosedWithoutQuitChangesNothing() throws Exception {
        deliver(SIMPLE);
        int port = server("none", true, Map.of());
        try (Pop3Client c = new Pop3Client(port)) {
            c.login();
            assertTrue(c.command("DELE 1").startsWith("+OK"));
            assertTrue(c.command("RETR 1").startsWith("-ERR"));
        }
        Thread.sleep(200);
        assertEquals(1, inbox().entries().size());
    }

    @Test
    void errorsBeforeAndAfterLogin() throws Exception {
        int port = server("none", true, Map.of("auth.failures.max", 2));
        try (Pop3Client c = new Pop3Client(port)) {
            c.line();
            assertEquals("-ERR STAT needs a login first", c.command("STAT"));
            assertEquals("-ERR Unknown command FOO", c.command("FOO"));
            assertEquals("-ERR PASS needs USER first", c.command("PASS secret"));
            assertTrue(c.command("APOP alice 0123").startsWith("-ERR APOP is not supported"));
            assertTrue(c.command("USER alice").startsWith("+OK"));
            assertEquals("-ERR [AUTH] Authentication failed", c.command("PASS wrong"));
            assertTrue(c.command("USER nobody").startsWith("+OK"));
            assertEquals("-ERR [AUTH] Authentication failed (too many failures; closing)", c.command("PASS x"));
            assertNull(c.line());
        }
        try (Pop3Client c = new Pop3Client(port)) {
            c.login();
            assertEquals("-ERR Already logged in", c.command("USER alice"));
            assertEquals("-ERR Invalid message number: x", c.command("LIST x"));
            assertEquals("-ERR No such message", c.command("LIST 1"));
            assertEquals("-ERR TOP needs a message number and a number of lines", c.command("TOP 1"));
            assertTrue(c.command("X".repeat(3000)).startsWith("-ERR Line too long"));
            assertEquals("+OK", c.command("noop"));
            assertEquals(List.of("TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING", "EXPIRE NEVER",
                    "IMPLEMENTATION Hermod"), capa(c));
        }
    }

    @Test
    void aClientThatStopsReadingDoesNotHoldTheOnlyWorker() throws Exception {
        String line = "x".repeat(998) + "\r\n";
        deliver("Subject: big\r\n\r\n" + line.repeat(8000));
        int port = server("none", true, Map.of("workers", 1));
        try (Pop3Client slow = new Pop3Client(port); Pop3Client other = new Pop3Client(port)) {
            slow.login();
            slow.raw("RETR 1\r\n");
            Thread.sleep(300);
            other.login();
            assertEquals("+OK 1 " + inbox().entries().get(0).size(), other.command("STAT"));
            assertTrue(slow.line().startsWith("+OK"));
        }
    }

    @Test
    void limitsOnConnectionsAndIdleTime() throws Exception {
        int port = server("none", true, Map.of("connections.per.ip", 1, "idle.timeout", 1));
        try (Pop3Client first = new Pop3Client(port)) {
            assertTrue(first.line().startsWith("+OK"));
            Pop3Client second = new Pop3Client(port);
            assertEquals("-ERR [SYS/TEMP] Too many connections from your address; try again later", second.line());
            assertNull(second.line());
            second.close();
            assertEquals("-ERR Disconnected for inactivity", first.line());
            assertNull(first.line());
        }
    }

    @Test
    void capabilitiesBeforeLoginFollowTls() throws Exception {
        int port = server("starttls", false, Map.of());
        try (Pop3Client c = new Pop3Client(port)) {
            c.line();
            assertEquals(List.of("TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING", "EXPIRE NEVER", "STLS",
                    "IMPLEMENTATION Hermod"), capa(c));
            assertEquals("+OK Mechanisms follow", c.command("AUTH"));
            assertEquals(List.of(), c.body());
            assertEquals("-ERR [AUTH] Plain-text login needs TLS: use STLS first",
                    c.command("AUTH PLAIN AGFsaWNlAHNlY3JldA=="));
        }
        int plain = server("none", false, Map.of());
        try (Pop3Client c = new Pop3Client(plain)) {
            c.line();
            assertEquals("-ERR STLS is not available here", c.command("STLS"));
        }
    }

    private static List<String> capa(Pop3Client c) throws Exception {
        assertEquals("+OK Capability list follows", c.command("CAPA"));
        return c.body();
    }
}
