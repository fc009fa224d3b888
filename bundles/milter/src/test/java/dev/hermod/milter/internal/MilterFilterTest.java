package dev.hermod.milter.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.filter.HeaderChange;
import dev.hermod.api.filter.Verdict;
import dev.hermod.api.mail.MailboxRole;
import dev.hermod.milter.internal.FakeMilter.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The protocol against a scripted milter: the commands sent, and each kind of answer. */
class MilterFilterTest {

    private static MilterFilter filter(String address, boolean failOpen, boolean junk, int readSeconds) {
        return new MilterFilter(new MilterSettings("fake", MilterAddress.parse(address), Duration.ofSeconds(2),
                Duration.ofSeconds(readSeconds), failOpen, junk, "mx.example.com"));
    }

    private static Verdict run(FakeMilter milter, String message) {
        return filter(milter.address(), true, true, 5).onData(TestMessages.session(), TestMessages.envelope(),
                TestMessages.content(message));
    }

    private static Function<FakeMilter.Packet, List<Reply>> atEnd(Reply... replies) {
        return p -> p.code() == 'E' ? List.of(replies) : null;
    }

    @Test
    void sendsEveryStepAndProceedsOnContinue() throws IOException {
        try (FakeMilter milter = new FakeMilter(0, null)) {
            Verdict v = run(milter, "Subject: hi\nX-Folded: one\n two\n\nbody line\n");
            assertEquals(Verdict.proceed(), v);
            assertEquals("OCHMRTLLNBEQ", milter.codes());
            FakeMilter.Packet optneg = milter.received.get(0);
            assertArrayEquals(new byte[] {0, 0, 0, 6, 0, 0, 0, 0x33}, java.util.Arrays.copyOf(optneg.data(), 8));
            FakeMilter.Packet connect = milter.received.stream().filter(p -> p.code() == 'C').findFirst().orElseThrow();
            assertEquals("mail.example.org\0" + "4" + (char) (41000 >> 8) + (char) (41000 & 0xff) + "192.0.2.25\u0000",
                    connect.text());
            assertEquals("<sender@example.org>\0BODY=8BITMIME\0", packet(milter, 'M').text());
            assertEquals("<jane@example.com>\0", packet(milter, 'R').text());
            List<String> headers = milter.received.stream().filter(p -> p.code() == 'L').map(FakeMilter.Packet::text).toList();
            assertEquals(List.of("Subject\0hi\0", "X-Folded\0one\n two\0"), headers);
            assertEquals("body line\r\n", packet(milter, 'B').text());
            String macros = milter.received.stream().filter(p -> p.code() == 'D').map(FakeMilter.Packet::text)
                    .reduce("", String::concat);
            assertTrue(macros.contains("j\0mx.example.com\0"), macros);
            assertTrue(macros.contains("{daemon_name}\0mta\0"), macros);
            assertTrue(macros.contains("{client_addr}\u0000192.0.2.25\0"), macros);
            assertTrue(macros.contains("E{i}\0S1a2b3c\0"), macros);
            assertTrue(macros.contains("R{rcpt_addr}\0jane@example.com\0"), macros);
        }
    }

    @Test
    void ipv6ClientAuthenticatedUserAndNoHelo() throws IOException {
        dev.hermod.api.filter.SessionInfo session = new dev.hermod.api.filter.SessionInfo(
                new java.net.InetSocketAddress("2001:db8::25", 587), null, "jane", true, "submission", "S9");
        try (FakeMilter milter = new FakeMilter(0, null)) {
            filter(milter.address(), true, true, 5).onData(session, TestMessages.envelope(),
                    TestMessages.content(TestMessages.normal()));
            assertEquals("[2001:db8:0:0:0:0:0:25]\u00006\u0002\u004b2001:db8:0:0:0:0:0:25\u0000",
                    packet(milter, 'C').text());
            String macros = milter.received.stream().filter(p -> p.code() == 'D').map(FakeMilter.Packet::text)
                    .reduce("", String::concat);
            assertTrue(macros.contains("{auth_authen}\u0000jane\u0000"), macros);
            assertTrue(macros.contains("{daemon_name}\u0000submission\u0000"), macros);
            assertEquals("OCMRTLLLLLLLLNBEQ", milter.codes());                 // no HELO was given
        }
    }

    @Test
    void honoursStepsTheMilterLeavesOutOrDoesNotAnswer() throws IOException {
        int steps = MilterProtocol.P_NOHELO | MilterProtocol.P_NODATA | MilterProtocol.P_NOEOH
                | MilterProtocol.P_NR_HDR | MilterProtocol.P_NR_CONN;
        // The fake answers everything; unanswered steps would leave stray replies that break the next step.
        try (FakeMilter milter = new FakeMilter(steps, p -> switch (p.code()) {
            case 'C', 'L' -> List.of();
            default -> null;
        })) {
            assertEquals(Verdict.proceed(), run(milter, "Subject: a\nFrom: b@example.org\n\nx\n"));
            assertEquals("OCMRLLBEQ", milter.codes());
        }
    }

