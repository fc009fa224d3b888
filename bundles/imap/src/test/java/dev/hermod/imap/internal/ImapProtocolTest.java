package dev.hermod.imap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Commands over a real socket, checked line by line. */
class ImapProtocolTest extends ImapTestSupport {

    private static void contains(String text, String... parts) {
        for (String p : parts) {
            assertTrue(text.contains(p), "missing <" + p + "> in:\n" + text);
        }
    }

    @Test
    void greetingCapabilityNoopLogout() throws Exception {
        int port = server("none", Map.of());
        try (LineClient c = new LineClient(port)) {
            String greeting = c.line();
            assertTrue(greeting.startsWith("* OK [CAPABILITY IMAP4rev1 IMAP4rev2 "), greeting);
            contains(greeting, "AUTH=PLAIN", "SASL-IR", "LITERAL+");
            contains(c.ok("a1", "CAPABILITY"), "* CAPABILITY IMAP4rev1 IMAP4rev2", "a1 OK");
            c.ok("a2", "NOOP");
            List<String> bye = c.command("a3", "LOGOUT", "OK");
            assertEquals("* BYE Hermod IMAP logging out", bye.get(0));
        }
    }

    @Test
    void loginFailuresSyntaxErrorsAndStates() throws Exception {
        int port = server("none", Map.of());
        try (LineClient c = new LineClient(port)) {
            c.line();
            contains(String.join("\n", c.command("a1", "LOGIN alice wrong", "NO")), "[AUTHENTICATIONFAILED]");
            c.command("a2", "SELECT INBOX", "BAD");
            c.command("a3", "FROB", "BAD");
            c.command("a4", "LOGIN alice", "BAD");
            c.raw("+bad\r\n");
            assertTrue(c.line().startsWith("* BAD"));
            c.command("a5", "LOGIN \"alice\" \"secret\"", "OK [CAPABILITY IMAP4rev1 IMAP4rev2");
            c.command("a6", "LOGIN alice secret", "BAD");
            c.command("a7", "FETCH 1 FLAGS", "BAD");
            c.command("a8", "SELECT", "BAD");
            c.ok("a9", "NOOP");
        }
    }

    @Test
    void authenticatePlainWithAndWithoutInitialResponse() throws Exception {
        int port = server("none", Map.of());
        String ir = Base64.getEncoder().encodeToString("\0alice\0secret".getBytes(StandardCharsets.UTF_8));
        try (LineClient c = new LineClient(port)) {
            c.line();
            c.command("a1", "AUTHENTICATE PLAIN " + ir, "OK");
        }
        try (LineClient c = new LineClient(port)) {
            c.line();
            c.raw("a1 AUTHENTICATE PLAIN\r\n");
            assertEquals("+ ", c.line());
            c.raw(Base64.getEncoder().encodeToString("\0bob\0wrong".getBytes(StandardCharsets.UTF_8)) + "\r\n");
            contains(String.join("\n", c.until("a1")), "a1 NO [AUTHENTICATIONFAILED]");
            c.raw("a2 AUTHENTICATE PLAIN\r\n");
            c.line();
            c.raw("*\r\n");
            assertTrue(c.line().startsWith("a2 BAD"));
            c.raw("a3 AUTHENTICATE PLAIN\r\n");
            c.line();
            c.raw(Base64.getEncoder().encodeToString("\0bob\0secret".getBytes(StandardCharsets.UTF_8)) + "\r\n");
            assertTrue(c.line().startsWith("a3 OK [CAPABILITY"));
            contains(c.ok("a4", "CAPABILITY"), "IDLE", "MOVE", "UIDPLUS", "SPECIAL-USE", "APPENDLIMIT=");
        }
    }

    @Test
    void literalsSplitAcrossReadsAndPipelinedCommands() throws Exception {
        int port = server("none", Map.of());
        try (LineClient c = new LineClient(port)) {
            c.line();
            c.raw("a1 LOGIN {5}\r\n");
            assertEquals("+ Ready for literal data", c.line());
            c.raw("al");
            Thread.sleep(50);
            c.raw("ice {6+}\r\nsec");
            Thread.sleep(50);
            c.raw("ret\r\n");
            assertTrue(c.line().startsWith("a1 OK"));
            // three commands in one write, answered in order
            c.raw("b1 NOOP\r\nb2 SELECT INBOX\r\nb3 LIST \"\" INBOX\r\n");
            List<String> lines = c.until("b3");
            String all = String.join("\n", lines);
            assertTrue(all.indexOf("b1 OK") < all.indexOf("b2 OK") && all.indexOf("b2 OK") < all.indexOf("b3 OK"), all);
            contains(all, "* 0 EXISTS", "* LIST (\\HasNoChildren) \"/\" INBOX");
        }
    }

