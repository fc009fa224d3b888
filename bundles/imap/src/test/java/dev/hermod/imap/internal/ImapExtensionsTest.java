package dev.hermod.imap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** BINARY, SEARCHRES, CONDSTORE, AUTHENTICATE LOGIN, RENAME INBOX and updates after own commands. */
class ImapExtensionsTest extends ImapTestSupport {

    private static void contains(String text, String... parts) {
        for (String p : parts) {
            assertTrue(text.contains(p), "missing <" + p + "> in:\n" + text);
        }
    }

    @Test
    void binaryFetchDecodesTransferEncodings() throws Exception {
        int port = server("none", Map.of());
        deliver("alice", "INBOX", MULTIPART);
        deliver("alice", "INBOX", "Subject: qp\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n\r\nGr=C3=BC=C3=9Fe, long =\r\nline\r\n");
        try (LineClient c = new LineClient(port).login("alice")) {
            c.ok("s", "SELECT INBOX");
            contains(c.ok("a1", "FETCH 1 (BINARY.SIZE[2] BINARY.PEEK[2])"), "BINARY.SIZE[2] 9",
                    "BINARY[2] {9}\n%PDF-1.4\n");
            contains(c.ok("a2", "FETCH 2 BINARY.PEEK[1]"), "BINARY[1] {20}\nGrüße, long line\r\n");
            contains(c.ok("a3", "FETCH 2 FLAGS"), "FLAGS (\\Recent)");
            contains(c.ok("a4", "FETCH 2 BINARY[1]<0.3>"), "BINARY[1]<0> {3}\nGr", "FLAGS (\\Recent \\Seen)");
            c.command("a5", "FETCH 2 BINARY[HEADER]", "BAD");
        }
    }

    @Test
    void searchResultSavedForDollar() throws Exception {
        int port = server("none", Map.of());
        for (int i = 0; i < 3; i++) {
            deliver("alice", "INBOX", SIMPLE.replace("Hello there", "Note " + i));
        }
        try (LineClient c = new LineClient(port).login("alice")) {
            c.ok("s", "SELECT INBOX");
            String saved = c.ok("a1", "SEARCH RETURN (SAVE) OR SUBJECT \"Note 0\" SUBJECT \"Note 2\"");
            assertTrue(!saved.contains("ESEARCH"), saved);
            contains(c.ok("a2", "FETCH $ (UID)"), "* 1 FETCH (UID 1)", "* 3 FETCH (UID 3)");
            contains(c.ok("a3", "UID SEARCH $ SUBJECT \"Note 2\""), "* SEARCH 3\n");
            contains(c.ok("a4", "SEARCH RETURN (SAVE COUNT) 2"), "* ESEARCH (TAG \"a4\") COUNT 1");
            contains(c.ok("a5", "STORE $ +FLAGS (\\Flagged)"), "* 2 FETCH (FLAGS (\\Recent \\Flagged))");
        }
    }

    @Test
    void condstoreModSeqUnchangedSinceAndChangedSince() throws Exception {
        int port = server("none", Map.of());
        deliver("alice", "INBOX", SIMPLE);
        deliver("alice", "INBOX", SIMPLE);
        try (LineClient c = new LineClient(port).login("alice")) {
            String select = c.ok("s", "SELECT INBOX (CONDSTORE)");
            String hms = select.replaceAll("(?s).*\\[HIGHESTMODSEQ (\\d+)\\].*", "$1");
            long highest = Long.parseLong(hms);
            String fetch = c.ok("a1", "FETCH 1:2 (MODSEQ)");
            contains(fetch, "* 1 FETCH (MODSEQ (", "* 2 FETCH (MODSEQ (");
            String stored = c.ok("a2", "STORE 1 +FLAGS (\\Seen)");
            contains(stored, "* 1 FETCH (FLAGS (\\Recent \\Seen) MODSEQ (");
            contains(c.ok("a3", "FETCH 1:2 (FLAGS) (CHANGEDSINCE " + highest + ")"), "* 1 FETCH (FLAGS (\\Recent \\Seen) MODSEQ (");
            assertTrue(!c.ok("a4", "FETCH 1:2 (FLAGS) (CHANGEDSINCE " + highest + ")").contains("* 2 FETCH"));
            String modified = c.ok("a5", "STORE 1:2 (UNCHANGEDSINCE " + highest + ") +FLAGS (\\Answered)");
            contains(modified, "* 2 FETCH (FLAGS (\\Recent \\Answered) MODSEQ (", "a5 OK [MODIFIED 1] STORE completed");
            contains(c.ok("a6", "SEARCH MODSEQ " + (highest + 1)), "* SEARCH 1 2");
            contains(c.ok("a7", "STATUS INBOX (HIGHESTMODSEQ)"), "* STATUS INBOX (HIGHESTMODSEQ ");
        }
    }

