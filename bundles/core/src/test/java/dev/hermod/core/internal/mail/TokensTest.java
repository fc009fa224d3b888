package dev.hermod.core.internal.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokensTest {

    private static List<String> body(String text, boolean query) {
        List<String> out = new ArrayList<>();
        Tokens.bodyTokens(Tokens.normalize(text), query, out::add);
        return out;
    }

    @Test
    void normalizesCaseAndCompatibilityForms() {
        assertEquals("abc café", Tokens.normalize("ＡＢＣ Cafe\u0301"));
        assertEquals("привет мир", Tokens.normalize("ПРИВЕТ Мир"));
        assertEquals("fi", Tokens.normalize("\uFB01"), "ligature");
    }

    @Test
    void splitsWordsOnAnythingButLettersDigitsAndMarks() {
        assertEquals(List.of("alice", "example", "org", "re", "2024"),
                Tokens.words(Tokens.normalize("Alice@example.org -- RE: 2024!")));
        assertEquals(List.of("हिन्दी", "नमस्ते"), Tokens.words("हिन्दी, नमस्ते"), "combining vowel signs stay in the word");
        assertEquals(List.of(), Tokens.words("?!"));
    }

    @Test
    void ideographicRunsBecomePairs() {
        assertEquals(List.of("東京", "京都", "都庁", "庁"), body("東京都庁", false));
        assertEquals(List.of("東京", "京都", "都庁"), body("東京都庁", true));
        assertEquals(List.of("庁"), body("庁", true));
        assertEquals(List.of("tokyo", "東京", "京", "2024"), body("Tokyo東京2024", false), "scripts split a word");
        assertEquals(List.of("コー", "ーヒ", "ヒー", "ー"), body("コーヒー", false), "the prolonged sound mark is kana");
        assertEquals(List.of("안녕하세요"), body("안녕하세요", false), "Hangul is written in words");
    }

    @Test
    void wordsAreCutAndSuffixed() {
        String longWord = "a".repeat(70);
        assertTrue(Tokens.tooLong(longWord));
        assertEquals(Tokens.MAX_WORD, Tokens.cut(longWord).length());
        List<String> suffixes = new ArrayList<>();
        Tokens.suffixes("héllo", suffixes::add);
        assertEquals(List.of("héllo", "éllo", "llo", "lo", "o"), suffixes);
        suffixes.clear();
        Tokens.suffixes("𝄞ab", suffixes::add);
        assertEquals(List.of("𝄞ab", "ab", "b"), suffixes, "code points, not chars");
    }
}
