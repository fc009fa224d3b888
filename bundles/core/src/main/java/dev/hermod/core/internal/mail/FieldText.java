package dev.hermod.core.internal.mail;

import dev.hermod.api.mailbox.SearchQuery.Contains.Field;
import dev.hermod.api.message.MailAddress;
import dev.hermod.api.message.MessageEnvelope;
import dev.hermod.api.message.MessageSummary;
import java.util.List;

/**
 * The text of a header field as search sees it, the same for indexing and for checking a match: the
 * decoded Subject, or each address as {@code Display Name <local@domain>} (or the address alone), joined
 * with {@code ", "}.
 */
final class FieldText {

    /** The fields indexed by every suffix of every word, with their token codes. */
    static final List<Field> HEADER_FIELDS = List.of(Field.SUBJECT, Field.FROM, Field.TO, Field.CC, Field.BCC);

    private FieldText() {
    }

    static String of(MessageSummary summary, Field field) {
        MessageEnvelope e = summary.envelope();
        return switch (field) {
            case SUBJECT -> e.subject() == null ? "" : e.subject();
            case FROM -> addresses(e.from());
            case TO -> addresses(e.to());
            case CC -> addresses(e.cc());
            case BCC -> addresses(e.bcc());
            default -> throw new IllegalArgumentException(field + " is not a header field");
        };
    }

    static String addresses(List<MailAddress> list) {
        if (list == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (MailAddress a : list) {
            if (a.isGroupMarker()) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(", ");
            }
            String address = a.address();
            if (a.name() != null && !a.name().isBlank()) {
                sb.append(a.name()).append(" <").append(address).append('>');
            } else {
                sb.append(address);
            }
        }
        return sb.toString();
    }

    /** The one-character code that starts the field's index tokens. */
    static char code(Field field) {
        return switch (field) {
            case SUBJECT -> IndexTokens.SUBJECT;
            case FROM -> IndexTokens.FROM;
            case TO -> IndexTokens.TO;
            case CC -> IndexTokens.CC;
            case BCC -> IndexTokens.BCC;
            case BODY -> IndexTokens.BODY;
            case TEXT -> throw new IllegalArgumentException("TEXT is several fields");
        };
    }
}