    @Test
    void recentGoesToTheFirstReadWriteRev1SessionOnly() throws Exception {
        int port = server("none", Map.of());
        deliver("alice", "INBOX", SIMPLE);
        deliver("alice", "INBOX", SIMPLE);
        try (LineClient a = new LineClient(port).login("alice"); LineClient b = new LineClient(port).login("alice");
             LineClient modern = new LineClient(port).login("alice")) {
            contains(b.ok("b1", "STATUS INBOX (RECENT MESSAGES)"), "(RECENT 2 MESSAGES 2)");
            contains(b.ok("b2", "EXAMINE INBOX"), "* 2 EXISTS", "* 2 RECENT");
            // EXAMINE claimed nothing; IMAP4rev2 sessions claim nothing either
            modern.ok("m1", "ENABLE IMAP4rev2");
            contains(modern.ok("m2", "SELECT INBOX"), "* 2 EXISTS");
            contains(a.ok("a1", "SELECT INBOX"), "* 2 EXISTS", "* 2 RECENT");
            contains(a.ok("a2", "FETCH 1:2 FLAGS"), "* 1 FETCH (FLAGS (\\Recent))", "* 2 FETCH (FLAGS (\\Recent))");
            contains(a.ok("a3", "SEARCH RECENT"), "* SEARCH 1 2\n");
            a.ok("a4", "STORE 1 +FLAGS (\\Seen)");
            contains(a.ok("a5", "SEARCH NEW"), "* SEARCH 2\n");
            contains(a.ok("a6", "SEARCH OLD"), "* SEARCH\na6 OK");
            // a later session finds nothing recent: the first one was told
            contains(b.ok("b3", "SELECT INBOX"), "* 2 EXISTS", "* 0 RECENT");
            contains(b.ok("b4", "FETCH 2 FLAGS"), "* 2 FETCH (FLAGS ())");
            contains(b.ok("b5", "STATUS INBOX (RECENT)"), "(RECENT 0)");
            // a new arrival is recent to whichever session hears of it first, announced with RECENT
            deliver("alice", "INBOX", SIMPLE);
            contains(b.ok("b6", "NOOP"), "* 3 EXISTS", "* 1 RECENT");
            contains(b.ok("b7", "FETCH 3 FLAGS"), "* 3 FETCH (FLAGS (\\Recent))");
            String other = a.ok("a7", "NOOP");
            contains(other, "* 3 EXISTS");
            assertTrue(!other.contains("RECENT"), other);
            contains(a.ok("a8", "FETCH 3 FLAGS"), "* 3 FETCH (FLAGS ())");
            contains(a.ok("a9", "SEARCH RECENT"), "* SEARCH 1 2\n");
        }
    }

