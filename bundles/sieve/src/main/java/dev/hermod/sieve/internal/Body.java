package dev.hermod.sieve.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The "body" test's transforms (RFC 5173 §5): {@code :raw}, {@code :content} and {@code :text}. */
final class Body {

    private Body() {
    }

    static List<String> values(Run run, Call t, Run.Frame f) {
        if (t.has("raw")) {
            return List.of(run.message.rawBody());
        }
        List<String> types = t.has("content") ? run.expandAll(t.tagStrings("content").values(), f) : List.of("text");
        List<String> values = new ArrayList<>();
        for (SieveMessage.BodyPart part : run.message.bodyParts()) {
            if (matches(part.contentType(), types)) {
                values.add(part.contentType().equals("text/html") && !t.has("content")
                        ? part.text().replaceAll("<[^>]*>", " ") : part.text());
            }
        }
        return values;
    }

    /** "" matches all, {@code type} a type with any subtype, {@code type/subtype} exactly (RFC 5173 §5.2). */
    private static boolean matches(String contentType, List<String> types) {
        for (String t : types) {
            String want = t.toLowerCase(Locale.ROOT).strip();
            if (want.isEmpty() || want.equals(contentType)
                    || (!want.contains("/") && contentType.startsWith(want + "/"))) {
                return true;
            }
        }
        return false;
    }
}
