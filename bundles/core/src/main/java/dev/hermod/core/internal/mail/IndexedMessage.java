package dev.hermod.core.internal.mail;

import java.time.Instant;
import java.util.List;

/**
 * What the store needs from a parsed message now.
 *
 * @param messageId the {@code Message-ID} without angle brackets, or {@code null}
 * @param inReplyTo the ids of {@code In-Reply-To}, without angle brackets
 * @param references the ids of {@code References}, oldest first
 * @param baseSubject the subject as RFC 5256 §2.1 reduces it, or {@code ""}
 * @param date the {@code Date} field, or {@code null} if absent or unreadable
 * @param summary the summary to store; its first byte names the format
 */
record IndexedMessage(String messageId, List<String> inReplyTo, List<String> references, String baseSubject,
        Instant date, byte[] summary) {

    IndexedMessage {
        inReplyTo = List.copyOf(inReplyTo);
        references = List.copyOf(references);
    }
}