    @Test
    void utf8AppendStoresEightBitHeaders() throws Exception {
        int port = server("none", Map.of());
        String message = "From: Jürgen <j@example.org>\r\nTo: alice@example.org\r\nSubject: Grüße aus Köln\r\n\r\nHallo\r\n";
        int n = message.getBytes(StandardCharsets.UTF_8).length;
        try (LineClient c = new LineClient(port).login("alice")) {
            contains(c.ok("e", "ENABLE UTF8=ACCEPT"), "* ENABLED UTF8=ACCEPT");
            // RFC 6855 §4, and two of them in one MULTIAPPEND, the second with flags
            c.raw("a1 APPEND INBOX UTF8 (~{" + n + "+}\r\n" + message + ") (\\Seen) UTF8 (~{" + n + "+}\r\n"
                    + message + ")\r\n");
            String ok = c.line();
            assertTrue(ok.matches("a1 OK \\[APPENDUID \\d+ 1:2\\] APPEND completed"), ok);
            c.ok("s", "SELECT INBOX");
            contains(c.ok("a2", "FETCH 1:2 (FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])"), "Subject: Grüße aus Köln\r\n",
                    "* 2 FETCH (FLAGS (\\Recent \\Seen)");
            // the closing parenthesis is required
            c.raw("a3 APPEND INBOX UTF8 (~{" + n + "+}\r\n" + message + "\r\n");
            assertTrue(c.line().startsWith("a3 BAD"));
            contains(c.ok("a4", "STATUS INBOX (MESSAGES)"), "(MESSAGES 2)");
        }
    }

    @Test
    void authenticateLoginAndRenameInbox() throws Exception {
        int port = server("none", Map.of());
        deliver("alice", "INBOX", SIMPLE);
        try (LineClient c = new LineClient(port)) {
            c.line();
            c.raw("a1 AUTHENTICATE LOGIN\r\n");
            assertTrue(c.line().startsWith("+ "));
            c.raw(Base64.getEncoder().encodeToString("alice".getBytes(StandardCharsets.US_ASCII)) + "\r\n");
            assertTrue(c.line().startsWith("+ "));
            c.raw(Base64.getEncoder().encodeToString("secret".getBytes(StandardCharsets.US_ASCII)) + "\r\n");
            assertTrue(c.line().startsWith("a1 OK [CAPABILITY "));
            c.ok("a2", "RENAME INBOX \"Old mail\"");
            contains(c.ok("a3", "STATUS INBOX (MESSAGES)"), "(MESSAGES 0)");
            contains(c.ok("a4", "STATUS \"Old mail\" (MESSAGES)"), "(MESSAGES 1)");
        }
    }

    @Test
    void ownAppendAndOtherProtocolsShowAfterCommands() throws Exception {
        int port = server("none", Map.of());
        try (LineClient c = new LineClient(port).login("alice")) {
            c.ok("s", "SELECT INBOX");
            byte[] msg = SIMPLE.getBytes(StandardCharsets.UTF_8);
            c.raw("a1 APPEND INBOX {" + msg.length + "+}\r\n" + SIMPLE + "\r\n");
            assertEquals("* 1 EXISTS", c.line());
            assertEquals("* 1 RECENT", c.line());
            assertTrue(c.line().startsWith("a1 OK [APPENDUID "));
            deliver("alice", "INBOX", "From: =?UTF-8?Q?J=C3=BCrgen?= <j@example.org>\r\nSubject: x\r\n\r\nhi\r\n");
            contains(c.ok("n", "NOOP"), "* 2 EXISTS");
            String fetch = c.ok("a2", "FETCH 2 ENVELOPE");
            contains(fetch, "((\"=?UTF-8?B?SsO8cmdlbg==?=\" NIL \"j\" \"example.org\"))");
            c.ok("a3", "UNSELECT");
            c.ok("a4", "ENABLE UTF8=ACCEPT");
            c.ok("a5", "SELECT INBOX");
            contains(c.ok("a6", "FETCH 2 ENVELOPE"), "((\"Jürgen\" NIL \"j\" \"example.org\"))");
        }
    }

