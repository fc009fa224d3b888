package dev.hermod.message.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.hermod.api.message.MailAddress;
import dev.hermod.api.message.MessageEnvelope;

/** Collects the first occurrence of each envelope field of one message header and decodes them. */
final class EnvelopeFields {

    private final Map<String, String> values = new HashMap<>();

    /** Takes one header field; ignores those that are not envelope fields. */
    void accept(String lowerName, String unfolded) {
        switch (lowerName) {
            case "date", "subject", "from", "sender", "reply-to", "to", "cc", "bcc", "message-id",
                    "in-reply-to", "references" -> values.putIfAbsent(lowerName, unfolded);
            default -> { }
        }
    }

    MessageEnvelope build() {
        if (values.isEmpty()) {
            return MessageEnvelope.EMPTY;
        }
        String subject = values.get("subject");
        String date = values.get("date");
        return new MessageEnvelope(Texts.trimToNull(date), Dates.parse(date),
                subject == null ? null : subject.stripLeading(), subject == null ? null : Texts.text(subject),
                addresses("from"), addresses("sender"), addresses("reply-to"), addresses("to"),
                addresses("cc"), addresses("bcc"),
                Texts.trimToNull(values.get("message-id")), Texts.trimToNull(values.get("in-reply-to")),
                ids("message-id"), ids("in-reply-to"), ids("references"));
    }

    private List<MailAddress> addresses(String name) {
        String v = values.get(name);
        return v == null ? null : Addresses.parse(v);
    }

    private List<String> ids(String name) {
        String v = values.get(name);
        return v == null ? null : MessageIds.parse(v);
    }
}
