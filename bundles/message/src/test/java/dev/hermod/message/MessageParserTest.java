package dev.hermod.message;

import static dev.hermod.message.Corpus.crlf;
import static dev.hermod.message.Corpus.slice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.hermod.api.message.BodyPart;
import dev.hermod.api.message.EmbeddedMessage;
import dev.hermod.api.message.HeaderField;
import dev.hermod.api.message.MailAddress;
import dev.hermod.api.message.MessageEnvelope;
import dev.hermod.api.message.MessageSummary;
import org.junit.jupiter.api.Test;

class MessageParserTest {

    private final MessageParser parser = new MessageParser();

    static MessageSummary parse(byte[] raw) {
        return new MessageParser().parse(raw);
    }

    static BodyPart part(MessageSummary s, String id) {
        return s.part(id).orElseThrow(() -> new AssertionError("no part " + id));
    }

    @Test
    void simpleTextMessage() {
        byte[] raw = Corpus.SIMPLE;
        MessageSummary s = parse(raw);
        String text = new String(raw, StandardCharsets.UTF_8);
        int headerEnd = text.indexOf("\r\n\r\n") + 4;

        assertEquals(raw.length, s.size());
        assertEquals(headerEnd, s.headerLength());
        BodyPart body = s.body();
        assertEquals("1", body.partId(), "a single-part message's only part is 1 (RFC 9051 §6.4.5)");
        assertEquals("text/plain", body.mimeType());
        assertEquals("us-ascii", body.charset());
        assertEquals("7bit", body.encoding());
        assertEquals(0, body.headerStart());
        assertEquals(headerEnd, body.bodyStart());
        assertEquals("Hi Bob,\r\nHow are you?\r\n", slice(raw, body.bodyStart(), body.bodyEnd()));
        assertEquals(2, body.lines());
        assertEquals(body.size(), body.decodedSize());

        MessageEnvelope e = s.envelope();
        assertEquals(List.of(new MailAddress("Alice", "alice", "example.com", null)), e.from());
        assertEquals("bob@example.org", e.to().get(0).address());
        assertNull(e.sender());
        assertNull(e.cc());
        assertEquals("Hello", e.subject());
        assertEquals("Hello", s.baseSubject());
        assertEquals("Mon, 7 Feb 1994 21:52:25 -0800", e.dateRaw());
        assertEquals(OffsetDateTime.of(1994, 2, 7, 21, 52, 25, 0, ZoneOffset.ofHours(-8)), e.date());
        assertEquals("<1@example.com>", e.messageIdRaw());
        assertEquals(List.of("1@example.com"), e.messageIds());
        assertNull(e.inReplyTo());

        assertEquals("Hi Bob, How are you?", s.preview());
        assertEquals(List.of("1"), s.textBody());
        assertEquals(List.of("1"), s.htmlBody());
        assertEquals(List.of(), s.attachments());
        assertFalse(s.hasAttachment());

        assertEquals(6, s.headers().size());
        assertFalse(s.headersTruncated());
        HeaderField subject = s.headers("SUBJECT").get(0);
        assertEquals(" Hello", subject.value());
        assertEquals("Subject: Hello\r\n", slice(raw, subject.offset(), subject.offset() + subject.length()));
        for (HeaderField f : s.headers()) {
            assertTrue(slice(raw, f.offset(), f.offset() + f.length()).startsWith(f.name() + ":"));
        }
    }