    @Test
    void appendWithSynchronizingAndNonSynchronizingLiterals() throws Exception {
        int port = server("none", Map.of("message.max.size", 2000L));
        byte[] msg = SIMPLE.getBytes(StandardCharsets.UTF_8);
        try (LineClient c = new LineClient(port).login("alice")) {
            c.raw("a1 APPEND INBOX (\\Seen $Work) \" 7-Feb-2024 09:30:00 +0100\" {" + msg.length + "}\r\n");
            assertEquals("+ Ready for literal data", c.line());
            c.raw(SIMPLE.substring(0, 20));
            Thread.sleep(50);
            c.raw(SIMPLE.substring(20) + "\r\n");
            String ok = c.line();
            assertTrue(ok.startsWith("a1 OK [APPENDUID "), ok);
            c.raw("a2 APPEND Archive {" + msg.length + "+}\r\n" + SIMPLE + "\r\n");
            assertTrue(c.line().startsWith("a2 OK [APPENDUID "));
            c.raw("a3 APPEND Nowhere {10}\r\n");
            contains(c.line(), "a3 NO [TRYCREATE]");
            c.raw("a4 APPEND INBOX {5000}\r\n");
            contains(c.line(), "a4 NO [TOOBIG]");
            c.raw("a5 APPEND Nowhere {3+}\r\nabc\r\n");
            contains(c.line(), "a5 NO [TRYCREATE]");
            String select = c.ok("a6", "SELECT INBOX");
            contains(select, "* 1 EXISTS", "* 1 RECENT", "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)",
                    "* OK [UIDVALIDITY ", "* OK [UIDNEXT 2]", "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted"
                            + " \\Seen \\Draft \\*)]", "* OK [HIGHESTMODSEQ ", "a6 OK [READ-WRITE] SELECT completed");
            contains(c.ok("a7", "FETCH 1 (FLAGS INTERNALDATE RFC822.SIZE)"),
                    "* 1 FETCH (FLAGS (\\Recent \\Seen $work) INTERNALDATE \" 7-Feb-2024 08:30:00 +0000\" RFC822.SIZE "
                            + msg.length + ")");
            contains(c.ok("a8", "FETCH 1 BODY.PEEK[]"), SIMPLE);
            contains(c.ok("a9", "STORE 1 +FLAGS ($FORWARDED $NotJunk)"), "FLAGS (\\Recent \\Seen $Forwarded $NotJunk $work)");
            c.ok("b1", "CREATE Empty");
            c.ok("b2", "SELECT Empty");
            c.ok("b3", "FETCH 1:* (FLAGS)");
            c.command("b4", "FETCH 1 (FLAGS)", "BAD");
        }
    }

    @Test
    void selectExamineStatusAndRev2() throws Exception {
        int port = server("none", Map.of());
        deliver("alice", "INBOX", SIMPLE);
        deliver("alice", "INBOX", MULTIPART);
        try (LineClient c = new LineClient(port).login("alice")) {
            contains(c.ok("a1", "STATUS INBOX (MESSAGES UIDNEXT UNSEEN SIZE RECENT)"),
                    "* STATUS INBOX (MESSAGES 2 UIDNEXT 3 UNSEEN 2 SIZE ", " RECENT 2)");
            contains(c.ok("a2", "EXAMINE INBOX"), "* OK [PERMANENTFLAGS ()]", "* OK [UNSEEN 1]",
                    "a2 OK [READ-ONLY] EXAMINE completed");
            c.command("a3", "STORE 1 +FLAGS (\\Seen)", "NO [READ-ONLY]");
            c.command("a4", "FETCH 1 BODY[TEXT]", "OK");
            contains(c.ok("a5", "FETCH 1 FLAGS"), "* 1 FETCH (FLAGS (\\Recent))");
            c.command("a6", "ENABLE IMAP4rev2", "BAD");
            c.ok("a6", "UNSELECT");
            contains(c.ok("a6", "ENABLE IMAP4rev2 UTF8=ACCEPT"), "* ENABLED IMAP4rev2");
            String select = c.ok("a7", "SELECT INBOX");
            contains(select, "* LIST () \"/\" INBOX", "* 2 EXISTS");
            assertTrue(!select.contains("RECENT"), select);
            contains(c.ok("a8", "SEARCH FROM bob"), "* ESEARCH (TAG \"a8\") ALL 1");
            c.ok("a9", "UNSELECT");
            c.command("a10", "FETCH 1 FLAGS", "BAD");
        }
    }