    @Test
    void sortQuotaPreviewObjectIdAndUnauthenticate() throws Exception {
        int port = server("none", Map.of());
        deliver("alice", "INBOX", SIMPLE.replace("Hello there", "banana").replace("Bob Example", "Zed"));
        deliver("alice", "INBOX", SIMPLE.replace("Hello there", "Apple pie") + "x".repeat(500) + "\r\n");
        deliver("alice", "INBOX", SIMPLE.replace("Hello there", "Re: cherry").replace("Bob Example", "Amy"));
        try (LineClient c = new LineClient(port).login("alice")) {
            String select = c.ok("s", "SELECT INBOX");
            contains(select, "* OK [MAILBOXID (m");
            contains(c.ok("a1", "SORT (SUBJECT) UTF-8 ALL"), "* SORT 2 1 3\n");
            contains(c.ok("a2", "SORT (REVERSE SIZE) UTF-8 ALL"), "* SORT 2 ");
            contains(c.ok("a3", "UID SORT (DISPLAYFROM) UTF-8 NOT SUBJECT apple"), "* SORT 3 1\n");
            c.command("a4", "SORT (SUBJECT) KOI8-R ALL", "NO [BADCHARSET");
            contains(c.ok("a41", "SORT RETURN (MIN MAX COUNT ALL) (SUBJECT) UTF-8 ALL"),
                    "* ESEARCH (TAG \"a41\") MIN 2 MAX 3 ALL 2,1,3 COUNT 3");
            contains(c.ok("a5", "GETQUOTAROOT INBOX"), "* QUOTAROOT INBOX \"\"", "* QUOTA \"\" (");
            c.command("a6", "SETQUOTA \"\" (STORAGE 10)", "NO");
            String ids = c.ok("a7", "FETCH 1 (EMAILID THREADID PREVIEW)");
            contains(ids, "EMAILID (e", "THREADID (", "PREVIEW \"Hi Alice, how are you?\"");
            String emailId = ids.replaceAll("(?s).*EMAILID \\((\\w+)\\).*", "$1");
            contains(c.ok("a8", "SEARCH EMAILID " + emailId), "* SEARCH 1\n");
            contains(c.ok("a9", "STATUS INBOX (MAILBOXID MESSAGES)"), "(MAILBOXID (m");
            contains(c.ok("b1", "CREATE Fresh"), "b1 OK [MAILBOXID (m");
            c.ok("b2", "UNAUTHENTICATE");
            c.command("b3", "SELECT INBOX", "BAD");
            c.command("b4", "LOGIN bob secret", "OK");
            contains(c.ok("b5", "STATUS INBOX (MESSAGES)"), "(MESSAGES 0)");
        }
    }

    @Test
    void qresyncVanishedAtSelectFetchAndExpunge() throws Exception {
        int port = server("none", Map.of());
        for (int i = 0; i < 4; i++) {
            deliver("alice", "INBOX", SIMPLE);
        }
        try (LineClient c = new LineClient(port).login("alice"); LineClient other = new LineClient(port).login("alice")) {
            contains(c.ok("e", "ENABLE QRESYNC"), "* ENABLED CONDSTORE QRESYNC");
            String select = c.ok("s", "SELECT INBOX");
            long validity = Long.parseLong(select.replaceAll("(?s).*\\[UIDVALIDITY (\\d+)\\].*", "$1"));
            long modseq = Long.parseLong(select.replaceAll("(?s).*\\[HIGHESTMODSEQ (\\d+)\\].*", "$1"));
            c.ok("u", "UNSELECT");
            other.ok("s", "SELECT INBOX");
            other.ok("o1", "STORE 1,3 +FLAGS.SILENT (\\Deleted)");
            other.ok("o2", "STORE 2 +FLAGS.SILENT (\\Flagged)");
            other.ok("o3", "EXPUNGE");
            String resync = c.ok("r", "SELECT INBOX (QRESYNC (" + validity + " " + modseq + " 1:4))");
            contains(resync, "* VANISHED (EARLIER) 1,3", "* 1 FETCH (UID 2 FLAGS (\\Flagged) MODSEQ (");
            assertTrue(!resync.contains("UID 4 FLAGS"), resync);
            contains(c.ok("f", "UID FETCH 1:* (FLAGS) (CHANGEDSINCE " + modseq + " VANISHED)"),
                    "* VANISHED (EARLIER) 1,3", "* 1 FETCH (UID 2 FLAGS (\\Flagged) MODSEQ (");
            other.ok("o4", "STORE 1 +FLAGS.SILENT (\\Deleted)");
            other.ok("o5", "EXPUNGE");
            contains(c.ok("n", "NOOP"), "* VANISHED 2");
            c.ok("x", "STORE 1 +FLAGS.SILENT (\\Deleted)");
            contains(c.ok("y", "EXPUNGE"), "* VANISHED 4");
        }
    }

