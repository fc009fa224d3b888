package dev.hermod.message.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import dev.hermod.api.message.BodyPart;
import dev.hermod.api.message.MessageSummary;
import dev.hermod.message.CorpusAccess;
import dev.hermod.message.ParserLimits;
import dev.hermod.message.SummaryCodec;
import org.junit.jupiter.api.Test;

/**
 * Mutated corpus messages, parsed without the safety net: nothing throws and every summary keeps the
 * structural invariants the protocol layers rely on.
 */
class FuzzTest {

    private static final byte[][] SNIPPETS = {
        "\r\n".getBytes(StandardCharsets.US_ASCII), "\n".getBytes(StandardCharsets.US_ASCII),
        "--".getBytes(StandardCharsets.US_ASCII), "\r\n--outer--\r\n".getBytes(StandardCharsets.US_ASCII),
        "\r\n--b1\r\n".getBytes(StandardCharsets.US_ASCII), "\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
        "Content-Type: multipart/mixed; boundary=outer\r\n".getBytes(StandardCharsets.US_ASCII),
        "Content-Type: message/rfc822\r\n".getBytes(StandardCharsets.US_ASCII),
        "=?utf-8?b?".getBytes(StandardCharsets.US_ASCII), "\u00ff\u00fe".getBytes(StandardCharsets.ISO_8859_1),
        " \t".getBytes(StandardCharsets.US_ASCII), ":".getBytes(StandardCharsets.US_ASCII),
    };

    @Test
    void mutatedMessagesKeepTheInvariants() throws IOException {
        Random random = new Random(20240501);
        ParserLimits limits = new ParserLimits(6, 2048, 40, 4096);
        int runs = 0;
        for (byte[] seed : CorpusAccess.all()) {
            if (seed.length == 0) {
                continue;
            }
            for (int i = 0; i < 150; i++) {
                byte[] raw = mutate(seed, random);
                MessageSummary s = Summarizer.summarize(new ByteArrayInputStream(raw), limits,
                        (id, type, text) -> assertTrue(!text.isEmpty()), true);
                check(s, raw);
                runs++;
            }
        }
        assertTrue(runs > 1000);
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] raw = seed.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && raw.length > 0; e++) {
            int at = random.nextInt(raw.length);
            switch (random.nextInt(4)) {
                case 0 -> raw[at] = (byte) random.nextInt(256);
                case 1 -> raw = splice(raw, at, Math.min(raw.length, at + random.nextInt(20)), new byte[0]);
                case 2 -> raw = splice(raw, at, at, SNIPPETS[random.nextInt(SNIPPETS.length)]);
                default -> raw = java.util.Arrays.copyOf(raw, at);
            }
        }
        return raw;
    }

    private static byte[] splice(byte[] raw, int from, int to, byte[] insert) {
        byte[] out = new byte[raw.length - (to - from) + insert.length];
        System.arraycopy(raw, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(raw, to, out, from + insert.length, raw.length - to);
        return out;
    }

    static void check(MessageSummary s, byte[] raw) {
        assertEquals(raw.length, s.size());
        BodyPart root = s.body();
        assertEquals(0, root.headerStart());
        assertEquals(raw.length, root.bodyEnd());
        assertEquals(s.headerLength(), root.bodyStart());
        checkPart(root, raw.length);
        Set<String> leaves = new HashSet<>();
        for (BodyPart p : root.flatten()) {
            if (!p.isMultipart()) {
                assertTrue(leaves.add(p.partId()), "duplicate part number " + p.partId());
            }
        }
        for (List<String> ids : List.of(s.textBody(), s.htmlBody(), s.attachments())) {
            for (String id : ids) {
                assertTrue(s.part(id).isPresent(), id);
            }
        }
        assertTrue(s.preview().length() <= 256);
        assertEquals(s, SummaryCodec.decode(SummaryCodec.encode(s)));
    }

    private static void checkPart(BodyPart p, long size) {
        assertTrue(0 <= p.headerStart() && p.headerStart() <= p.bodyStart() && p.bodyStart() <= p.bodyEnd()
                && p.bodyEnd() <= size, p.toString());
        assertEquals(p.type().equals("multipart"), p.isMultipart(), p.partId() + " " + p.mimeType());
        long previousEnd = p.bodyStart();
        for (BodyPart c : p.children()) {
            assertTrue(c.headerStart() >= previousEnd && c.bodyEnd() <= p.bodyEnd(), c.partId());
            previousEnd = c.bodyEnd();
            assertTrue(c.partId().startsWith(p.partId().isEmpty() ? "" : p.partId() + "."), c.partId());
            checkPart(c, size);
        }
        if (p.message() != null) {
            BodyPart m = p.message().body();
            assertNotNull(p.message().envelope());
            assertEquals(p.bodyStart(), m.headerStart());
            assertEquals(p.bodyEnd(), m.bodyEnd());
            assertTrue(m.partId().equals(p.partId()) || m.partId().equals(p.partId() + ".1"), m.partId());
            checkPart(m, size);
        }
        assertTrue(p.lines() <= p.size() + 1);
        assertTrue(p.decodedSize() >= -1);
    }
}
