package dev.hermod.api.mailbox;

import java.util.Locale;
import java.util.Map;

/**
 * JMAP keywords (RFC 8621 §4.1.1) and their IMAP flag spellings (RFC 9051 §2.3.2). Keywords are stored
 * lower-case; IMAP system flags map to the {@code $} keywords below and back.
 */
public final class Keywords {

    /** IMAP {@code \Seen}. */
    public static final String SEEN = "$seen";
    /** IMAP {@code \Answered}. */
    public static final String ANSWERED = "$answered";
    /** IMAP {@code \Flagged}. */
    public static final String FLAGGED = "$flagged";
    /** IMAP {@code \Draft}. */
    public static final String DRAFT = "$draft";
    /** IMAP {@code \Deleted}: marked for EXPUNGE. */
    public static final String DELETED = "$deleted";
    /** RFC 8621: the user replied-forwarded. */
    public static final String FORWARDED = "$forwarded";
    /** RFC 9051 / RFC 5788: junk, as set by a user or a filter. */
    public static final String JUNK = "$junk";

    private static final Map<String, String> IMAP_TO_KEYWORD = Map.of(
            "\\seen", SEEN, "\\answered", ANSWERED, "\\flagged", FLAGGED, "\\draft", DRAFT, "\\deleted", DELETED);
    private static final Map<String, String> KEYWORD_TO_IMAP = Map.of(
            SEEN, "\\Seen", ANSWERED, "\\Answered", FLAGGED, "\\Flagged", DRAFT, "\\Draft", DELETED, "\\Deleted");

    private Keywords() {}

    /**
     * The keyword for an IMAP flag: system flags ({@code \Seen}, any case) map to their {@code $} keyword,
     * other flags are lower-cased.
     *
     * @param flag an IMAP flag or keyword, not {@code null}
     * @return the keyword
     * @throws IllegalArgumentException for {@code \Recent} or another unknown system flag, which cannot be stored
     */
    public static String fromImap(String flag) {
        String lower = flag.toLowerCase(Locale.ROOT);
        if (lower.startsWith("\\")) {
            String keyword = IMAP_TO_KEYWORD.get(lower);
            if (keyword == null) {
                throw new IllegalArgumentException("Cannot store the system flag " + flag);
            }
            return keyword;
        }
        return lower;
    }

    /**
     * The IMAP spelling of a keyword: system flags get their backslash form, others stay as they are.
     *
     * @param keyword a stored keyword, not {@code null}
     * @return the IMAP flag
     */
    public static String toImap(String keyword) {
        return KEYWORD_TO_IMAP.getOrDefault(keyword, keyword);
    }

    /**
     * Whether a keyword may be stored: 1 to 255 characters of %x21-7E except {@code ( ) { ] % * " \}
     * (RFC 8621 §4.1.1, the IMAP atom rules).
     *
     * @param keyword the keyword
     * @return {@code true} if valid
     */
    public static boolean isValid(String keyword) {
        if (keyword == null || keyword.isEmpty() || keyword.length() > 255) {
            return false;
        }
        for (int i = 0; i < keyword.length(); i++) {
            char c = keyword.charAt(i);
            if (c < 0x21 || c > 0x7E || "(){]%*\"\\".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