    @Test
    void compressDeflate() throws Exception {
        int port = server("none", Map.of());
        deliver("alice", "INBOX", SIMPLE);
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            var in = socket.getInputStream();
            var out = socket.getOutputStream();
            LineReader plain = new LineReader(in);
            plain.line();
            out.write("a1 LOGIN alice secret\r\na2 COMPRESS DEFLATE\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(plain.line().startsWith("a1 OK"));
            assertEquals("a2 OK DEFLATE active", plain.line());
            java.util.zip.Deflater deflater = new java.util.zip.Deflater(6, true);
            java.util.zip.InflaterInputStream inflated = new java.util.zip.InflaterInputStream(in,
                    new java.util.zip.Inflater(true), 1);
            byte[] command = "a3 SELECT INBOX\r\na4 FETCH 1 BODY.PEEK[HEADER.FIELDS (SUBJECT)]\r\n"
                    .getBytes(StandardCharsets.US_ASCII);
            deflater.setInput(command);
            byte[] buffer = new byte[1024];
            int n = deflater.deflate(buffer, 0, buffer.length, java.util.zip.Deflater.SYNC_FLUSH);
            out.write(buffer, 0, n);
            LineReader z = new LineReader(inflated);
            StringBuilder all = new StringBuilder();
            String line;
            do {
                line = z.line();
                all.append(line).append('\n');
            } while (!line.startsWith("a4 "));
            contains(all.toString(), "* 1 EXISTS", "a3 OK [READ-WRITE]", "Subject: Hello there", "a4 OK");
        }
    }

    @Test
    void listExtendedRecursiveMatchAndCreateSpecialUse() throws Exception {
        int port = server("none", Map.of());
        try (LineClient c = new LineClient(port).login("alice")) {
            c.ok("a1", "CREATE Lists/Hermod");
            c.ok("a2", "UNSUBSCRIBE Lists");
            String list = c.ok("a3", "LIST (SUBSCRIBED RECURSIVEMATCH) \"\" %");
            contains(list, "* LIST (\\HasChildren) \"/\" Lists (\"CHILDINFO\" (\"SUBSCRIBED\"))");
            c.command("a4", "LIST (RECURSIVEMATCH) \"\" %", "BAD");
            contains(c.ok("a5", "LIST \"\" (INBOX Lists/*) RETURN (SUBSCRIBED CHILDREN)"),
                    "* LIST (\\HasNoChildren \\Subscribed) \"/\" INBOX",
                    "* LIST (\\HasNoChildren \\Subscribed) \"/\" Lists/Hermod");
            c.command("a6", "CREATE Bin (USE (\\Trash))", "NO [USEATTR]");
            c.ok("a7", "CREATE Everything (USE (\\All))");
            contains(c.ok("a8", "LIST \"\" Everything"), "* LIST (\\HasNoChildren \\All) \"/\" Everything");
        }
    }