    @Test
    void multipartAlternative() {
        byte[] raw = Corpus.ALTERNATIVE;
        List<String> indexed = new ArrayList<>();
        MessageSummary s = parseWithText(raw, ParserLimits.DEFAULTS, indexed);

        BodyPart root = s.body();
        assertEquals("", root.partId(), "a multipart message's top level has no number of its own");
        assertEquals("multipart/alternative", root.mimeType());
        assertEquals("b1", root.parameters().get("boundary"));
        assertEquals(2, root.children().size());
        BodyPart plain = part(s, "1");
        BodyPart html = part(s, "2");
        assertEquals("plain text", slice(raw, plain.bodyStart(), plain.bodyEnd()));
        assertEquals("Content-Type: text/plain; charset=utf-8\r\n\r\n",
                slice(raw, plain.headerStart(), plain.bodyStart()), "BODY[1.MIME]");
        assertTrue(slice(raw, html.bodyStart(), html.bodyEnd()).startsWith("<html>"));
        assertTrue(slice(raw, html.bodyStart(), html.bodyEnd()).endsWith("</html>"));
        assertEquals(1, plain.lines());
        assertEquals("utf-8", plain.charset());
        assertEquals(slice(raw, s.headerLength(), raw.length), slice(raw, root.bodyStart(), root.bodyEnd()),
                "BODY[TEXT] includes preamble and epilogue");

        assertEquals(List.of("1"), s.textBody());
        assertEquals(List.of("2"), s.htmlBody());
        assertEquals(List.of(), s.attachments());
        assertEquals("plain text", s.preview());
        assertEquals(List.of("1:text/plain:plain text"), indexed, "only the first alternative is indexed");
    }

    @Test
    void mixedWithAttachmentsAndNestedMessage() {
        byte[] raw = Corpus.MIXED;
        MessageSummary s = parse(raw);

        assertEquals(List.of("1", "2", "3"), s.body().children().stream().map(BodyPart::partId).toList());
        assertEquals("See attached.", slice(raw, part(s, "1").bodyStart(), part(s, "1").bodyEnd()));

        BodyPart pdf = part(s, "2");
        assertEquals("application/pdf", pdf.mimeType());
        assertEquals("base64", pdf.encoding());
        assertEquals("attachment", pdf.disposition());
        assertEquals("doc.pdf", pdf.name());
        assertEquals(Map.of("name", "doc.pdf"), pdf.parameters());
        assertEquals(Map.of("filename", "doc.pdf"), pdf.dispositionParameters());
        assertEquals("JVBERi0xLjQK", slice(raw, pdf.bodyStart(), pdf.bodyEnd()));
        assertEquals("%PDF-1.4\n".length(), pdf.decodedSize());

        BodyPart rfc822 = part(s, "3");
        assertEquals("message/rfc822", rfc822.mimeType());
        assertEquals("forwarded", rfc822.description());
        String inner = slice(raw, rfc822.bodyStart(), rfc822.bodyEnd());
        assertTrue(inner.startsWith("From: Carol"), inner);
        assertTrue(inner.endsWith("--inner--"), "the CRLF before --outer-- belongs to the delimiter");
        assertEquals(inner.split("\r\n", -1).length, rfc822.lines());
        EmbeddedMessage message = rfc822.message();
        assertNotNull(message);
        assertEquals("Inner", message.envelope().subject());
        assertEquals("carol@example.net", message.envelope().from().get(0).address());
        assertEquals(OffsetDateTime.of(2019, 1, 1, 10, 0, 0, 0, ZoneOffset.ofHours(1)), message.envelope().date());
        BodyPart innerRoot = message.body();
        assertEquals("3", innerRoot.partId(), "a multipart inside message 3 numbers its parts 3.1, 3.2");
        assertEquals(rfc822.bodyStart(), innerRoot.headerStart());
        assertTrue(slice(raw, innerRoot.headerStart(), innerRoot.bodyStart()).endsWith("boundary=inner\r\n\r\n"),
                "BODY[3.HEADER]");
        assertEquals("inner text", slice(raw, part(s, "3.1").bodyStart(), part(s, "3.1").bodyEnd()));
        BodyPart png = part(s, "3.2");
        assertEquals("iVBORw0KGgo=", slice(raw, png.bodyStart(), png.bodyEnd()));
        assertEquals(8, png.decodedSize());
        assertEquals("pic.png", png.name());
        assertEquals(rfc822, s.part("3").orElseThrow(), "the message part wins over its multipart");

        assertEquals(List.of("1"), s.textBody());
        assertEquals(List.of("1"), s.htmlBody());
        assertEquals(List.of("2", "3"), s.attachments(), "a message/rfc822 part is an attachment");
        assertTrue(s.hasAttachment());
        assertEquals("See attached.", s.preview());
    }