    @Test
    void mailboxesCreateRenameDeleteListAndSubscriptions() throws Exception {
        int port = server("none", Map.of());
        try (LineClient c = new LineClient(port).login("alice")) {
            c.ok("a1", "CREATE Projects/Hermod/");
            c.command("a2", "CREATE Projects", "NO [ALREADYEXISTS]");
            c.ok("a3", "CREATE \"Caf&AOk-\"");
            String list = c.ok("a4", "LIST \"\" *");
            contains(list, "* LIST (\\HasNoChildren) \"/\" INBOX", "* LIST (\\HasNoChildren \\Sent) \"/\" Sent",
                    "* LIST (\\HasNoChildren \\Trash) \"/\" Trash", "* LIST (\\HasChildren) \"/\" Projects",
                    "* LIST (\\HasNoChildren) \"/\" Projects/Hermod", "\"/\" Caf&AOk-");
            contains(c.ok("a5", "LIST \"\" %"), "\"/\" Projects\n");
            assertTrue(!c.ok("a6", "LIST \"\" %").contains("Projects/Hermod"));
            contains(c.ok("a7", "LIST \"\" \"\""), "* LIST (\\Noselect) \"/\" \"\"");
            contains(c.ok("a8", "LIST (SPECIAL-USE) \"\" *"), "\\Junk");
            c.ok("a9", "RENAME Projects/Hermod Hermod");
            contains(c.ok("a10", "LIST \"\" Hermod"), "* LIST (\\HasNoChildren) \"/\" Hermod");
            c.ok("a11", "SUBSCRIBE Hermod");
            contains(c.ok("a12", "LSUB \"\" *"), "* LSUB () \"/\" Hermod");
            contains(c.ok("a13", "LIST (SUBSCRIBED) \"\" * RETURN (STATUS (MESSAGES))"),
                    "* LIST (\\HasNoChildren \\Subscribed) \"/\" Hermod", "* STATUS Hermod (MESSAGES 0)");
            c.ok("a14", "UNSUBSCRIBE Hermod");
            c.ok("a15", "DELETE Hermod");
            c.command("a16", "DELETE Hermod", "NO [NONEXISTENT]");
            c.command("a17", "DELETE INBOX", "NO");
            contains(c.ok("a18", "NAMESPACE"), "* NAMESPACE ((\"\" \"/\")) NIL NIL");
            c.ok("a19", "ENABLE UTF8=ACCEPT");
            contains(c.ok("a20", "LIST \"\" Caf*"), "\"/\" \"Café\"");
        }
    }

