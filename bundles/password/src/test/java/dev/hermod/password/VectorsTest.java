package dev.hermod.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every hash that OpenLDAP, mkpasswd, Dovecot, passlib, argon2-cffi and crypt(3) made verifies; others don't. */
class VectorsTest {
    @TestFactory
    Stream<DynamicTest> everyVectorVerifiesAndWrongPasswordsFail() {
        return Vectors.all().stream().map(v -> DynamicTest.dynamicTest(v.command() + " [" + v.password() + "]", () -> {
            assertTrue(Passwords.verify(v.stored(), v.password()), () -> Passwords.describe(v.stored()));
            assertFalse(Passwords.verify(v.stored(), "x" + v.password())); // differs in the first byte (bcrypt: 72)
            assertFalse(Passwords.verify(v.stored(), null));
            assertTrue(Passwords.scheme(v.stored()).isPresent());
            String description = Passwords.describe(v.stored());
            assertFalse(description.contains(v.password()), description);
            String tail = v.stored().substring(v.stored().length() - 6);
            assertFalse(description.contains(tail), description);
            assertEquals(v.cleartext(), Passwords.isCleartext(v.stored()), description);
            assertEquals(v.cleartext() ? Optional.of(v.password()) : Optional.empty(), Passwords.cleartext(v.stored()));
        }));
    }

    @Test
    void theVectorsCoverEveryScheme() {
        List<Vectors> all = Vectors.all();
        for (PasswordScheme s : PasswordScheme.values()) {
            assertTrue(all.stream().anyMatch(v -> Passwords.scheme(v.stored()).orElseThrow() == s), s::name);
        }
        assertTrue(all.size() > 500);
    }

    @Test
    void dovecotMeaningsOfAmbiguousPrefixes() {
        assertEquals(PasswordScheme.MD5_CRYPT, Passwords.scheme(Vectors.first("doveadm pw -s MD5 ").stored()).get());
        assertEquals(PasswordScheme.MD5, Passwords.scheme(Vectors.first("slappasswd -h {MD5}").stored()).get());
        assertEquals(PasswordScheme.PBKDF2_SHA1, Passwords.scheme(Vectors.first("doveadm pw -s PBKDF2").stored()).get());
        assertEquals(PasswordScheme.PBKDF2_SHA1,
                Passwords.scheme(Vectors.first("module-load=pw-pbkdf2 -h {PBKDF2}").stored()).get());
        assertEquals(PasswordScheme.BCRYPT, Passwords.scheme(Vectors.first("doveadm pw -s CRYPT ").stored()).get());
    }

    @Test
    void dovecotReadsAnUnsaltedDigestAsHexWhenItHasTheHexLength() {
        Vectors hex = Vectors.first("doveadm pw -s SHA256.HEX");
        String digits = hex.stored().substring("{SHA256.HEX}".length());
        assertTrue(Passwords.verify("{SHA256}" + digits, hex.password()));
        assertTrue(Passwords.verify("{sha256}" + digits.toUpperCase(java.util.Locale.ROOT), hex.password()));
        Vectors md5 = Vectors.first("doveadm pw -s PLAIN-MD5");
        assertTrue(Passwords.verify("{MD5}" + md5.stored().substring("{PLAIN-MD5}".length()), md5.password()));
    }

    @Test
    void prefixesAreCaseInsensitive() {
        Vectors v = Vectors.first("slappasswd -h {SSHA}");
        assertTrue(Passwords.verify("{ssha}" + v.stored().substring(6), v.password()));
        assertTrue(Passwords.verify("{sSha}" + v.stored().substring(6), v.password()));
        Vectors c = Vectors.first("mkpasswd -m sha512crypt PASSWORD");
        assertTrue(Passwords.verify("{crypt}" + c.stored(), c.password()));
        assertTrue(Passwords.verify("{SHA512-CRYPT}" + c.stored(), c.password()));
    }

    @Test
    void shaCryptCountsRoundsBelowTheMinimumAsTheMinimum() {
        // Drepper's spec: rounds=10 means 1000 (libxcrypt refuses to write such a value, the spec reads it).
        Vectors v = Vectors.first("crypt.crypt(PASSWORD, \"$6$rounds=1000$x\")");
        assertTrue(Passwords.verify(v.stored().replace("rounds=1000", "rounds=10"), v.password()));
        assertTrue(Passwords.verify(v.stored().replace("rounds=1000", "rounds=0"), v.password()));
    }

    @Test
    void bcryptIgnoresBytesPast72AsEveryBcryptDoes() {
        Vectors v = Vectors.all().stream().filter(x -> x.command().startsWith("mkpasswd -m bcrypt ")
                && x.password().length() == 100).findFirst().orElseThrow();
        assertTrue(Passwords.verify(v.stored(), v.password().substring(0, 72) + "anything"));
        assertFalse(Passwords.verify(v.stored(), v.password().substring(0, 71)));
    }
}
