package dev.hermod.core.internal.mail;

import dev.hermod.api.message.MessageSummary;
import java.util.List;

/**
 * What the store keeps of a parsed message.
 *
 * @param summary the parsed summary
 * @param stored the summary as stored ({@link Summaries#encode}), its first byte naming the format
 */
record IndexedMessage(MessageSummary summary, byte[] stored) {

    static IndexedMessage of(MessageSummary summary) {
        return new IndexedMessage(summary, Summaries.encode(summary));
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
