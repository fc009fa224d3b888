package dev.hermod.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import dev.hermod.api.message.BodyPart;
import dev.hermod.api.message.EmbeddedMessage;
import dev.hermod.api.message.HeaderField;
import dev.hermod.api.message.MailAddress;
import dev.hermod.api.message.MessageEnvelope;
import dev.hermod.api.message.MessageSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SummaryCodecTest {

    static Stream<Arguments> corpus() {
        return Corpus.all().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void roundTripsEveryCorpusMessage(String name, byte[] raw) {
        MessageSummary s = MessageParserTest.parse(raw);
        byte[] encoded = SummaryCodec.encode(s);
        assertEquals(SummaryCodec.FORMAT_VERSION, encoded[0]);
        MessageSummary back = SummaryCodec.decode(encoded);
        assertEquals(s, back);
        assertArrayEquals(encoded, SummaryCodec.encode(back), "encoding is deterministic");
    }

    @Test
    void everyComponentSurvives() {
        MessageEnvelope envelope = new MessageEnvelope("Thu, 1 Jan 2015 00:00:00 +0530",
                OffsetDateTime.of(2015, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHoursMinutes(5, 30)), "=?x?=", "subject ✓",
                List.of(new MailAddress("N", "l", "d", null)), List.of(), null,
                List.of(new MailAddress(null, null, null, "g"), new MailAddress(null, "m", null, "g")),
                null, null, "<id>", "<p>", List.of("id"), List.of("p"), List.of("r1", "r2"));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("charset", "utf-8");
        params.put("format", "flowed");
        BodyPart leaf = new BodyPart("1.1", "text", "plain", params, "<c>", "desc", "quoted-printable", 3, 42,
                "md5==", "inline", Map.of("filename", "a.txt"), List.of("en", "de"), "http://x/", "utf-8", "a.txt",
                100, 130, 200, List.of(), null);
        BodyPart inner = new BodyPart("1", "multipart", "mixed", Map.of("boundary", "b"), null, null, "7bit", 9,
                -1, null, null, Map.of(), List.of(), null, null, null, 60, 99, 250, List.of(leaf), null);
        BodyPart root = new BodyPart("1", "message", "rfc822", Map.of(), null, null, "8bit", 12, 5000000000L,
                null, null, Map.of(), List.of(), null, null, null, 0, 60, 5_000_000_060L, List.of(),
                new EmbeddedMessage(MessageEnvelope.EMPTY, inner));
        MessageSummary s = new MessageSummary(5_000_000_060L, 60, envelope, "subject ✓",
                List.of(new HeaderField("Subject", " x", 0, 11)), true, root, "preview", true,
                List.of("1.1"), List.of(), List.of("1"));
        assertEquals(s, SummaryCodec.decode(SummaryCodec.encode(s)));
        assertEquals(ZoneOffset.ofHoursMinutes(5, 30),
                SummaryCodec.decode(SummaryCodec.encode(s)).envelope().date().getOffset());
    }

    @Test
    void compact() {
        MessageSummary s = MessageParserTest.parse(Corpus.MIXED);
        int headers = s.headers().stream().mapToInt(h -> h.name().length() + h.value().length()).sum();
        int entities = s.body().flatten().size();
        int encoded = SummaryCodec.encode(s).length;
        // seven entities, two envelopes and three header fields: about 70 octets an entity beside the text
        assertTrue(encoded < headers + 80 * entities, "encoded " + encoded + " bytes");
    }

    @Test
    void newerVersionsAreRefusedWithAClearMessage() {
        byte[] encoded = SummaryCodec.encode(MessageParserTest.parse(Corpus.SIMPLE));
        encoded[0] = 2;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SummaryCodec.decode(encoded));
        assertTrue(e.getMessage().contains("format 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SummaryCodec.decode(new byte[0]));
    }

    @Test
    void corruptBytesFailCleanly() {
        byte[] encoded = SummaryCodec.encode(MessageParserTest.parse(Corpus.MIXED));
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            byte[] bad = Arrays.copyOf(encoded, encoded.length);
            if (i % 2 == 0) {
                bad = Arrays.copyOf(bad, 1 + random.nextInt(bad.length - 1));
            } else {
                bad[1 + random.nextInt(bad.length - 1)] = (byte) random.nextInt(256);
            }
            try {
                SummaryCodec.decode(bad);
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage().startsWith("Corrupt message summary"), expected.getMessage());
            }
        }
    }
}
