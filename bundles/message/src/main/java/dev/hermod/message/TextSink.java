package dev.hermod.message;

/**
 * Receives the decoded text of a message's text parts during {@link MessageParser#parse(java.io.InputStream,
 * ParserLimits, TextSink) parse}, for a full-text index.
 *
 * <p>Called once per {@code text/*} part that has text, in document order, on the parsing thread: the
 * transfer encoding and charset decoded, HTML reduced to its text. Within a {@code multipart/alternative}
 * only the first text alternative is passed, so the same words are not indexed twice. All calls together
 * pass at most {@link ParserLimits#maxIndexedText()} characters; a part's text may be cut short.
 */
@FunctionalInterface
public interface TextSink {

    /** A sink that wants no text: the parser then decodes only what the preview needs. */
    TextSink NONE = (partId, mimeType, text) -> { };

    /**
     * Takes one part's text.
     *
     * @param partId   the part's section number
     * @param mimeType the part's {@code type/subtype}, lower case
     * @param text     the decoded text, not empty
     */
    void text(String partId, String mimeType, String text);
}