    @Test
    void singlePartMessageInsideSinglePartMessage() {
        byte[] raw = Corpus.SINGLE_MESSAGE;
        MessageSummary s = parse(raw);
        BodyPart one = s.body();
        assertEquals("1", one.partId());
        assertEquals("message/rfc822", one.mimeType());
        BodyPart inner = one.message().body();
        assertEquals("1.1", inner.partId(), "the body of the message in part 1 is 1.1");
        assertEquals("original body\r\n", slice(raw, inner.bodyStart(), inner.bodyEnd()));
        assertEquals("Original", one.message().envelope().subject());
        assertEquals(raw.length, one.bodyEnd());
        assertEquals(List.of("1"), s.attachments());
    }

    @Test
    void rfc2231ContinuationsWithCharset() {
        byte[] raw = Corpus.RFC2231;
        MessageSummary s = parse(raw);
        BodyPart one = part(s, "1");
        assertEquals("日本語.txt", one.parameters().get("name"));
        assertEquals("Résumé final version+notes.pdf", one.dispositionParameters().get("filename"),
                "sections joined in numeric order; only starred ones percent-decoded; '+' kept");
        assertEquals("Résumé final version+notes.pdf", one.name(), "the disposition's filename wins");
        assertEquals("data", slice(raw, one.bodyStart(), one.bodyEnd()));

        BodyPart two = part(s, "2");
        assertEquals("£rates", two.charset(), "an RFC 2231 value in another charset");
        assertEquals("Übersicht.txt", two.name(), "RFC 2047 in a name parameter, as mailers write it");
    }

    @Test
    void encodedWordSubjectsAndNames() {
        MessageSummary s = parse(Corpus.ENCODED_WORDS);
        MessageEnvelope e = s.envelope();
        assertEquals("Re: Café au laitç and more", e.subject(), "Q and B words; adjacent words joined");
        assertEquals("Re: =?UTF-8?Q?Caf=C3=A9_au_lait?= =?ISO-8859-1?B?5w==?= and more", e.subjectRaw());
        assertEquals("Café au laitç and more", s.baseSubject());
        assertEquals("Jörg", e.from().get(0).name());
        assertEquals("François", e.to().get(0).name());
    }

    @Test
    void utf8RawHeaders() {
        byte[] raw = Corpus.UTF8_HEADERS;
        MessageSummary s = parse(raw);
        MessageEnvelope e = s.envelope();
        assertEquals(new MailAddress("Jörg Müller", "jörg", "exämple.de", null), e.from().get(0));
        assertEquals(new MailAddress("李", "li", "例子.中国", null), e.to().get(0));
        assertEquals("Grüße aus Köln", e.subject());
        assertEquals("übersicht.txt", s.body().name());
        assertEquals("inline", s.body().disposition());
        HeaderField subject = s.headers("subject").get(0);
        assertEquals(" Grüße aus Köln", subject.value());
        assertEquals("Subject: Grüße aus Köln\r\n", slice(raw, subject.offset(), subject.offset() + subject.length()),
                "offsets count octets, not characters");
        assertEquals("Grüße\r\n", slice(raw, s.body().bodyStart(), s.body().bodyEnd()));
        assertEquals("Grüße", s.preview());
    }

    @Test
    void eightBitHeaderThatIsNotUtf8() {
        byte[] raw = "Subject: caf\u00e9\r\n\r\nx".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("café", parse(raw).envelope().subject());
    }

