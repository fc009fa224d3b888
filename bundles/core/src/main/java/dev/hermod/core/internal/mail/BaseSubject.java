package dev.hermod.core.internal.mail;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The base subject of RFC 5256 §2.1, used to sort and thread by subject. */
final class BaseSubject {

    private static final Pattern TRAILER = Pattern.compile("(?i)(\\s*\\(fwd\\))+\\s*$|\\s+$");
    private static final Pattern BLOB = Pattern.compile("^\\[[^\\[\\]]*\\]\\s*");
    private static final Pattern REFWD = Pattern.compile("(?i)^(re|fwd?)\\s*(\\[[^\\[\\]]*\\]\\s*)?:\\s*");
    private static final Pattern FWD_WRAPPER = Pattern.compile("(?i)^\\[fwd:(.*)\\]$");

    private BaseSubject() {
    }

    static String of(String subject) {
        if (subject == null) {
            return "";
        }
        String s = subject.replaceAll("[\\t\\r\\n ]+", " ").strip();
        while (true) {
            // (2) remove trailers; (3)-(5) remove leaders and blobs until nothing changes
            s = TRAILER.matcher(s).replaceAll("");
            String before;
            do {
                before = s;
                Matcher refwd = REFWD.matcher(s);
                if (refwd.find()) {
                    s = s.substring(refwd.end());
                }
                Matcher blob = BLOB.matcher(s);
                if (blob.find() && blob.end() < s.length()) {
                    s = s.substring(blob.end());
                }
            } while (!s.equals(before));
            // (6) unwrap [fwd: ...] and start again
            Matcher wrapper = FWD_WRAPPER.matcher(s);
            if (!wrapper.matches()) {
                return s.strip();
            }
            s = wrapper.group(1).strip();
        }
    }
}
