package dev.hermod.core.internal.mail;

import java.util.ArrayList;
import java.util.List;

/** Message ids ({@code <left@right>}, RFC 5322 §3.6.4) out of a field's value, without the brackets. */
final class MessageIds {

    static final int MAX_IDS = 64;
    static final int MAX_LENGTH = 998;

    private MessageIds() {
    }

    /** @return every bracketed id, at most {@value #MAX_IDS} (the last ones), in order */
    static List<String> all(String value) {
        List<String> ids = new ArrayList<>();
        if (value == null) {
            return ids;
        }
        int at = 0;
        while (true) {
            int open = value.indexOf('<', at);
            if (open < 0) {
                break;
            }
            int close = value.indexOf('>', open + 1);
            if (close < 0) {
                break;
            }
            String id = value.substring(open + 1, close).replaceAll("\\s+", "");
            if (!id.isEmpty() && id.length() <= MAX_LENGTH && !ids.contains(id)) {
                ids.add(id);
            }
            at = close + 1;
        }
        return ids.size() > MAX_IDS ? new ArrayList<>(ids.subList(ids.size() - MAX_IDS, ids.size())) : ids;
    }

    /** @return the first bracketed id, else the value itself when it is one word, else {@code null} */
    static String first(String value) {
        List<String> ids = all(value);
        if (!ids.isEmpty()) {
            return ids.get(0);
        }
        if (value == null) {
            return null;
        }
        String bare = value.strip();
        return bare.isEmpty() || bare.length() > MAX_LENGTH || bare.chars().anyMatch(Character::isWhitespace) ? null
                : bare;
    }
}
