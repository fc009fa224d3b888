package dev.hermod.core.internal.mail;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Text as the search indexes see it. Normalized: Unicode NFKC, then lower case (so "ＡＢＣ", "ABC" and
 * "abc" are one). Then cut into <em>words</em>: maximal runs of letters, digits and combining marks;
 * everything else separates. A word is kept to its first {@value #MAX_WORD} code points.
 *
 * <p>Chinese and Japanese write without spaces, so in body text a run of Han, Hiragana or Katakana
 * characters is indexed as its overlapping pairs of characters plus its last character alone: "東京都"
 * gives "東京", "京都", "都". A query word of such characters looks up its pairs (or itself, if one
 * character) as prefixes, which finds every occurrence.
 */
final class Tokens {

    /** Code points kept of a word. */
    static final int MAX_WORD = 64;

    private Tokens() {
    }

    static String normalize(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    static boolean isWordChar(int cp) {
        if (Character.isLetterOrDigit(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    static boolean isIdeographic(int cp) {
        if (cp < 0x2E80) {
            return false; // no Han, Hiragana or Katakana character comes before the CJK Radicals Supplement
        }
        if (cp >= 0x3040 && cp <= 0x30FF) {
            return true; // Hiragana and Katakana, with the prolonged sound mark and iteration marks
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA;
    }

    /**
     * The words of normalized text, in order, whole (not cut).
     *
     * @param text normalized text
     * @return the words
     */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (isWordChar(cp)) {
                if (start < 0) {
                    start = i;
                }
            } else if (start >= 0) {
                words.add(text.substring(start, i));
                start = -1;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            words.add(text.substring(start));
        }
        return words;
    }

    /** Whether a word is longer than {@link #MAX_WORD} code points. */
    static boolean tooLong(String word) {
        return word.length() > MAX_WORD && word.codePointCount(0, word.length()) > MAX_WORD;
    }

    /** A word kept to its first {@link #MAX_WORD} code points. */
    static String cut(String word) {
        return tooLong(word) ? word.substring(0, word.offsetByCodePoints(0, MAX_WORD)) : word;
    }

    /**
     * Every suffix of a word (cut first), longest first: "hello" gives "hello", "ello", "llo", "lo", "o".
     * A substring of the word is a prefix of one of them.
     */
    static void suffixes(String word, Consumer<String> out) {
        String w = cut(word);
        for (int i = 0; i < w.length(); i += Character.charCount(w.codePointAt(i))) {
            out.accept(w.substring(i));
        }
    }

    /**
     * The tokens of normalized body text: words, and pairs of ideographic characters.
     *
     * @param text normalized text
     * @param query whether the text is a query: then a run of ideographic characters gives its pairs only
     *        (or itself, when it is one character)
     * @param out receives each token, possibly repeated
     */
    static void bodyTokens(String text, boolean query, Consumer<String> out) {
        for (String word : words(text)) {
            int start = 0;
            boolean ideographic = isIdeographic(word.codePointAt(0));
            for (int i = 0; i < word.length(); ) {
                int cp = word.codePointAt(i);
                boolean ideo = isIdeographic(cp);
                if (ideo != ideographic) {
                    segment(word.substring(start, i), ideographic, query, out);
                    start = i;
                    ideographic = ideo;
                }
                i += Character.charCount(cp);
            }
            segment(word.substring(start), ideographic, query, out);
        }
    }

    private static void segment(String segment, boolean ideographic, boolean query, Consumer<String> out) {
        if (!ideographic) {
            out.accept(cut(segment));
            return;
        }
        int[] cps = segment.codePoints().toArray();
        if (cps.length == 1) {
            out.accept(segment);
            return;
        }
        for (int i = 0; i + 1 < cps.length; i++) {
            out.accept(new String(cps, i, 2));
        }
        if (!query) {
            out.accept(new String(cps, cps.length - 1, 1));
        }
    }
}
