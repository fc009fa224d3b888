package dev.hermod.core.internal.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.filter.HeaderChange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeaderEditorTest {

    private static final String MESSAGE = "Received: from a\r\n\tby b; Mon, 1 Jan 2024 00:00:00 +0000\r\n"
            + "Subject: first\r\n line two\r\nX-Tag: 1\r\nX-Tag: 2\r\nX-Tag: 3\r\n\r\nbody\r\nX-Tag: 4\r\n";

    @TempDir
    Path dir;

    private SpooledMessage spool(String text) throws IOException {
        return SpooledMessage.of(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), dir);
    }

    private static String read(SpooledMessage m) throws IOException {
        try (InputStream in = m.open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void headerValuesAreUnfoldedAndTheBodyIsNotHeader() throws IOException {
        try (SpooledMessage m = spool(MESSAGE)) {
            assertEquals(List.of("first line two"), m.header("subject"));
            assertEquals(List.of("1", "2", "3"), m.header("X-TAG"));
            assertEquals(List.of("from a\tby b; Mon, 1 Jan 2024 00:00:00 +0000"), m.header("Received"));
            assertEquals(MESSAGE.length(), m.size());
        }
    }

    @Test
    void changesApplyInOrderAndKeepTheBodyExact() throws IOException {
        try (SpooledMessage m = spool(MESSAGE);
             SpooledMessage edited = HeaderEditor.apply(m, List.of(
                     HeaderChange.addFirst("X-Spam-Flag", "YES"),
                     HeaderChange.addFirst("X-Spam-Score", "7.1"),
                     HeaderChange.remove("X-Tag", 2),
                     HeaderChange.replace("X-Tag", 2, "three"),
                     HeaderChange.addLast("X-Last", "end")), dir)) {
            assertEquals("X-Spam-Flag: YES\r\nX-Spam-Score: 7.1\r\n"
                    + "Received: from a\r\n\tby b; Mon, 1 Jan 2024 00:00:00 +0000\r\n"
                    + "Subject: first\r\n line two\r\nX-Tag: 1\r\nX-Tag: three\r\nX-Last: end\r\n"
                    + "\r\nbody\r\nX-Tag: 4\r\n", read(edited));
            try (SpooledMessage removed = HeaderEditor.apply(edited, List.of(HeaderChange.remove("x-tag")), dir)) {
                assertEquals(List.of(), removed.header("X-Tag"));
                assertTrue(read(removed).endsWith("\r\n\r\nbody\r\nX-Tag: 4\r\n"));
            }
        }
    }

    @Test
    void longValuesAreFoldedAtWhiteSpace() throws IOException {
        String value = "mx.example.org; spf=pass smtp.mailfrom=example.com; dkim=pass header.d=example.com"
                + " header.s=selector1 header.b=AbCdEfGh; dmarc=pass (p=reject) header.from=example.com";
        try (SpooledMessage m = spool("Subject: x\r\n\r\nbody\r\n");
             SpooledMessage edited = HeaderEditor.apply(m, List.of(HeaderChange.addFirst("Authentication-Results",
                     value)), dir)) {
            String text = read(edited);
            String field = text.substring(0, text.indexOf("Subject:"));
            for (String line : field.split("\r\n")) {
                assertTrue(line.length() <= HeaderEditor.FOLD_AT, line);
            }
            assertEquals(List.of(value), edited.header("Authentication-Results"));
        }
    }

    @Test
    void bodyReplacementKeepsTheHeader() throws IOException {
        try (SpooledMessage m = spool(MESSAGE);
             SpooledMessage replaced = HeaderEditor.replaceBody(m, () -> new ByteArrayInputStream(
                     "new body\r\n".getBytes(StandardCharsets.US_ASCII)), dir)) {
            assertEquals(MESSAGE.substring(0, MESSAGE.indexOf("\r\n\r\n") + 4) + "new body\r\n", read(replaced));
        }
    }
}
