package dev.hermod.message;

/**
 * Bounds on the work and memory one {@link MessageParser#parse parse} may spend, so that a hostile or
 * broken message cannot exhaust the server. Past a limit the parser degrades (stops descending, stops
 * recording) but still reports exact sizes and offsets.
 *
 * @param maxDepth        the deepest nesting descended: an entity nested deeper than this many multiparts
 *                        or messages is reported as a single opaque part; at least 1
 * @param maxHeaderBytes  octets of top-level header fields kept in
 *                        {@link dev.hermod.api.message.MessageSummary#headers()}, and
 *                        octets of any one header field examined; at least 1024
 * @param maxParts        entities recorded per message, embedded messages included; later parts are
 *                        skipped; at least 1
 * @param maxIndexedText  characters of decoded text handed to a {@link TextSink} per message; at least 0
 */
public record ParserLimits(int maxDepth, int maxHeaderBytes, int maxParts, int maxIndexedText) {

    /** Defaults: depth 20, 64 KiB of header, 1000 parts, 1 MiB characters of indexed text. */
    public static final ParserLimits DEFAULTS = new ParserLimits(20, 64 * 1024, 1000, 1024 * 1024);

    /**
     * Checks the limits.
     *
     * @param maxDepth       see the record description
     * @param maxHeaderBytes see the record description
     * @param maxParts       see the record description
     * @param maxIndexedText see the record description
     * @throws IllegalArgumentException when a limit is out of range (the message names it)
     */
    public ParserLimits {
        if (maxDepth < 1 || maxDepth > 200) {
            throw new IllegalArgumentException("maxDepth must be 1..200, not " + maxDepth);
        }
        if (maxHeaderBytes < 1024) {
            throw new IllegalArgumentException("maxHeaderBytes must be at least 1024, not " + maxHeaderBytes);
        }
        if (maxParts < 1) {
            throw new IllegalArgumentException("maxParts must be at least 1, not " + maxParts);
        }
        if (maxIndexedText < 0) {
            throw new IllegalArgumentException("maxIndexedText must not be negative, not " + maxIndexedText);
        }
    }
}
