package dev.hermod.jmap.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermod.api.mail.MessageId;
import dev.hermod.api.mailbox.MailboxException;
import dev.hermod.api.message.BodyPart;
import dev.hermod.api.message.MessageSummary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SearchSnippet/get (RFC 8621 §5): the subject and a stretch of the text body around the first match of
 * the filter's text terms ({@code text}, {@code subject}, {@code body}), matches in {@code <mark>}, HTML
 * escaped.
 */
final class SearchSnippets {

    private static final int CONTEXT = 80;

    private SearchSnippets() {
    }

    static void register(Methods m) {
        m.add("SearchSnippet/get", Capabilities.MAIL, SearchSnippets::get);
    }

    static ObjectNode get(Call call, ObjectNode args) throws MethodException {
        call.checkAccount(args);
        List<String> ids = Json.stringList(args, "emailIds");
        if (ids == null) {
            throw MethodException.invalidArguments("emailIds is required");
        }
        if (ids.size() > call.jmap.limits().maxObjectsInGet()) {
            throw MethodException.requestTooLarge("At most " + call.jmap.limits().maxObjectsInGet() + " snippets.");
        }
        List<String> subjectTerms = new ArrayList<>();
        List<String> bodyTerms = new ArrayList<>();
        JsonNode filter = args.get("filter");
        if (filter != null && !filter.isNull()) {
            EmailQuery.filter(call, filter);
            terms(filter, subjectTerms, bodyTerms);
        }
        ArrayNode list = Json.array();
        ArrayNode notFound = Json.array();
        for (String id : ids) {
            MessageId messageId;
            MessageSummary summary;
            try {
                messageId = MessageId.parse(call.resolve(id));
                summary = call.account.summary(messageId);
            } catch (IllegalArgumentException | MailboxException e) {
                notFound.add(id);
                continue;
            }
            ObjectNode snippet = list.addObject().put("emailId", id);
            String subject = summary.envelope().subject();
            String markedSubject = subject == null ? null : mark(subject, subjectTerms, false);
            if (markedSubject == null) {
                snippet.putNull("subject");
            } else {
                snippet.put("subject", markedSubject);
            }
            String preview = bodyTerms.isEmpty() ? null : mark(text(call, messageId, summary), bodyTerms, true);
            if (preview == null) {
                snippet.putNull("preview");
            } else {
                snippet.put("preview", preview);
            }
        }
        ObjectNode out = Json.object().put("accountId", call.accountId);
        out.set("list", list);
        out.set("notFound", notFound);
        return out;
    }

    private static void terms(JsonNode filter, List<String> subject, List<String> body) {
        if (filter.has("conditions")) {
            if (!filter.path("operator").asText().equals("NOT")) {
                filter.get("conditions").forEach(c -> terms(c, subject, body));
            }
            return;
        }
        if (filter.hasNonNull("text")) {
            subject.add(filter.get("text").asText());
            body.add(filter.get("text").asText());
        }
        if (filter.hasNonNull("subject")) {
            subject.add(filter.get("subject").asText());
        }
        if (filter.hasNonNull("body")) {
            body.add(filter.get("body").asText());
        }
    }

    private static String text(Call call, MessageId id, MessageSummary summary) {
        for (String partId : summary.textBody()) {
            BodyPart part = summary.part(partId).orElse(null);
            if (part == null || !part.type().equalsIgnoreCase("text")) {
                continue;
            }
            try (InputStream in = Blobs.decode(call.account.open(id, part.bodyStart(), part.size()), part.encoding())) {
                Charset charset;
                try {
                    charset = part.charset() == null ? StandardCharsets.UTF_8 : Charset.forName(part.charset());
                } catch (RuntimeException e) {
                    charset = StandardCharsets.UTF_8;
                }
                String text = new String(in.readNBytes(1 << 20), charset);
                return part.subtype().equalsIgnoreCase("html") ? text.replaceAll("<[^>]*>", " ") : text;
            } catch (IOException e) {
                return "";
            }
        }
        return "";
    }

    /** Escapes and marks the terms; for the body, a stretch around the first match, null when none matches. */
    static String mark(String text, List<String> terms, boolean excerpt) {
        String lower = text.toLowerCase(Locale.ROOT);
        int first = -1;
        for (String term : terms) {
            int at = term.isBlank() ? -1 : lower.indexOf(term.toLowerCase(Locale.ROOT));
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        if (first < 0) {
            return excerpt ? null : escape(text);
        }
        int start = excerpt ? Math.max(0, first - CONTEXT / 2) : 0;
        int end = excerpt ? Math.min(text.length(), start + 2 * CONTEXT) : text.length();
        String part = text.substring(start, end).replaceAll("\\s+", " ");
        String partLower = part.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < part.length()) {
            int match = -1;
            int length = 0;
            for (String term : terms) {
                if (!term.isBlank() && partLower.startsWith(term.toLowerCase(Locale.ROOT), i) && term.length() > length) {
                    match = i;
                    length = term.length();
                }
            }
            if (match == i) {
                out.append("<mark>").append(escape(part.substring(i, i + length))).append("</mark>");
                i += length;
            } else {
                out.append(escape(part.substring(i, i + 1)));
                i++;
            }
        }
        return out.toString().trim();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