    @Test
    void groupsInAddressLists() {
        MessageSummary s = parse(Corpus.GROUPS);
        assertEquals(List.of(
                new MailAddress(null, "a", "x.com", "Team"),
                new MailAddress("B", "b", "x.com", "Team"),
                new MailAddress(null, null, null, "undisclosed-recipients"),
                new MailAddress(null, "c", "y.com", null)), s.envelope().to());
        assertTrue(s.envelope().to().get(2).isGroupMarker());
        assertEquals(List.of(new MailAddress(null, null, null, "Empty")), s.envelope().cc());
    }

    @Test
    void missingClosingBoundary() {
        byte[] raw = Corpus.MISSING_CLOSE;
        MessageSummary s = parse(raw);
        assertEquals(2, s.body().children().size());
        assertEquals("one", slice(raw, part(s, "1").bodyStart(), part(s, "1").bodyEnd()));
        assertEquals("two\r\n", slice(raw, part(s, "2").bodyStart(), part(s, "2").bodyEnd()),
                "the last part runs to the end");
        assertEquals(raw.length, s.body().bodyEnd());
    }

    @Test
    void outerDelimiterEndsInnerMultipartWithoutClose() {
        byte[] raw = Corpus.NESTED_MISSING_CLOSE;
        MessageSummary s = parse(raw);
        assertEquals(List.of("1", "2"), s.body().children().stream().map(BodyPart::partId).toList());
        assertEquals("multipart/alternative", part(s, "1").mimeType());
        assertEquals("a", slice(raw, part(s, "1.1").bodyStart(), part(s, "1.1").bodyEnd()));
        assertTrue(slice(raw, part(s, "1").bodyStart(), part(s, "1").bodyEnd()).endsWith("\r\n\r\na"));
        assertEquals("b", slice(raw, part(s, "2").bodyStart(), part(s, "2").bodyEnd()));
    }

    @Test
    void noContentTypeMeansTextPlain() {
        MessageSummary s = parse(Corpus.NO_CONTENT_TYPE);
        assertEquals("text/plain", s.body().mimeType());
        assertEquals("us-ascii", s.body().charset());
        assertEquals("just text", s.preview());
    }

    @Test
    void unusableMultipartsBecomeOnePlainPart() {
        for (byte[] raw : List.of(Corpus.NO_BOUNDARY, Corpus.BOUNDARY_NEVER_FOUND)) {
            MessageSummary s = parse(raw);
            assertEquals("1", s.body().partId());
            assertEquals("text/plain", s.body().mimeType(), "RFC 2045 §5.2");
            assertTrue(s.body().children().isEmpty());
            assertEquals(raw.length, s.body().bodyEnd());
            assertEquals(List.of("1"), s.textBody());
        }
        MessageSummary garbage = parse(crlf("Content-Type: garbage\n\nx"));
        assertEquals("text/plain", garbage.body().mimeType());
    }

    @Test
    void digestPartsDefaultToMessages() {
        byte[] raw = Corpus.DIGEST;
        MessageSummary s = parse(raw);
        BodyPart first = part(s, "1");
        assertEquals("message/rfc822", first.mimeType(), "RFC 2046 §5.1.5");
        assertEquals("first", first.message().envelope().subject());
        assertEquals("one", slice(raw, part(s, "1.1").bodyStart(), part(s, "1.1").bodyEnd()));
        assertEquals("text/plain", part(s, "2").mimeType());
    }

    @Test
    void badEncodingsAndCharsetsNeverFail() {
        byte[] raw = Corpus.BAD_BASE64;
        MessageSummary s = parse(raw);
        assertEquals(3, s.body().children().size());
        BodyPart b64 = part(s, "1");
        assertEquals("x-no-such-charset", b64.charset());
        assertTrue(b64.decodedSize() >= 0, "mime4j's lenient decoder skips what is not base64");
        assertTrue(s.preview().startsWith("Hello"), s.preview());
        BodyPart qp = part(s, "2");
        assertTrue(qp.decodedSize() > 0);
        BodyPart uu = part(s, "3");
        assertEquals(-1, uu.decodedSize(), "an unknown transfer encoding has no BINARY size");
        assertEquals("begin 644 x", slice(raw, uu.bodyStart(), uu.bodyEnd()));
    }