    @Test
    void bodyInChunksOfAtMost65535AndSkip() throws IOException {
        String body = "0123456789abcdef".repeat(10_000) + "\r\n";            // 160 002 bytes: 3 chunks
        try (FakeMilter milter = new FakeMilter(0, null)) {
            run(milter, "Subject: big\n\n" + body);
            List<Integer> sizes = milter.received.stream().filter(p -> p.code() == 'B').map(p -> p.data().length).toList();
            assertEquals(List.of(65535, 65535, 160_002 - 2 * 65535), sizes);
        }
        try (FakeMilter milter = new FakeMilter(MilterProtocol.P_SKIP, p -> p.code() == 'B' ? List.of(Reply.of('s')) : null)) {
            run(milter, "Subject: big\n\n" + body);
            assertEquals("OCHMRTLNBEQ", milter.codes());
        }
    }

    @Test
    void rejectTempfailReplyCodeDiscard() throws IOException {
        try (FakeMilter milter = new FakeMilter(0, atEnd(Reply.of('r')))) {
            Verdict.Reject r = assertInstanceOf(Verdict.Reject.class, run(milter, TestMessages.normal()));
            assertEquals("550 5.7.1 Message rejected by content filter", r.reply().toString());
        }
        try (FakeMilter milter = new FakeMilter(0, atEnd(Reply.of('t')))) {
            Verdict.TempFail t = assertInstanceOf(Verdict.TempFail.class, run(milter, TestMessages.normal()));
            assertEquals(451, t.reply().code());
            assertEquals("4.7.1", t.reply().enhancedStatus());
        }
        try (FakeMilter milter = new FakeMilter(0, atEnd(Reply.strings('y', "554 5.7.0 Spam message rejected, 100%% sure")))) {
            Verdict.Reject r = assertInstanceOf(Verdict.Reject.class, run(milter, TestMessages.normal()));
            assertEquals("554 5.7.0 Spam message rejected, 100% sure", r.reply().toString());
        }
        try (FakeMilter milter = new FakeMilter(0, atEnd(Reply.strings('y', "421-4.7.0 first\r\n421 4.7.0 second")))) {
            Verdict.TempFail t = assertInstanceOf(Verdict.TempFail.class, run(milter, TestMessages.normal()));
            assertEquals("421 4.7.0 first second", t.reply().toString());
        }
        try (FakeMilter milter = new FakeMilter(0, atEnd(Reply.strings('h', "X-Dropped", "yes"), Reply.of('d')))) {
            assertEquals(Verdict.discard(), run(milter, TestMessages.normal()));
        }
    }

    @Test
    void earlyAnswersEndTheConversation() throws IOException {
        try (FakeMilter milter = new FakeMilter(0, p -> p.code() == 'M' ? List.of(Reply.of('r')) : null)) {
            assertInstanceOf(Verdict.Reject.class, run(milter, TestMessages.normal()));
            assertEquals("OCHMQ", milter.codes());
        }
        try (FakeMilter milter = new FakeMilter(0, p -> p.code() == 'C' ? List.of(Reply.of('a')) : null)) {
            assertEquals(Verdict.proceed(), run(milter, TestMessages.normal()));
            assertEquals("OCQ", milter.codes());
        }
        try (FakeMilter milter = new FakeMilter(0, p -> p.code() == 'N' ? List.of(Reply.of('p'), Reply.of('d')) : null)) {
            assertEquals(Verdict.discard(), run(milter, TestMessages.normal()));
        }
    }

    @Test
    void refusedRecipientsRefuseTheMessageOnlyWhenAllAre() throws IOException {
        Function<FakeMilter.Packet, List<Reply>> rejectJane =
                p -> p.code() == 'R' && p.text().startsWith("<jane@") ? List.of(Reply.of('r')) : null;
        try (FakeMilter milter = new FakeMilter(0, rejectJane)) {
            Verdict v = filter(milter.address(), true, true, 5).onData(TestMessages.session(),
                    TestMessages.envelope("jane@example.com", "joe@example.com"), TestMessages.content(TestMessages.normal()));
            assertEquals(Verdict.proceed(), v);
        }
        try (FakeMilter milter = new FakeMilter(0, rejectJane)) {
            assertInstanceOf(Verdict.Reject.class, run(milter, TestMessages.normal()));
        }
    }

