package dev.hermod.core.internal.mail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HeaderIndexerTest {

    private static IndexedMessage index(String message, int chunk) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        MessageIndexer.Sink sink = new HeaderIndexer().open();
        for (int i = 0; i < bytes.length; i += chunk) {
            sink.write(bytes, i, Math.min(chunk, bytes.length - i));
        }
        return sink.finish();
    }

    @Test
    void readsTheThreadingFieldsWhateverTheReadSizes() {
        String message = "Received: from x\r\n  by y\r\nMessage-ID:\r\n <abc@example.org>\r\nIn-Reply-To: Bob's"
                + " note <p1@x> (comment)\r\nReferences: <r1@x>\r\n\t<r2@x> <p1@x>\r\nSubject: =?UTF-8?Q?Re:_Caf=C3=A9?="
                + " =?UTF-8?B?IHRvZGF5?=\r\nDate: Tue, 5 Mar 2024 09:08:07 -0500 (EST)\r\n\r\nBody: <not@header>\r\n";
        for (int chunk : List.of(1, 2, 7, 4096)) {
            IndexedMessage m = index(message, chunk);
            assertEquals("abc@example.org", m.messageId());
            assertEquals(List.of("p1@x"), m.inReplyTo());
            assertEquals(List.of("r1@x", "r2@x", "p1@x"), m.references());
            assertEquals("Café today", m.baseSubject());
            assertEquals(Instant.parse("2024-03-05T14:08:07Z"), m.date());
            String summary = new String(m.summary(), 1, m.summary().length - 1, StandardCharsets.UTF_8);
            assertEquals(HeaderIndexer.FORMAT, m.summary()[0]);
            assertEquals(message.substring(0, message.indexOf("\r\n\r\n") + 2), summary, "the header section, chunk " + chunk);
        }
    }

    @Test
    void toleratesMalformedInput() {
        IndexedMessage empty = index("", 10);
        assertNull(empty.messageId());
        assertEquals("", empty.baseSubject());
        assertNull(empty.date());
        IndexedMessage junk = index("no colon here\nMessage-ID: bare-id\nDate: yesterday\nSubject\n\nbody", 3);
        assertEquals("bare-id", junk.messageId());
        assertNull(junk.date());
        IndexedMessage lf = index("Subject: [list] Fwd: hello (fwd)\nDate: 1 Jan 99 00:00 GMT\n\nbody", 5);
        assertEquals("hello", lf.baseSubject());
        assertEquals(Instant.parse("1999-01-01T00:00:00Z"), lf.date());
        byte[] random = new byte[20_000];
        new Random(1).nextBytes(random);
        MessageIndexer.Sink sink = new HeaderIndexer().open();
        sink.write(random, 0, random.length);
        sink.finish(); // no exception
    }

    @Test
    void keepsAtMostTheHeaderLimit() {
        byte[] huge = new byte[HeaderIndexer.MAX_HEADER + 1000];
        Arrays.fill(huge, (byte) 'a');
        MessageIndexer.Sink sink = new HeaderIndexer().open();
        sink.write(huge, 0, huge.length);
        assertEquals(HeaderIndexer.MAX_HEADER + 1, sink.finish().summary().length);
    }

    @Test
    void baseSubjectsFollowRfc5256() {
        assertEquals("Hello", BaseSubject.of("Re: RE: Fwd: Hello"));
        assertEquals("Hello", BaseSubject.of("Re[2]: [list] Hello (fwd)"));
        assertEquals("Hello world", BaseSubject.of("[Fwd: Re: Hello   world]"));
        assertEquals("[only a blob]", BaseSubject.of("[only a blob]"));
        assertEquals("Really: no", BaseSubject.of("Really: no"));
        assertEquals("", BaseSubject.of(null));
    }

    @Test
    void encodedWordsThatCannotBeDecodedStayAsTheyAre() {
        assertEquals("=?nope?Q?x?=", EncodedWords.decode("=?nope?Q?x?="));
        assertEquals("ab", EncodedWords.decode("=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?="));
        assertArrayEquals(new byte[] {(byte) 0xE9}, EncodedWords.decode("=?ISO-8859-1?Q?=E9?=").getBytes(StandardCharsets.ISO_8859_1));
    }
}