    @Test
    void htmlPreviewIsText() {
        MessageSummary s = parse(Corpus.HTML_ONLY);
        assertEquals("Café Line one line two ☺ &bogus; <3", s.preview());
        assertEquals(List.of("1"), s.textBody(), "an HTML-only message offers its HTML as text body");
        assertEquals(List.of("1"), s.htmlBody());
    }

    @Test
    void previewIsBoundedAndCollapsed() {
        String words = "word \t\r\n ".repeat(200);
        MessageSummary s = parse(crlf("Subject: p\n\n\n\n   " + words));
        assertEquals(256, s.preview().length());
        assertTrue(s.preview().startsWith("word word"));
        assertFalse(s.preview().contains("\n"));
        assertFalse(s.preview().contains("  "));
    }

    @Test
    void lfOnlyLineEnds() {
        byte[] raw = Corpus.LF_ONLY;
        MessageSummary s = parse(raw);
        assertEquals(raw.length, s.size());
        BodyPart one = part(s, "1");
        assertEquals("one\nline", slice(raw, one.bodyStart(), one.bodyEnd()));
        assertEquals("Content-Type: text/plain\n\n", slice(raw, one.headerStart(), one.bodyStart()));
        assertEquals(2, one.lines());
        assertEquals("two", slice(raw, part(s, "2").bodyStart(), part(s, "2").bodyEnd()));
    }

    @Test
    void mixedLineEnds() {
        byte[] raw = Corpus.MIXED_LINE_ENDS;
        MessageSummary s = parse(raw);
        assertEquals("one\ntwo", slice(raw, part(s, "1").bodyStart(), part(s, "1").bodyEnd()));
        assertEquals("Content-Type: text/plain\n\n", slice(raw, part(s, "1").headerStart(), part(s, "1").bodyStart()));
        assertEquals("three", slice(raw, part(s, "2").bodyStart(), part(s, "2").bodyEnd()));
        assertEquals(raw.length, s.size());
    }

    @Test
    void emptyPartsAndHeaderWithoutBody() {
        byte[] raw = Corpus.EMPTY_PARTS;
        MessageSummary s = parse(raw);
        assertEquals(3, s.body().children().size());
        for (BodyPart p : s.body().children()) {
            assertEquals(0, p.size(), p.partId());
        }
        assertEquals("Content-Type: text/plain", slice(raw, part(s, "2").headerStart(), part(s, "2").bodyStart()),
                "a header cut short by a delimiter keeps no line break: it belongs to the delimiter");

        MessageSummary h = parse(Corpus.HEADER_ONLY);
        assertEquals(Corpus.HEADER_ONLY.length, h.headerLength());
        assertEquals(0, h.body().size());
        assertEquals("no body", h.envelope().subject());
        assertEquals("a@b.c", h.envelope().from().get(0).address());

        MessageSummary empty = parse(new byte[0]);
        assertEquals(0, empty.size());
        assertEquals("1", empty.body().partId());
        assertEquals(MessageEnvelope.EMPTY, empty.envelope());
    }

    @Test
    void truncatedMessagesNeverFail() {
        for (byte[] whole : Corpus.all().values()) {
            for (int cut = 0; cut < whole.length; cut += Math.max(1, whole.length / 97)) {
                byte[] raw = java.util.Arrays.copyOf(whole, cut);
                MessageSummary s = parse(raw);
                assertEquals(cut, s.size());
                for (BodyPart p : s.body().flatten()) {
                    assertTrue(p.bodyEnd() <= cut);
                }
            }
        }
    }