    @Test
    void fetchStructuresSectionsAndSeen() throws Exception {
        int port = server("none", Map.of());
        deliver("alice", "INBOX", SIMPLE);
        deliver("alice", "INBOX", MULTIPART);
        try (LineClient c = new LineClient(port).login("alice")) {
            c.ok("s", "SELECT INBOX");
            contains(c.ok("a1", "FETCH 1 ENVELOPE"), "* 1 FETCH (ENVELOPE (\"Tue, 5 Mar 2024 10:00:00 +0000\" "
                    + "\"Hello there\" ((\"Bob Example\" NIL \"bob\" \"example.org\")) ((\"Bob Example\" NIL \"bob\" "
                    + "\"example.org\")) ((\"Bob Example\" NIL \"bob\" \"example.org\")) ((NIL NIL \"alice\" "
                    + "\"example.org\")) NIL NIL NIL \"<one@example.org>\"))");
            String bs = c.ok("a2", "FETCH 2 BODYSTRUCTURE");
            contains(bs, "((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"utf-8\") NIL NIL \"7BIT\" 19 1",
                    "(\"APPLICATION\" \"PDF\" (\"NAME\" \"r.pdf\") NIL NIL \"BASE64\" 12 NIL (\"ATTACHMENT\" "
                            + "(\"FILENAME\" \"r.pdf\")) NIL NIL) \"MIXED\" (\"BOUNDARY\" \"b1\") NIL NIL NIL))");
            contains(c.ok("a3", "FETCH 2 BODY"), "BODY ((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"utf-8\") NIL NIL \"7BIT\" 19 1)");
            contains(c.ok("a4", "FETCH 2 (BODY.PEEK[1] BODY.PEEK[2.MIME])"), "BODY[1] {19}\nSee the attachment.",
                    "BODY[2.MIME] {");
            contains(c.ok("a5", "FETCH 1 BODY.PEEK[HEADER.FIELDS (Subject from)]"),
                    "BODY[HEADER.FIELDS (SUBJECT FROM)] {61}\nFrom: Bob Example <bob@example.org>\r\n"
                            + "Subject: Hello there\r\n\r\n)");
            String not = c.ok("a6", "FETCH 1 BODY.PEEK[HEADER.FIELDS.NOT (From To Date Message-ID)]");
            contains(not, "{24}\nSubject: Hello there\r\n\r\n");
            contains(c.ok("a7", "FETCH 1 BODY.PEEK[TEXT]<3.5>"), "BODY[TEXT]<3> {5}\nAlice");
            contains(c.ok("a8", "FETCH 1 BODY[TEXT]"), "BODY[TEXT] {25}\nHi Alice,\r\nhow are you?\r\n FLAGS (\\Recent \\Seen))");
            contains(c.ok("a9", "UID FETCH 1:* (FLAGS)"), "* 1 FETCH (UID 1 FLAGS (\\Recent \\Seen))",
                    "* 2 FETCH (UID 2 FLAGS (\\Recent))");
            contains(c.ok("b1", "FETCH 2 RFC822.HEADER"), "RFC822.HEADER {");
            contains(c.ok("b2", "FETCH 1 (BODY.PEEK[9] MODSEQ)"), "BODY[9] NIL", "MODSEQ (");
            c.command("b3", "FETCH 3 FLAGS", "BAD");
            c.command("b4", "FETCH 1 (FLAGS BOGUS)", "BAD");
            contains(c.ok("b5", "FETCH 1:2 FAST"), "* 2 FETCH (FLAGS (\\Recent) INTERNALDATE \" 5-Mar-2024 10:15:30 +0000\"");
        }
    }

    @Test
    void storeSearchCopyMoveExpunge() throws Exception {
        int port = server("none", Map.of());
        for (int i = 0; i < 4; i++) {
            deliver("alice", "INBOX", SIMPLE.replace("Hello there", "Message " + i));
        }
        try (LineClient c = new LineClient(port).login("alice")) {
            c.ok("s", "SELECT INBOX");
            contains(c.ok("a1", "STORE 1:2 +FLAGS (\\Flagged)"), "* 1 FETCH (FLAGS (\\Recent \\Flagged))",
                    "* 2 FETCH (FLAGS (\\Recent \\Flagged))");
            String silent = c.ok("a2", "STORE 2 -FLAGS.SILENT (\\Flagged)");
            assertTrue(!silent.contains("FETCH"), silent);
            contains(c.ok("a3", "UID STORE 3 FLAGS ($Label1 \\Deleted)"), "* 3 FETCH (UID 3 FLAGS (\\Recent \\Deleted $label1))");
            contains(c.ok("a4", "SEARCH FLAGGED"), "* SEARCH 1\n");
            contains(c.ok("a5", "SEARCH OR SUBJECT \"Message 2\" DELETED"), "* SEARCH 3\n");
            contains(c.ok("a6", "UID SEARCH NOT DELETED SINCE 1-Mar-2024"), "* SEARCH 1 2 4\n");
            contains(c.ok("a7", "SEARCH 2:* UNFLAGGED"), "* SEARCH 2 3 4\n");
            contains(c.ok("a8", "SEARCH RETURN (MIN MAX COUNT) ALL"), "* ESEARCH (TAG \"a8\") MIN 1 MAX 4 COUNT 4");
            contains(c.ok("a9", "SEARCH CHARSET UTF-8 BODY alice"), "* SEARCH 1 2 3 4");
            c.command("b1", "SEARCH CHARSET KOI8-R ALL", "NO [BADCHARSET");
            c.command("b2", "SEARCH BOGUS", "BAD");
            c.ok("b3", "CREATE Kept");
            contains(c.ok("b4", "COPY 1:2 Kept"), "b4 OK [COPYUID ", " 1:2 1:2] COPY completed");
            c.command("b5", "COPY 1 Missing", "NO [TRYCREATE]");
            String move = c.ok("b6", "UID MOVE 4 Kept");
            contains(move, "* OK [COPYUID ", " 4 3]", "* 4 EXPUNGE");
            contains(c.ok("b7", "EXPUNGE"), "* 3 EXPUNGE");
            contains(c.ok("b8", "STATUS Kept (MESSAGES)"), "MESSAGES 3");
            c.ok("b9", "STORE 2 +FLAGS.SILENT (\\Deleted)");
            String uidExpunge = c.ok("c1", "UID EXPUNGE 2");
            contains(uidExpunge, "* 2 EXPUNGE");
            c.ok("c2", "CLOSE");
            c.ok("c3", "SELECT INBOX");
            contains(c.ok("c4", "FETCH 1:* UID"), "* 1 FETCH (UID 1)");
        }
    }

