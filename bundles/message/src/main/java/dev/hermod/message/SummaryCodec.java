package dev.hermod.message;

import dev.hermod.api.message.MessageSummary;
import dev.hermod.message.internal.SummaryReader;
import dev.hermod.message.internal.SummaryWriter;

import java.util.Objects;

/**
 * Turns a {@link MessageSummary} into compact bytes for the metadata store, and back.
 *
 * <p>The first octet is the format version; the rest is varints and a per-summary string table, no Java
 * serialization. A release reads every format version released before it, so stored summaries never
 * need rewriting on upgrade; it writes only {@link #FORMAT_VERSION}. A summary of a plain text message is
 * a few hundred octets plus its header fields.
 */
public final class SummaryCodec {

    /** The format version {@link #encode} writes. */
    public static final int FORMAT_VERSION = SummaryWriter.VERSION;

    private SummaryCodec() {
    }

    /**
     * Encodes a summary.
     *
     * @param summary the summary; not {@code null}
     * @return a new array, starting with {@link #FORMAT_VERSION}
     */
    public static byte[] encode(MessageSummary summary) {
        return SummaryWriter.write(Objects.requireNonNull(summary, "summary"));
    }

    /**
     * Decodes a summary written by this or an earlier release.
     *
     * @param bytes the encoded summary; not {@code null}
     * @return the summary, equal to the one encoded
     * @throws IllegalArgumentException when the bytes are corrupt or of a format version newer than this
     *                                  release reads; the message says which, and the remedy (the
     *                                  summary can always be rebuilt by parsing the message's blob again)
     */
    public static MessageSummary decode(byte[] bytes) {
        return SummaryReader.read(Objects.requireNonNull(bytes, "bytes"));
    }
}
