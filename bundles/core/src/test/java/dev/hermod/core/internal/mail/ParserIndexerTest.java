package dev.hermod.core.internal.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.message.MessageSummary;
import dev.hermod.message.ParserLimits;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParserIndexerTest {

    private final ParserIndexer indexer = new ParserIndexer(ParserLimits.DEFAULTS, 3000);

    @AfterEach
    void close() {
        indexer.close();
    }

    private IndexedMessage index(byte[] bytes, int chunk) throws IOException {
        try (MessageIndexer.Sink sink = indexer.open()) {
            for (int i = 0; i < bytes.length; i += chunk) {
                sink.write(bytes, i, Math.min(chunk, bytes.length - i));
            }
            return sink.finish();
        }
    }

    @Test
    void readsTheThreadingFieldsWhateverTheWriteSizes() throws IOException {
        byte[] message = ("Received: from x\r\n  by y\r\nMessage-ID:\r\n <abc@example.org>\r\nIn-Reply-To: Bob's"
                + " note <p1@x> (comment)\r\nReferences: <r1@x>\r\n\t<r2@x> <p1@x>\r\nSubject: =?UTF-8?Q?Re:_Caf=C3=A9?="
                + " =?UTF-8?B?IHRvZGF5?=\r\nDate: Tue, 5 Mar 2024 09:08:07 -0500 (EST)\r\n\r\nBody: <not@header>\r\n")
                .getBytes(StandardCharsets.UTF_8);
        for (int chunk : List.of(1, 2, 7, 4096)) {
            IndexedMessage m = index(message, chunk);
            assertEquals("abc@example.org", m.messageId());
            assertEquals(List.of("p1@x"), m.inReplyTo());
            assertEquals(List.of("r1@x", "r2@x", "p1@x"), m.references());
            assertEquals("Café today", m.summary().baseSubject());
            assertEquals(message.length, m.summary().size());
            assertEquals(Summaries.FORMAT_PARSED, m.stored()[0]);
            assertEquals(m.summary(), Summaries.decode(m.stored(), message.length));
        }
    }

    @Test
    void toleratesAnythingAndStreamsLargeMessages() throws IOException {
        IndexedMessage empty = index(new byte[0], 10);
        assertNull(empty.messageId());
        assertEquals(List.of(), empty.references());
        assertEquals(0, empty.summary().size());
        byte[] random = new byte[200_000];
        new Random(1).nextBytes(random);
        assertEquals(random.length, index(random, 8192).summary().size());
        // far more than the pipe holds: the writer waits for the parser, memory stays bounded
        byte[] big = new byte[40 << 20];
        Arrays.fill(big, (byte) 'a');
        byte[] header = "Subject: big\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, big, 0, header.length);
        MessageSummary s = index(big, 64 * 1024).summary();
        assertEquals(big.length, s.size());
        assertEquals("big", s.envelope().subject());
    }

    @Test
    void anAbandonedMessageReleasesItsParser() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int i = 0; i < 100; i++) {
                try (MessageIndexer.Sink sink = indexer.open()) {
                    byte[] part = new byte[100_000];
                    sink.write(part, 0, part.length);
                } // closed without finish: the parser thread is cancelled
            }
        });
    }

    @Test
    void aPipeWhoseReaderIsGoneNeverBlocksItsWriter() throws IOException {
        BytePipe pipe = new BytePipe();
        pipe.readerDone();
        byte[] chunk = new byte[1000];
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            for (int i = 0; i < BytePipe.CHUNKS * 4; i++) {
                pipe.write(chunk, 0, chunk.length);
            }
            pipe.end();
        });
        BytePipe waiting = new BytePipe();
        Thread.currentThread().interrupt();
        assertThrows(InterruptedIOException.class, waiting::read);
        assertTrue(Thread.interrupted(), "the interrupt stays set for the caller");
    }

    @Test
    void collectsTheTokensOfTheHeaderFieldsAndTheTextParts() throws IOException {
        byte[] message = ("From: Ann <ann@x.test>\r\nTo: Bob <bob@y.test>\r\nSubject: Hello World\r\n"
                + "Content-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\n"
                + "Content-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "Gr=FC=DFe aus M=FCnchen\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>Only HTML</p>\r\n--b--\r\n")
                .getBytes(StandardCharsets.UTF_8);
        List<String> tokens = index(message, 5).tokens();
        for (String t : List.of("shello", "sello", "so", "sworld", "fann", "fx", "ftest", "tbob", "ty", "xgrüße",
                "xmünchen", "xaus")) {
            assertTrue(tokens.contains(t), t);
        }
        assertTrue(tokens.stream().noneMatch(t -> t.startsWith("xhtml") || t.startsWith("xonly")), "one alternative");
        assertTrue(tokens.stream().noneMatch(t -> t.startsWith("xhello")), "header fields are not body");
        assertTrue(!tokens.contains(IndexTokens.INCOMPLETE));

        IndexTokens few = new IndexTokens(5);
        few.body("one two three four five six seven");
        List<String> capped = few.tokens(ParserIndexer.minimal(0));
        assertEquals(5, capped.size());
        byte[] longWord = ("Subject: " + "x".repeat(80) + "\r\n\r\nbody").getBytes(StandardCharsets.US_ASCII);
        assertTrue(index(longWord, 100).tokens().contains(IndexTokens.INCOMPLETE), "a header word cut short");
    }

    @Test
    void aMinimalSummaryCoversTheWholeMessage() {
        MessageSummary s = ParserIndexer.minimal(1234);
        assertEquals(1234, s.size());
        assertEquals(1234, s.body().bodyEnd());
        assertEquals(0, s.body().bodyStart());
        assertEquals(s, Summaries.decode(Summaries.encode(s), 1234));
    }
}
