package dev.hermod.message;

import dev.hermod.api.message.MessageSummary;
import dev.hermod.message.internal.Summarizer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Parses a raw RFC 5322 / MIME message into a {@link MessageSummary}, reading it once as a stream.
 *
 * <p>Memory stays bounded whatever the message's size: bodies are streamed and counted, only bounded
 * header and text is kept ({@link ParserLimits}). Malformed content never makes it fail: missing or
 * unclosed boundaries, bad base64 or quoted-printable, unknown charsets, raw 8-bit or UTF-8 header fields
 * (RFC 6532), LF-only line ends, truncated input and absurd nesting all yield the best summary the octets
 * allow, with exact offsets. Thread safe and stateless: one instance serves all callers.
 *
 * <p>The offsets it reports are into the octets read; to serve IMAP from them, store those same octets
 * (with CRLF line ends, as SMTP delivers them).
 */
public final class MessageParser {

    /** Creates a parser; it holds no state. */
    public MessageParser() {
    }

    /**
     * Parses a message without collecting text for an index.
     *
     * @param raw    the raw message, read to its end and not closed; not {@code null}
     * @param limits the bounds to respect; not {@code null}
     * @return the summary, never {@code null}
     * @throws IOException only when reading {@code raw} fails
     */
    public MessageSummary parse(InputStream raw, ParserLimits limits) throws IOException {
        return parse(raw, limits, TextSink.NONE);
    }

    /**
     * Parses a message and hands the decoded text of its text parts to {@code text}.
     *
     * @param raw    the raw message, read to its end and not closed; not {@code null}
     * @param limits the bounds to respect; not {@code null}
     * @param text   receives each text part's decoded text; not {@code null}; exceptions it throws
     *               abort the parse and propagate
     * @return the summary, never {@code null}
     * @throws IOException only when reading {@code raw} fails
     */
    public MessageSummary parse(InputStream raw, ParserLimits limits, TextSink text) throws IOException {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(text, "text");
        return Summarizer.summarize(raw, limits, text == TextSink.NONE ? null : text);
    }

    /**
     * Parses a message held in memory, with the default limits.
     *
     * @param raw the raw message; not {@code null}
     * @return the summary, never {@code null}
     */
    public MessageSummary parse(byte[] raw) {
        try {
            return parse(new ByteArrayInputStream(raw), ParserLimits.DEFAULTS);
        } catch (IOException e) {
            throw new IllegalStateException("reading from memory failed", e);
        }
    }
}
