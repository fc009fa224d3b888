package dev.hermod.message.internal;

/**
 * The base subject of RFC 5256 §2.1, from a subject whose encoded words are already decoded (step 1's
 * first half). Comparison is case-insensitive, so the case is kept here.
 *
 * <pre>
 * subj-trailer = "(fwd)" / WSP
 * subj-leader  = (*subj-blob subj-refwd) / WSP
 * subj-refwd   = ("re" / ("fw" ["d"])) *WSP [subj-blob] ":"
 * subj-blob    = "[" *BLOBCHAR "]" *WSP
 * subj-fwd-hdr = "[fwd:"     subj-fwd-trl = "]"
 * </pre>
 */
final class BaseSubject {

    private BaseSubject() {
    }

    /**
     * Reduces a subject to its base subject.
     *
     * @param subject the decoded subject, or {@code null}
     * @return the base subject, empty for {@code null}
     */
    static String of(String subject) {
        if (subject == null) {
            return "";
        }
        String s = normalizeSpace(subject);
        for (;;) {
            s = removeTrailers(s);                          // step 2
            String before;
            do {                                            // steps 3 to 5
                before = s;
                s = removeLeaders(s);
                int blob = blobLength(s, 0);
                if (blob > 0 && hasNonWsp(s, blob)) {
                    s = s.substring(blob);
                }
            } while (!s.equals(before));
            if (startsWithIgnoreCase(s, "[fwd:") && s.endsWith("]")) {   // step 6
                s = s.substring(5, s.length() - 1);
                continue;
            }
            return s;
        }
    }

    /** Step 1: tabs and line breaks to spaces, runs of spaces to one. */
    private static String normalizeSpace(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                if (!space) {
                    sb.append(' ');
                }
                space = true;
            } else {
                sb.append(c);
                space = false;
            }
        }
        return sb.toString();
    }

    private static String removeTrailers(String s) {
        for (;;) {
            if (s.endsWith(" ") || s.endsWith("\t")) {
                s = s.substring(0, s.length() - 1);
            } else if (s.length() >= 5 && s.regionMatches(true, s.length() - 5, "(fwd)", 0, 5)) {
                s = s.substring(0, s.length() - 5);
            } else {
                return s;
            }
        }
    }

    private static String removeLeaders(String s) {
        for (;;) {
            if (!s.isEmpty() && (s.charAt(0) == ' ' || s.charAt(0) == '\t')) {
                s = s.substring(1);
                continue;
            }
            int i = 0;
            int blob;
            while ((blob = blobLength(s, i)) > 0) {
                i += blob;
            }
            int refwd = refwdLength(s, i);
            if (refwd < 0) {
                return s;
            }
            s = s.substring(i + refwd);
        }
    }

    /** Length of {@code ("re" / "fw" / "fwd") *WSP [subj-blob] ":"} at {@code from}, or -1. */
    private static int refwdLength(String s, int from) {
        int i;
        if (startsWithIgnoreCase(s, from, "fwd")) {
            i = from + 3;
        } else if (startsWithIgnoreCase(s, from, "fw") || startsWithIgnoreCase(s, from, "re")) {
            i = from + 2;
        } else {
            return -1;
        }
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        i += Math.max(blobLength(s, i), 0);
        return i < s.length() && s.charAt(i) == ':' ? i + 1 - from : -1;
    }

    /** Length of {@code "[" *BLOBCHAR "]" *WSP} at {@code from}, or 0. */
    private static int blobLength(String s, int from) {
        if (from >= s.length() || s.charAt(from) != '[') {
            return 0;
        }
        int i = from + 1;
        while (i < s.length() && s.charAt(i) != ']') {
            if (s.charAt(i) == '[') {
                return 0;
            }
            i++;
        }
        if (i >= s.length()) {
            return 0;
        }
        i++;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i - from;
    }

    private static boolean hasNonWsp(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) != ' ' && s.charAt(i) != '\t') {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithIgnoreCase(String s, String prefix) {
        return startsWithIgnoreCase(s, 0, prefix);
    }

    private static boolean startsWithIgnoreCase(String s, int from, String prefix) {
        return s.regionMatches(true, from, prefix, 0, prefix.length());
    }
}