    @Test
    void idleSeesNewMessagesAndExpungesFromOtherSessions() throws Exception {
        int port = server("none", Map.of());
        deliver("alice", "INBOX", SIMPLE);
        try (LineClient idler = new LineClient(port).login("alice");
             LineClient other = new LineClient(port).login("alice")) {
            idler.ok("s", "SELECT INBOX");
            idler.raw("i1 IDLE\r\n");
            assertEquals("+ idling", idler.line());
            deliver("alice", "INBOX", SIMPLE.replace("Hello there", "Second"));
            assertEquals("* 2 EXISTS", idler.line());
            assertEquals("* 2 RECENT", idler.line());
            other.ok("s", "SELECT INBOX");
            other.ok("o1", "STORE 1 +FLAGS.SILENT (\\Deleted \\Seen)");
            assertEquals("* 1 FETCH (FLAGS (\\Recent \\Deleted \\Seen))", idler.line());
            other.ok("o2", "EXPUNGE");
            assertEquals("* 1 EXPUNGE", idler.line());
            idler.raw("DONE\r\n");
            assertEquals("i1 OK IDLE terminated", idler.line());
            contains(idler.ok("f", "FETCH 1 (UID BODY.PEEK[HEADER.FIELDS (SUBJECT)])"), "* 1 FETCH (UID 2 ", "Second");
            // changes between commands arrive with the next command
            deliver("alice", "INBOX", SIMPLE);
            contains(idler.ok("n", "NOOP"), "* 2 EXISTS");
        }
    }

    @Test
    void expungeIsHeldBackDuringFetch() throws Exception {
        int port = server("none", Map.of());
        deliver("alice", "INBOX", SIMPLE);
        deliver("alice", "INBOX", SIMPLE);
        try (LineClient a = new LineClient(port).login("alice"); LineClient b = new LineClient(port).login("alice")) {
            a.ok("s", "SELECT INBOX");
            b.ok("s", "SELECT INBOX");
            b.ok("b1", "STORE 1 +FLAGS (\\Deleted)");
            b.ok("b2", "EXPUNGE");
            String fetch = a.ok("a1", "FETCH 1:2 UID");
            assertTrue(!fetch.contains("EXPUNGE"), fetch);
            contains(fetch, "* 1 FETCH (UID 1", "* 2 FETCH (UID 2");
            contains(a.ok("a2", "NOOP"), "* 1 EXPUNGE");
            contains(a.ok("a3", "FETCH 1 UID"), "* 1 FETCH (UID 2)");
        }
    }

