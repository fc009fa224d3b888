package dev.hermod.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import dev.hermod.api.message.BodyPart;
import dev.hermod.api.message.MessageSummary;
import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * mime4j's DOM parser as an oracle: for well-formed messages our tree has its shape and types, and each
 * leaf's offsets, decoded as IMAP BINARY would, give the octets mime4j decodes.
 */
class Mime4jCrossCheckTest {

    static Stream<Arguments> wellFormed() {
        return Stream.of("simple", "alternative", "mixed", "single-message", "rfc2231", "lf-only",
                        "mixed-line-ends", "digest", "jmap-example", "deep", "utf8-headers", "html-only",
                        "nested-missing-close", "missing-close")
                .map(name -> Arguments.of(name, Corpus.all().get(name)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wellFormed")
    void agreesWithMime4j(String name, byte[] raw) throws IOException {
        MessageSummary s = new MessageParser().parse(new ByteArrayInputStream(raw),
                new ParserLimits(50, 64 * 1024, 1000, 0));
        Message m = new DefaultMessageBuilder().parseMessage(new ByteArrayInputStream(raw));
        compare(m, s.body(), raw);
    }

    private static void compare(Entity entity, BodyPart part, byte[] raw) throws IOException {
        assertEquals(entity.getMimeType(), part.mimeType(), part.partId());
        Body body = entity.getBody();
        if (body instanceof Multipart multipart) {
            List<Entity> children = multipart.getBodyParts();
            assertEquals(children.size(), part.children().size(), part.partId());
            for (int i = 0; i < children.size(); i++) {
                compare(children.get(i), part.children().get(i), raw);
            }
        } else if (body instanceof Message message) {
            assertNotNull(part.message(), part.partId());
            compare(message, part.message().body(), raw);
        } else {
            byte[] expected = ((SingleBody) body).getInputStream().readAllBytes();
            byte[] actual = decode(part, raw);
            assertArrayEquals(expected, actual, () -> part.partId() + ": "
                    + new String(expected) + " / " + new String(actual));
            assertEquals(expected.length, part.decodedSize(), part.partId());
        }
    }

    private static byte[] decode(BodyPart part, byte[] raw) throws IOException {
        InputStream in = new ByteArrayInputStream(Arrays.copyOfRange(raw, (int) part.bodyStart(), (int) part.bodyEnd()));
        in = switch (part.encoding()) {
            case "base64" -> new Base64InputStream(in, DecodeMonitor.SILENT);
            case "quoted-printable" -> new QuotedPrintableInputStream(in, DecodeMonitor.SILENT);
            default -> in;
        };
        return in.readAllBytes();
    }
}
