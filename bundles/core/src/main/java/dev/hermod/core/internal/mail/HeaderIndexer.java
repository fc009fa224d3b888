package dev.hermod.core.internal.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The minimal {@link MessageIndexer}: keeps the header section (up to {@value #MAX_HEADER} octets) and
 * reads {@code Message-ID}, {@code In-Reply-To}, {@code References}, {@code Subject} and {@code Date} from
 * it with the JDK alone; the body is not looked at.
 *
 * <p>Summary format {@value #FORMAT}: that byte, then the raw header section as received (cut at
 * {@value #MAX_HEADER} octets). The mime4j parser will write its own format byte.
 */
final class HeaderIndexer implements MessageIndexer {

    static final int FORMAT = 1;
    static final int MAX_HEADER = 256 * 1024;

    @Override
    public Sink open() {
        return new HeaderSink();
    }

    private static final class HeaderSink implements Sink {
        private final ByteArrayOutputStream header = new ByteArrayOutputStream(4096);
        private boolean lineStart = true;
        /** A CR at the start of a line, held back until we know whether it begins the blank line. */
        private boolean pendingCarriageReturn;
        private boolean done;

        @Override
        public void write(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length && !done; i++) {
                byte b = bytes[i];
                if (pendingCarriageReturn) {
                    pendingCarriageReturn = false;
                    if (b == '\n') {
                        done = true; // CRLF CRLF: the header section ends
                        break;
                    }
                    append((byte) '\r');
                    lineStart = false;
                }
                if (b == '\n' && lineStart) {
                    done = true; // a bare blank line also ends it
                } else if (b == '\r' && lineStart) {
                    pendingCarriageReturn = true;
                } else {
                    append(b);
                    lineStart = b == '\n';
                }
            }
        }

        private void append(byte b) {
            if (header.size() >= MAX_HEADER) {
                done = true;
            } else {
                header.write(b);
            }
        }

        @Override
        public IndexedMessage finish() {
            byte[] raw = header.toByteArray();
            HeaderBlock fields = HeaderBlock.parse(new String(raw, StandardCharsets.UTF_8));
            String messageId = MessageIds.first(fields.first("message-id"));
            byte[] summary = new byte[raw.length + 1];
            summary[0] = FORMAT;
            System.arraycopy(raw, 0, summary, 1, raw.length);
            return new IndexedMessage(messageId, MessageIds.all(fields.first("in-reply-to")),
                    MessageIds.all(String.join(" ", fields.all("references"))),
                    BaseSubject.of(EncodedWords.decode(fields.first("subject"))), MailDate.parse(fields.first("date")),
                    summary);
        }
    }
}
