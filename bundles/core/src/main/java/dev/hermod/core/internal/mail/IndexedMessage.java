package dev.hermod.core.internal.mail;

import dev.hermod.api.message.MessageSummary;
import java.util.List;

/**
 * What the store keeps of a parsed message.
 *
 * @param summary the parsed summary
 * @param stored the summary as stored ({@link Summaries#encode}), its first byte naming the format
 * @param tokens its full-text tokens ({@link IndexTokens}), sorted
 */
record IndexedMessage(MessageSummary summary, byte[] stored, List<String> tokens) {

    IndexedMessage {
        tokens = List.copyOf(tokens);
    }

    static IndexedMessage of(MessageSummary summary, List<String> tokens) {
        return new IndexedMessage(summary, Summaries.encode(summary), tokens);
    }

    /** @return the {@code Message-ID} without angle brackets, or {@code null} */
    String messageId() {
        List<String> ids = summary.envelope().messageIds();
        return ids == null || ids.isEmpty() ? null : ids.get(0);
    }

    /** @return the ids of {@code In-Reply-To}, without angle brackets */
    List<String> inReplyTo() {
        List<String> ids = summary.envelope().inReplyTo();
        return ids == null ? List.of() : ids;
    }

    /** @return the ids of {@code References}, oldest first */
    List<String> references() {
        List<String> ids = summary.envelope().references();
        return ids == null ? List.of() : ids;
    }
}