    @Test
    void overlongLinesAndLiteralsAreRefusedAndTheConnectionStaysUsable() throws Exception {
        int port = server("none", Map.of("line.max.length", 1024, "literal.max.size", 1024));
        try (LineClient c = new LineClient(port)) {
            c.line();
            c.raw("a1 NOOP " + "x".repeat(3000) + "\r\n");
            contains(c.line(), "BAD [TOOBIG]");
            c.raw("a2 LOGIN {5000}\r\n");
            contains(c.line(), "a2 BAD [TOOBIG]");
            c.raw("a3 LOGIN {2000+}\r\n" + "y".repeat(2000) + " x\r\n");
            contains(c.line(), "a3 BAD [TOOBIG]");
            c.ok("a4", "NOOP");
        }
    }

    @Test
    void clientsThatDoNotLogInAreLoggedOut() throws Exception {
        int port = server("none", Map.of("login.timeout", 1));
        try (LineClient c = new LineClient(port)) {
            c.line();
            c.raw("a1 LOGIN {9000}\r\n");
            contains(c.line(), "a1 BAD [TOOBIG]", "8192");
            contains(c.line(), "* BYE Autologout");
        }
    }

    @Test
    void aSlowUploadHoldsNoWorker() throws Exception {
        int port = server("none", Map.of("workers", 1, "uploads.max", 1));
        byte[] msg = SIMPLE.getBytes(StandardCharsets.UTF_8);
        try (LineClient slow = new LineClient(port).login("alice"); LineClient other = new LineClient(port).login("bob")) {
            slow.raw("a1 APPEND INBOX {" + msg.length + "}\r\n");
            assertEquals("+ Ready for literal data", slow.line());
            slow.raw(SIMPLE.substring(0, 10));
            contains(other.ok("b1", "SELECT INBOX"), "* 0 EXISTS");
            contains(other.ok("b2", "STATUS INBOX (MESSAGES)"), "(MESSAGES 0)");
            contains(String.join("\n", other.command("b3", "APPEND INBOX {5+}\r\nhello", "NO")),
                    "b3 NO [UNAVAILABLE]");
            slow.raw(SIMPLE.substring(10) + "\r\n");
            assertTrue(slow.line().startsWith("a1 OK [APPENDUID "));
            other.raw("b4 APPEND INBOX {5}\r\n");
            assertEquals("+ Ready for literal data", other.line());
            other.raw("hello\r\n");
            List<String> b4 = other.until("b4");
            assertEquals("* 1 EXISTS", b4.get(0));
            assertEquals("* 1 RECENT", b4.get(1));
            assertTrue(b4.get(2).startsWith("b4 OK [APPENDUID "), b4.toString());
        }
    }

    @Test
    void clientsThatStopReadingHoldNoWorker() throws Exception {
        int port = server("none", Map.of("workers", 1));
        // 24 MB in three messages: far more than the socket buffers and Netty's high-water mark hold
        String big = SIMPLE + ("All work and no play makes Jack a dull boy. ".repeat(40) + "\r\n").repeat(4400);
        for (int i = 0; i < 3; i++) {
            deliver("alice", "INBOX", big);
        }
        List<LineClient> stalled = new ArrayList<>();
        try (LineClient other = new LineClient(port).login("bob")) {
            for (int i = 0; i < 3; i++) {
                LineClient c = new LineClient(port).login("alice");
                stalled.add(c);
                c.ok("s", "SELECT INBOX");
                // asks for everything, then reads nothing
                c.raw("f FETCH 1:3 BODY.PEEK[]\r\n");
            }
            Thread.sleep(500);
            long start = System.nanoTime();
            contains(other.ok("b1", "SELECT INBOX"), "* 0 EXISTS");
            contains(other.ok("b2", "STATUS INBOX (MESSAGES)"), "(MESSAGES 0)");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 5000, "another client waited " + millis + " ms behind those that stopped reading");
        } finally {
            for (LineClient c : stalled) {
                c.close();
            }
        }
    }

    @Test
    void modifiedUtf7NamesForRev1Clients() {
        assertEquals("Caf&AOk-", ModifiedUtf7.encode("Café"));
        assertEquals("Café", ModifiedUtf7.decode("Caf&AOk-"));
        assertEquals("&-x", ModifiedUtf7.encode("&x"));
        assertEquals("~peter/mail/&U,BTFw-/&ZeVnLIqe-", ModifiedUtf7.encode("~peter/mail/台北/日本語"));
        assertEquals("~peter/mail/台北/日本語", ModifiedUtf7.decode("~peter/mail/&U,BTFw-/&ZeVnLIqe-"));
    }
}