    @Test
    void threadByReferencesAndOrderedSubject() throws Exception {
        int port = server("none", Map.of());
        String[][] mails = {
                {"<a@x>", "", "Plan"}, {"<b@x>", "In-Reply-To: <a@x>\r\n", "Re: Plan"}, {"<c@x>", "", "Other"},
                {"<d@x>", "References: <a@x> <b@x>\r\n", "Re: Plan"}, {"<e@x>", "References: <a@x>\r\n", "Re: Plan"}};
        for (int i = 0; i < mails.length; i++) {
            deliver("alice", "INBOX", "Message-ID: " + mails[i][0] + "\r\n" + mails[i][1] + "Subject: " + mails[i][2]
                    + "\r\nDate: Tue, " + (i + 1) + " Oct 2024 10:00:00 +0000\r\n\r\nbody\r\n");
        }
        try (LineClient c = new LineClient(port).login("alice")) {
            c.ok("s", "SELECT INBOX");
            contains(c.ok("a1", "THREAD REFERENCES UTF-8 ALL"), "* THREAD (1 (2 4)(5))(3)\n");
            contains(c.ok("a2", "THREAD ORDEREDSUBJECT UTF-8 ALL"), "* THREAD (1 (2)(4)(5))(3)\n");
            contains(c.ok("a3", "UID THREAD REFERENCES UTF-8 NOT SUBJECT other"), "* THREAD (1 (2 4)(5))\n");
            c.command("a4", "THREAD BOGUS UTF-8 ALL", "BAD");
            // two replies to a message that is not there: an empty container holds them
            c.ok("a5", "CREATE Orphans");
            for (int i = 0; i < 2; i++) {
                deliver("alice", "Orphans", "Message-ID: <o" + i + "@x>\r\nReferences: <gone@x>\r\nSubject: Re: gone"
                        + "\r\nDate: Tue, " + (i + 1) + " Oct 2024 10:00:00 +0000\r\n\r\nbody\r\n");
            }
            c.ok("a6", "SELECT Orphans");
            contains(c.ok("a7", "THREAD REFERENCES UTF-8 ALL"), "* THREAD ((1)(2))\n");
        }
    }

    @Test
    void multiAppendAllOrNothing() throws Exception {
        int port = server("none", Map.of("message.max.size", 3000L));
        int n = SIMPLE.getBytes(StandardCharsets.UTF_8).length;
        try (LineClient c = new LineClient(port).login("alice")) {
            c.raw("a1 APPEND INBOX (\\Seen) {" + n + "+}\r\n" + SIMPLE + " (\\Flagged) \"05-Mar-2024 10:00:00 +0000\" {"
                    + n + "}\r\n");
            assertEquals("+ Ready for literal data", c.line());
            c.raw(SIMPLE + "\r\n");
            String ok = c.line();
            assertTrue(ok.matches("a1 OK \\[APPENDUID \\d+ 1:2\\] APPEND completed"), ok);
            c.raw("a2 APPEND INBOX {" + n + "+}\r\n" + SIMPLE + " {4000+}\r\n" + "x".repeat(4000) + "\r\n");
            assertTrue(c.line().startsWith("a2 NO [TOOBIG]"));
            c.raw("a3 APPEND INBOX {" + n + "+}\r\n" + SIMPLE + " {4000}\r\n");
            assertTrue(c.line().startsWith("a3 NO [TOOBIG]"));
            contains(c.ok("a4", "STATUS INBOX (MESSAGES)"), "(MESSAGES 2)");
            c.ok("s", "SELECT INBOX");
            contains(c.ok("a5", "FETCH 1:2 FLAGS"), "* 1 FETCH (FLAGS (\\Recent \\Seen))",
                    "* 2 FETCH (FLAGS (\\Recent \\Flagged))");
        }
    }

    /** Reads CRLF lines from a stream, one octet at a time. */
    private record LineReader(java.io.InputStream in) {
        String line() throws java.io.IOException {
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new java.io.EOFException(b.toString(StandardCharsets.UTF_8));
                }
                if (c != '\r') {
                    b.write(c);
                }
            }
            return b.toString(StandardCharsets.UTF_8);
        }
    }
}
