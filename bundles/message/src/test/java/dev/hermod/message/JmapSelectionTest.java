package dev.hermod.message;

import static dev.hermod.message.Corpus.crlf;
import static dev.hermod.message.MessageParserTest.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import dev.hermod.api.message.BodyPart;
import dev.hermod.api.message.MessageSummary;
import org.junit.jupiter.api.Test;

/** JMAP textBody, htmlBody and attachments (RFC 8621 §4.1.4) and the IMAP part numbers behind them. */
class JmapSelectionTest {

    /**
     * The structure of RFC 8621 §4.1.4's example; each leaf's body is its letter.
     *
     * <pre>
     * multipart/mixed
     *   text/plain, disposition=inline           A  1
     *   multipart/mixed                             2
     *     multipart/alternative                     2.1
     *       multipart/mixed                         2.1.1
     *         text/plain, disposition=inline     B  2.1.1.1
     *         image/jpeg, disposition=inline     C  2.1.1.2
     *         text/plain, disposition=inline     D  2.1.1.3
     *       multipart/related                       2.1.2
     *         text/html                          E  2.1.2.1
     *         image/jpeg                         F  2.1.2.2
     *     image/jpeg, disposition=attachment     G  2.2
     *     application/x-excel                    H  2.3
     *     message/rfc822                         J  2.4
     *   text/plain, disposition=inline           K  3
     * </pre>
     */
    static final byte[] RFC_EXAMPLE = crlf("""
            Subject: RFC 8621 example
            Content-Type: multipart/mixed; boundary=m1

            --m1
            Content-Type: text/plain
            Content-Disposition: inline

            A
            --m1
            Content-Type: multipart/mixed; boundary=m2

            --m2
            Content-Type: multipart/alternative; boundary=alt

            --alt
            Content-Type: multipart/mixed; boundary=m3

            --m3
            Content-Type: text/plain
            Content-Disposition: inline

            B
            --m3
            Content-Type: image/jpeg
            Content-Disposition: inline

            C
            --m3
            Content-Type: text/plain
            Content-Disposition: inline

            D
            --m3--
            --alt
            Content-Type: multipart/related; boundary=rel

            --rel
            Content-Type: text/html

            E
            --rel
            Content-Type: image/jpeg

            F
            --rel--
            --alt--
            --m2
            Content-Type: image/jpeg
            Content-Disposition: attachment

            G
            --m2
            Content-Type: application/x-excel

            H
            --m2
            Content-Type: message/rfc822

            Subject: J

            J
            --m2--
            --m1
            Content-Type: text/plain
            Content-Disposition: inline

            K
            --m1--
            """);

    @Test
    void rfc8621Example() {
        MessageSummary s = parse(RFC_EXAMPLE);
        assertEquals(List.of("A", "B", "C", "D", "K"), letters(s, s.textBody()));
        assertEquals(List.of("A", "E", "K"), letters(s, s.htmlBody()));
        assertEquals(List.of("C", "F", "G", "H", "J"), letters(s, s.attachments()));
        assertEquals(List.of("1", "2.1.1.1", "2.1.1.2", "2.1.1.3", "3"), s.textBody());
        assertEquals(List.of("1", "2.1.2.1", "3"), s.htmlBody());
        assertEquals(List.of("2.1.1.2", "2.1.2.2", "2.2", "2.3", "2.4"), s.attachments());
        assertTrue(s.hasAttachment());
        assertEquals("A", s.preview());
    }

    @Test
    void partNumbersFollowImapSections() {
        MessageSummary s = parse(RFC_EXAMPLE);
        List<String> ids = s.body().flatten().stream().map(BodyPart::partId).toList();
        assertEquals(List.of("", "1", "2", "2.1", "2.1.1", "2.1.1.1", "2.1.1.2", "2.1.1.3", "2.1.2", "2.1.2.1",
                "2.1.2.2", "2.2", "2.3", "2.4", "2.4.1", "3"), ids);
    }

    @Test
    void inlineImagesOnlyCountAsAttachmentsOutsideInlineBodies() {
        MessageSummary s = parse(crlf("""
                Content-Type: multipart/related; boundary=r

                --r
                Content-Type: text/html

                <img src="cid:i1">
                --r
                Content-Type: image/png
                Content-ID: <i1>
                Content-Disposition: inline

                P
                --r--
                """));
        assertEquals(List.of("1"), s.htmlBody());
        assertEquals(List.of("1"), s.textBody());
        assertEquals(List.of("2"), s.attachments(), "in multipart/related only the first part is inline");
        assertFalse(s.hasAttachment(), "an inline-disposed part is not offered as an attachment");
        assertEquals("i1", s.part("2").orElseThrow().cid());
    }

    @Test
    void namedTextAfterTheFirstPartIsAnAttachment() {
        MessageSummary s = parse(crlf("""
                Content-Type: multipart/mixed; boundary=x

                --x
                Content-Type: text/plain

                body
                --x
                Content-Type: text/plain; name=notes.txt

                notes
                --x
                Content-Type: image/gif

                G
                --x--
                """));
        assertEquals(List.of("1", "3"), s.textBody(), "an image in a mixed body is inline");
        assertEquals(List.of("1", "3"), s.htmlBody());
        assertEquals(List.of("2"), s.attachments());
    }

    @Test
    void alternativeWithOnlyHtmlFillsTextBody() {
        MessageSummary s = parse(crlf("""
                Content-Type: multipart/alternative; boundary=a

                --a
                Content-Type: text/html

                <p>only html</p>
                --a--
                """));
        assertEquals(List.of("1"), s.textBody());
        assertEquals(List.of("1"), s.htmlBody());
        assertEquals("only html", s.preview());
    }

    private static List<String> letters(MessageSummary s, List<String> ids) {
        return ids.stream().map(id -> {
            BodyPart p = s.part(id).orElseThrow();
            String body = Corpus.slice(RFC_EXAMPLE, p.bodyStart(), p.bodyEnd());
            return p.message() != null ? p.message().envelope().subject() : body;
        }).toList();
    }
}
