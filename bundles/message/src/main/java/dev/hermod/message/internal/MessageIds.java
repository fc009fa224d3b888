package dev.hermod.message.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Message-ID, In-Reply-To and References values (RFC 5322 §3.6.4) as lists of identifiers without angle
 * brackets (RFC 8621 §4.1.2.3 {@code asMessageIds}). Lenient: comments and stray text between
 * identifiers are skipped, and a bare {@code local@domain} without brackets is taken when nothing
 * bracketed is found.
 */
final class MessageIds {

    /** References chains longer than this keep their first and last identifiers only. */
    static final int MAX_IDS = 500;

    private MessageIds() {
    }

    static List<String> parse(String unfolded) {
        List<String> ids = new ArrayList<>();
        String s = withoutComments(unfolded);
        int i = 0;
        while (i < s.length()) {
            int open = s.indexOf('<', i);
            if (open < 0) {
                break;
            }
            int close = s.indexOf('>', open + 1);
            if (close < 0) {
                break;
            }
            String id = s.substring(open + 1, close).replaceAll("\\s+", "");
            if (!id.isEmpty()) {
                ids.add(id);
            }
            i = close + 1;
        }
        if (ids.isEmpty()) {
            for (String token : s.trim().split("[\\s,]+")) {
                if (token.indexOf('@') > 0 && token.indexOf('<') < 0 && token.indexOf('>') < 0) {
                    ids.add(token);
                }
            }
        }
        if (ids.size() > MAX_IDS) {
            List<String> kept = new ArrayList<>(ids.subList(0, MAX_IDS / 2));
            kept.addAll(ids.subList(ids.size() - MAX_IDS / 2, ids.size()));
            return kept;
        }
        return ids;
    }

    private static String withoutComments(String s) {
        if (s.indexOf('(') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        int depth = 0;
        boolean inId = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!inId && c == '(') {
                depth++;
            } else if (!inId && c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                if (c == '<') {
                    inId = true;
                } else if (c == '>') {
                    inId = false;
                }
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