    @Test
    void hugeHeaderCountsStayBounded() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            sb.append("Received: from host").append(i).append(".example.com by mx\n");
        }
        sb.append("Subject: after many\nFrom: late@example.com\n\nbody\n");
        byte[] raw = crlf(sb.toString());
        MessageSummary s = parse(raw);
        assertTrue(s.headersTruncated());
        int kept = s.headers().stream().mapToInt(HeaderField::length).sum();
        assertTrue(kept <= ParserLimits.DEFAULTS.maxHeaderBytes(), "kept " + kept);
        assertEquals("after many", s.envelope().subject(), "fields past the kept ones still count");
        assertEquals("late@example.com", s.envelope().from().get(0).address());
        assertEquals("body\r\n", slice(raw, s.body().bodyStart(), s.body().bodyEnd()));
    }

    @Test
    void oneEnormousHeaderField() {
        String to = "To: " + "x@example.com, ".repeat(50_000) + "last@example.com\n";
        byte[] raw = crlf("Subject: s\n" + to + "\nbody");
        MessageSummary s = parse(raw);
        assertTrue(s.headersTruncated());
        assertEquals(1, s.headers().size());
        assertFalse(s.envelope().to().isEmpty(), "the field's first part is still read");
        assertEquals("body", slice(raw, s.body().bodyStart(), s.body().bodyEnd()));
    }

    @Test
    void textSinkGetsDecodedTextWithinTheBudget() throws IOException {
        byte[] raw = Corpus.MIXED;
        List<String> texts = new ArrayList<>();
        parseWithText(raw, ParserLimits.DEFAULTS, texts);
        assertEquals(List.of("1:text/plain:See attached.", "3.1:text/plain:inner text"), texts);

        List<String> cut = new ArrayList<>();
        parseWithText(raw, new ParserLimits(20, 1024, 1000, 5), cut);
        assertEquals(List.of("1:text/plain:See a"), cut);

        List<String> html = new ArrayList<>();
        parseWithText(Corpus.HTML_ONLY, ParserLimits.DEFAULTS, html);
        assertEquals(List.of("1:text/html:Café\nLine one\nline two ☺ &bogus; <3"), html);
    }

    @Test
    void sinkExceptionsPropagate() {
        TextSink failing = (id, type, text) -> {
            throw new IllegalStateException("index down");
        };
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> parser.parse(new ByteArrayInputStream(Corpus.SIMPLE), ParserLimits.DEFAULTS, failing));
        assertEquals("index down", e.getMessage());
    }

    @Test
    void readFailuresPropagate() {
        java.io.InputStream broken = new java.io.InputStream() {
            private int n;

            @Override
            public int read() throws IOException {
                if (n++ > 10) {
                    throw new IOException("disk gone");
                }
                return 'a';
            }
        };
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> parser.parse(broken, ParserLimits.DEFAULTS));
        assertEquals("disk gone", e.getMessage());
    }

    @Test
    void threadingFields() {
        MessageSummary s = parse(crlf("""
                Message-ID: <a@b> (comment)
                In-Reply-To: <parent@x> (Some One's message)
                References: <root@x>
                 <mid@x> garbage <parent@x>
                Subject: [list] Re: Fwd: Topic (fwd)

                x
                """));
        assertEquals(List.of("a@b"), s.envelope().messageIds());
        assertEquals(List.of("parent@x"), s.envelope().inReplyTo());
        assertEquals(List.of("root@x", "mid@x", "parent@x"), s.envelope().references());
        assertEquals("<parent@x> (Some One's message)", s.envelope().inReplyToRaw());
        assertEquals("Topic", s.baseSubject());
        assertEquals(List.of("bare@id.example"), parse(crlf("Message-ID: bare@id.example\n\nx"))
                .envelope().messageIds());
    }

    static MessageSummary parseWithText(byte[] raw, ParserLimits limits, List<String> out) {
        try {
            return new MessageParser().parse(new ByteArrayInputStream(raw), limits,
                    (id, type, text) -> out.add(id + ":" + type + ":" + text));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
