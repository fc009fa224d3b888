package dev.hermod.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Nothing stored makes verify throw or work hard; refused values say why without showing their secret. */
class MalformedTest {
    private static final String B64_SALT = "c29tZXNhbHRzYWx0";
    private static final String HASH43 = "R7/lybbH0zZUVrqm8ffNeZFJpa2GC7aA509JdDGRFu3";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // absurd costs, refused before any work
            "$6$rounds=999999999$saltsalt$" + HASH43 + HASH43 + "ab| rounds above the limit of 10000000",
            "$5$rounds=10000001$saltsalt$" + HASH43 + "              | rounds above the limit of 10000000",
            "$5$rounds=99999999999999999999$salt$" + HASH43 + "      | malformed rounds",
            "$2b$31$......................UaUp2CqHXn14N7RprrzoDsNv91ahi36| cost above the limit of 16",
            "$2b$17$......................UaUp2CqHXn14N7RprrzoDsNv91ahi36| cost above the limit of 16",
            "$2y$03$......................UaUp2CqHXn14N7RprrzoDsNv91ahi36| cost below 4",
            "$argon2id$v=19$m=4194304,t=1,p=1$" + B64_SALT + "$" + B64_SALT + "| memory above the limit of 1 GiB",
            "$argon2id$v=19$m=1048576,t=5,p=1$" + B64_SALT + "$" + B64_SALT + "| memory times passes above the limit of 4 GiB",
            "$argon2i$v=19$m=65536,t=1,p=255$" + B64_SALT + "$" + B64_SALT + "| lanes above the limit of 64",
            "$argon2i$v=19$m=7,t=1,p=1$" + B64_SALT + "$" + B64_SALT + "      | parameters below Argon2's minimum",
            "{PBKDF2-SHA256}4294967295$c2FsdA$Q3THBxXcRDFeLgYJqzLXBhIl5zrg4GBhnUX9T6423LM| rounds above the limit of 10000000",
            "{PBKDF2}$1$salt$10000001$0123456789abcdef0123456789abcdef01234567| rounds above the limit of 10000000",
            "{PBKDF2-SHA1}6000$c2FsdA$" + B64_SALT + B64_SALT + "         | wrong hash length",
            "$pbkdf2-sha256$1000$f49xrvU$XA                              | wrong hash length",
            "{PBKDF2}$1$9z0Ly.JLOiVj4sFv$5000$729b04a395f9041ad4228b7f7f6d5077dbcd8e| wrong hash length",
            // truncated, bad encodings, wrong lengths
            "{SSHA}                                                      | wrong length",
            "{SSHA}5en6G6MezRroT3XKqkdPOmY/BfQ=                          | wrong length",
            "{SHA}5en6G6MezRroT3XKqkdPOmY/B!Q=                           | malformed encoding",
            "{SSHA512}UHJku5h7I32fJG9riip9+/jUtpBkU+XnKwQN6nEBaAgJP3sm03VACix8NPW1k8hu48DOHmJQN7NUXXIz0ULTLaNVT%FDQY9Y| malformed encoding",
            "{SHA256.HEX}2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25| malformed encoding",
            "{PLAIN.B64}!!!!                                             | malformed encoding",
            "{PLAIN.HEX}ff                                               | malformed encoding",
            "{PLAIN}                                                     | empty, matches no password",
            "$1$GUIcGICD$o4Ku1Na4nmKxMMn.QPbxi                          | malformed",
            "$1$GUIcGICDx$o4Ku1Na4nmKxMMn.QPbxi/                        | malformed",
            "$1$                                                         | malformed",
            "$6$bAXdFO5Qw9VnDib2$2kEAMuhRi81E5Tnqq5                      | malformed",
            "$6$rounds=$salt$" + HASH43 + HASH43 + "                     | malformed rounds",
            "$6$rounds=5000                                              | malformed rounds",
            "$5$saltsaltsaltsaltsalt$" + HASH43 + "                      | malformed",
            "$5$sa:lt$" + HASH43 + "                                     | malformed",
            "$2b$05$7hzr7bGXpYKLPOqvQOxaeOg9YdodTsxiwi8nXB0ViiJ8WK/6axFb| malformed",
            "$2b$5$7hzr7bGXpYKLPOqvQOxaeOg9YdodTsxiwi8nXB0ViiJ8WK/6axFb2| malformed",
            "$2b$05$7hzr7bGXpYKLPOqvQOxaeOg9YdodTsxiwi8nXB0ViiJ8WK/6axF+2| malformed",
            "$argon2id$v=19$m=512,t=1,p=1$ql/Xxp+TaCcbJKkLi+/S+A        | malformed",
            "$argon2id$v=18$m=512,t=1,p=1$ql/Xxp+TaCcbJKkLi+/S+A$/JI99XAeZD83emRwTgUDmw| unknown version",
            "$argon2id$v=19$m=512,t=1$ql/Xxp+TaCcbJKkLi+/S+A$/JI99XAeZD83emRwTgUDmw| malformed parameters",
            "$argon2id$v=19$t=1,m=512,p=1$ql/Xxp+TaCcbJKkLi+/S+A$/JI99XAeZD83emRwTgUDmw| malformed parameters",
            "$argon2id$v=19$m=512,t=1,p=1$ql/Xxp+TaCcbJK!Li+/S+A$/JI99XAeZD83emRwTgUDmw| malformed base64",
            "$argon2id$v=19$m=512,t=1,p=1$c2FsdA$/JI99XAeZD83emRwTgUDmw| salt or hash too short",
            "$argon2id$v=19$m=512,t=1,p=1$ql/Xxp+TaCcbJKkLi+/S+A$/JI99XAeZD83emRwTgUD| salt or hash too short",
            "$pbkdf2-sha256$29000$IWRszRnD2FuL8X7vnXNO6Q                | malformed",
            "$pbkdf2-sha256$29000$IWRszRnD2FuL8X7vnXNO6Q$Q3T+HXcRDFeLgYJqzLXBhIl5zrg4GBhnUX9T6423LM| malformed base64",
            "$pbkdf2-sha256$-1$IWRszRnD2FuL8X7vnXNO6Q$Q3THBxXcRDFeLgYJqzLXBhIl5zrg4GBhnUX9T6423LM| malformed rounds",
            "$pbkdf2-sha256$0$IWRszRnD2FuL8X7vnXNO6Q$Q3THBxXcRDFeLgYJqzLXBhIl5zrg4GBhnUX9T6423LM| malformed",
            "{PBKDF2-SHA256}29000$$Q3THBxXcRDFeLgYJqzLXBhIl5zrg4GBhnUX9T6423LM| malformed",
            "{PBKDF2}$1$9z0Ly.JLOiVj4sFv$5000$729b04a395f9041ad4228b7f7f6d5077dbcd8e0| malformed hex",
            "{PBKDF2}$1$9z0Ly.JLOiVj4sFv$5000                            | malformed",
            // unknown or unsupported
            "{FOO}bar                                                    | unknown",
            "{SHA384}abc                                                 | unknown",
            "{CRYPT.HEX}abc                                              | unknown",
            "{SHA.ROT13}abc                                              | unknown",
            "{CRYPT}abcdefghijklm                                        | not supported",
            "{CRYPT}nonsense                                             | malformed",
            "$y$j9T$F5Jx5fExrKuPp53xLKQ..1$X3DX6M94c7o.9agCG9G317fhZg9SqC.5i5rd.RhAtQ7| not supported",
            "$2x$05$7hzr7bGXpYKLPOqvQOxaeOg9YdodTsxiwi8nXB0ViiJ8WK/6axFb2| not supported",
            "$argon2d$v=19$m=512,t=1,p=1$ql/Xxp+TaCcbJKkLi+/S+A$/JI99XAeZD83emRwTgUDmw| not supported",
            "$ecret$                                                     | not supported",
            "{ARGON2ID}argon2id                                          | malformed",
    })
    void refusedQuicklyWithAReason(String stored, String reason) {
        assertTimeoutPreemptively(Duration.ofMillis(500), () -> {
            assertFalse(Passwords.verify(stored, "secret"));
            assertFalse(Passwords.isCleartext(stored));
            assertEquals(Optional.empty(), Passwords.cleartext(stored));
        });
        String description = Passwords.describe(stored);
        assertTrue(description.endsWith(": " + reason), description);
        assertFalse(description.contains("saltsalt") || description.contains(B64_SALT) || description.contains("ql/X")
                || description.contains("7hzr") || description.contains("IWRsz"), description);
    }

    @Test
    void absentAndOverlongValues() {
        assertFalse(Passwords.verify(null, "secret"));
        assertFalse(Passwords.verify("", ""));
        assertFalse(Passwords.verify("x".repeat(4097), "x".repeat(4097)));
        assertFalse(Passwords.verify("{PLAIN}" + "x".repeat(1025), "x".repeat(1025)));
        assertTrue(Passwords.verify("{PLAIN}" + "x".repeat(1024), "x".repeat(1024)));
        assertFalse(Passwords.verify("{PLAIN}a\0b", "a\0b"));
        assertEquals("no stored value: absent", Passwords.describe(null));
        assertEquals("empty stored value: matches no password", Passwords.describe(""));
        assertFalse(Passwords.isCleartext(null));
        assertFalse(Passwords.isCleartext(""));
        assertEquals(Optional.empty(), Passwords.scheme(null));
        assertEquals(Optional.empty(), Passwords.scheme("{FOO}bar"));
        assertEquals("scheme prefix: unknown", Passwords.describe("{hunter2}"));
        assertEquals("crypt format: not supported", Passwords.describe("$hunter2$"));
        assertEquals("scheme {FOO}: unknown", Passwords.describe("{foo}bar"));
        assertEquals(Optional.of(PasswordScheme.BCRYPT),
                Passwords.scheme("$2b$31$......................UaUp2CqHXn14N7RprrzoDsNv91ahi36"));
    }

    @Test
    void everyTruncationAndEveryOneCharacterChangeOfARealHashFails() {
        List<Vectors> samples = Vectors.all().stream().filter(v -> v.password().equals("secret")
                && !v.cleartext() && (v.command().contains("slappasswd -h") || v.command().contains("mkpasswd")
                || v.command().contains("pbkdf2_sha256.using(rounds=1000") || v.command().contains("time_cost=1")))
                .toList();
        assertTrue(samples.size() >= 10, () -> "samples: " + samples.size());
        for (Vectors v : samples) {
            String s = v.stored();
            for (int i = 0; i < s.length(); i++) {
                String truncated = s.substring(0, i);
                if (s.substring(i).matches("=+")) {
                    continue; // base64 without its padding still says the same
                }
                assertFalse(Passwords.verify(truncated, "secret"), truncated);
                Passwords.describe(truncated);
            }
            // Changing the last characters (hash, not salt or cost) keeps the work small and bounded.
            for (int i = s.length() - 3; i < s.length(); i++) {
                for (char c : new char[] {'A', '.', '=', '$', '!', 'é'}) {
                    if (s.charAt(i) != c) {
                        String changed = s.substring(0, i) + c + s.substring(i + 1);
                        assertFalse(Passwords.verify(changed, "secret"), changed);
                    }
                }
            }
        }
    }

    @Test
    void randomValuesNeverThrowNorMatch() {
        java.util.Random random = new java.util.Random(2307);
        String[] starts = {"{SSHA}", "{CRYPT}$6$", "$6$rounds=", "$2b$", "$argon2id$v=19$m=", "{PBKDF2}$1$",
                "$pbkdf2-sha256$", "{PBKDF2-SHA512}", "{SHA256.HEX}", "{PLAIN.B64}", "{MD5}$1$", "$1$", "{"};
        String alphabet = "$$$,,==./+{}0123456789abcAZmtpv";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder(starts[random.nextInt(starts.length)]);
            for (int n = random.nextInt(40); n > 0; n--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String stored = s.toString();
            if (!Passwords.isCleartext(stored)) {
                assertFalse(Passwords.verify(stored, "secret"), stored);
            }
            Passwords.describe(stored);
            Passwords.scheme(stored);
        }
    }

    @Test
    void cleartextRule() {
        assertTrue(Passwords.isCleartext("secret"));
        assertTrue(Passwords.isCleartext("$ecret"));
        assertTrue(Passwords.isCleartext("$"));
        assertTrue(Passwords.isCleartext("{my secret}"));
        assertTrue(Passwords.isCleartext("{}"));
        assertTrue(Passwords.isCleartext("{unterminated"));
        assertTrue(Passwords.isCleartext("{Plain}x"));
        assertTrue(Passwords.isCleartext("{CLEAR}x"));
        assertEquals(Optional.of("{my secret}"), Passwords.cleartext("{my secret}"));
        assertEquals(Optional.of("secret"), Passwords.cleartext("{PLAIN.HEX}736563726574"));
        assertEquals(Optional.of("pässwörd"), Passwords.cleartext("{cleartext.base64}cMOkc3N3w7ZyZA=="));
        assertTrue(Passwords.verify("{PLAIN.HEX}736563726574", "secret"));
        assertEquals("PLAIN (no prefix)", Passwords.describe("secret"));
        assertEquals("PLAIN ({PLAIN.HEX})", Passwords.describe("{PLAIN.HEX}736563726574"));
        assertFalse(Passwords.isCleartext("$ecret$"));
        assertFalse(Passwords.isCleartext("{FOO}secret"));
        assertFalse(Passwords.isCleartext("{SSHA}HWTnjJShttyHMAXAbrkrGE2aI+CtmORb"));
        assertFalse(Passwords.isCleartext("$1$GUIcGICD$o4Ku1Na4nmKxMMn.QPbxi/"));
        assertFalse(Passwords.isCleartext("{PLAIN}"));
        assertFalse(Passwords.verify("secret", "Secret"));
        assertFalse(Passwords.verify("secret", "secret "));
        assertTrue(Passwords.verify("secret", "secret"));
    }
}