    @Test
    void headerChangesBodyReplacementAndQuarantineCombine() throws IOException {
        try (FakeMilter milter = new FakeMilter(0, atEnd(
                Reply.strings('h', "X-Spam-Flag", "YES"),
                Reply.indexed('i', 0, "X-Top", "first"),
                Reply.indexed('i', 7, "X-Low", "later"),
                Reply.indexed('m', 1, "Subject", "[SPAM] Lunch\n\ton Thursday"),
                Reply.indexed('m', 1, "Return-Path", ""),
                Reply.indexed('m', 1, "X-Absent", ""),
                Reply.indexed('m', 2, "To", "added because there is no second To"),
                new Reply('b', "new body\nline two\r\n".getBytes(StandardCharsets.US_ASCII)),
                new Reply('b', "line three\n".getBytes(StandardCharsets.US_ASCII)),
                Reply.strings('q', "spam"),
                Reply.of('a')))) {
            Verdict v = run(milter, TestMessages.normal());
            Verdict.Combined c = assertInstanceOf(Verdict.Combined.class, v);
            assertEquals(3, c.verdicts().size());
            Verdict.ModifyHeaders m = assertInstanceOf(Verdict.ModifyHeaders.class, c.verdicts().get(0));
            assertEquals(List.of(
                    HeaderChange.addLast("X-Spam-Flag", "YES"),
                    HeaderChange.addFirst("X-Top", "first"),
                    HeaderChange.addLast("X-Low", "later"),
                    HeaderChange.replace("Subject", 1, "[SPAM] Lunch\ton Thursday"),
                    new HeaderChange(HeaderChange.Kind.REMOVE, "Return-Path", null, 1),
                    HeaderChange.addLast("To", "added because there is no second To")), m.changes());
            Verdict.ReplaceBody b = assertInstanceOf(Verdict.ReplaceBody.class, c.verdicts().get(1));
            try (InputStream in = b.body().open()) {
                assertEquals("new body\r\nline two\r\nline three\r\n", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
            }
            assertEquals(Verdict.fileInto(MailboxRole.JUNK), c.verdicts().get(2));
        }
    }

    @Test
    void quarantineWithoutJunkIsOnlyLoggedAndRejectionDropsChanges() throws IOException {
        try (FakeMilter milter = new FakeMilter(0, atEnd(Reply.strings('q', "spam"), Reply.of('c')))) {
            Verdict v = filter(milter.address(), true, false, 5).onData(TestMessages.session(), TestMessages.envelope(),
                    TestMessages.content(TestMessages.normal()));
            assertEquals(Verdict.proceed(), v);
        }
        try (FakeMilter milter = new FakeMilter(0, atEnd(Reply.strings('q', "spam"), Reply.strings('h', "A", "b"),
                Reply.of('r')))) {
            assertInstanceOf(Verdict.Reject.class, run(milter, TestMessages.normal()));
        }
    }

    @Test
    void largeReplacementBodyIsSpooledToAFile() throws IOException {
        byte[] chunk = "x".repeat(60_000).concat("\r\n").getBytes(StandardCharsets.US_ASCII);
        Reply[] replies = new Reply[21];
        for (int i = 0; i < 20; i++) {
            replies[i] = new Reply('b', chunk);
        }
        replies[20] = Reply.of('c');
        try (FakeMilter milter = new FakeMilter(0, atEnd(replies))) {
            Verdict.ReplaceBody b = assertInstanceOf(Verdict.ReplaceBody.class, run(milter, TestMessages.normal()));
            try (InputStream in = b.body().open()) {
                assertEquals(20L * chunk.length, in.readAllBytes().length);
            }
        }
    }

    @Test
    void failuresFailOpenOrClosed() throws IOException {
        int freePort;
        try (ServerSocket s = new ServerSocket(0)) {
            freePort = s.getLocalPort();
        }
        String nobody = "inet:127.0.0.1:" + freePort;
        assertEquals(Verdict.proceed(), filter(nobody, true, true, 1).onData(TestMessages.session(),
                TestMessages.envelope(), TestMessages.content(TestMessages.normal())));
        Verdict.TempFail t = assertInstanceOf(Verdict.TempFail.class, filter(nobody, false, true, 1).onData(
                TestMessages.session(), TestMessages.envelope(), TestMessages.content(TestMessages.normal())));
        assertEquals("451 4.7.1 Content filter unavailable, try again later", t.reply().toString());

        // A milter that never answers the end of message: the read timeout.
        try (FakeMilter milter = new FakeMilter(0, p -> p.code() == 'E' ? List.of() : null)) {
            long start = System.nanoTime();
            Verdict v = filter(milter.address(), false, true, 1).onData(TestMessages.session(), TestMessages.envelope(),
                    TestMessages.content(TestMessages.normal()));
            assertInstanceOf(Verdict.TempFail.class, v);
            assertTrue(System.nanoTime() - start < 5_000_000_000L);
            assertEquals(Verdict.proceed(), filter(milter.address(), true, true, 1).onData(TestMessages.session(),
                    TestMessages.envelope(), TestMessages.content(TestMessages.normal())));
        }
        // Protocol errors: an unknown reply, a malformed reply code.
        try (FakeMilter milter = new FakeMilter(0, atEnd(Reply.of('Z')))) {
            assertInstanceOf(Verdict.TempFail.class, filter(milter.address(), false, true, 5).onData(
                    TestMessages.session(), TestMessages.envelope(), TestMessages.content(TestMessages.normal())));
        }
        try (FakeMilter milter = new FakeMilter(0, atEnd(Reply.strings('y', "250 fine")))) {
            assertEquals(Verdict.proceed(), run(milter, TestMessages.normal()));
        }
    }

    private static FakeMilter.Packet packet(FakeMilter milter, char code) {
        return milter.received.stream().filter(p -> p.code() == code).findFirst().orElseThrow();
    }
}
