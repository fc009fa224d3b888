package dev.hermod.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** {@link Passwords#hash} writes what {@link PasswordScheme} documents, and {@link Passwords#verify} reads it back. */
class HashTest {
    private static final String PASSWORD = "Grüße, \"Ünïcödé\" \\ 日本語 🔑";

    private static final EnumSet<PasswordScheme> SLOW = EnumSet.of(PasswordScheme.SHA256_CRYPT,
            PasswordScheme.SHA512_CRYPT, PasswordScheme.PBKDF2_SHA1, PasswordScheme.PBKDF2_SHA256,
            PasswordScheme.PBKDF2_SHA512);

    private static final Map<PasswordScheme, String> LAYOUT = Map.ofEntries(
            Map.entry(PasswordScheme.PLAIN, "\\{PLAIN}.+"),
            Map.entry(PasswordScheme.MD5, "\\{MD5}[A-Za-z0-9+/]{22}=="),
            Map.entry(PasswordScheme.SMD5, "\\{SMD5}[A-Za-z0-9+/]{32}"),
            Map.entry(PasswordScheme.SHA, "\\{SHA}[A-Za-z0-9+/]{27}="),
            Map.entry(PasswordScheme.SSHA, "\\{SSHA}[A-Za-z0-9+/]{38}=="),
            Map.entry(PasswordScheme.SHA256, "\\{SHA256}[A-Za-z0-9+/]{43}="),
            Map.entry(PasswordScheme.SSHA256, "\\{SSHA256}[A-Za-z0-9+/]{54}=="),
            Map.entry(PasswordScheme.SHA512, "\\{SHA512}[A-Za-z0-9+/]{86}=="),
            Map.entry(PasswordScheme.SSHA512, "\\{SSHA512}[A-Za-z0-9+/]{96}"),
            Map.entry(PasswordScheme.MD5_CRYPT, "\\{CRYPT}\\$1\\$[./0-9A-Za-z]{8}\\$[./0-9A-Za-z]{22}"),
            Map.entry(PasswordScheme.SHA256_CRYPT, "\\{CRYPT}\\$5\\$rounds=500000\\$[./0-9A-Za-z]{16}\\$[./0-9A-Za-z]{43}"),
            Map.entry(PasswordScheme.SHA512_CRYPT, "\\{CRYPT}\\$6\\$rounds=500000\\$[./0-9A-Za-z]{16}\\$[./0-9A-Za-z]{86}"),
            Map.entry(PasswordScheme.BCRYPT, "\\{CRYPT}\\$2b\\$11\\$[./0-9A-Za-z]{53}"),
            Map.entry(PasswordScheme.PBKDF2_SHA1, "\\{PBKDF2}\\$1\\$[./0-9A-Za-z]{16}\\$1300000\\$[0-9a-f]{40}"),
            Map.entry(PasswordScheme.PBKDF2_SHA256, "\\{PBKDF2-SHA256}600000\\$[./0-9A-Za-z]{22}\\$[./0-9A-Za-z]{43}"),
            Map.entry(PasswordScheme.PBKDF2_SHA512, "\\{PBKDF2-SHA512}210000\\$[./0-9A-Za-z]{22}\\$[./0-9A-Za-z]{86}"),
            Map.entry(PasswordScheme.ARGON2I,
                    "\\{ARGON2I}\\$argon2i\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"),
            Map.entry(PasswordScheme.ARGON2ID,
                    "\\{ARGON2ID}\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"));

    @ParameterizedTest
    @EnumSource(PasswordScheme.class)
    void roundTrip(PasswordScheme scheme) {
        String stored = Passwords.hash(scheme, PASSWORD);
        assertTrue(Pattern.matches(LAYOUT.get(scheme), stored), stored);
        assertTrue(Passwords.verify(stored, PASSWORD));
        if (!SLOW.contains(scheme)) { // the vectors check wrong passwords against every scheme
            assertFalse(Passwords.verify(stored, PASSWORD.substring(1)));
        }
        assertEquals(scheme, Passwords.scheme(stored).orElseThrow());
        assertEquals(scheme == PasswordScheme.PLAIN, Passwords.isCleartext(stored));
        assertTrue(Passwords.describe(stored).startsWith(scheme.label()), Passwords.describe(stored));
        if (EnumSet.of(PasswordScheme.SMD5, PasswordScheme.SSHA, PasswordScheme.SSHA256, PasswordScheme.SSHA512,
                PasswordScheme.MD5_CRYPT).contains(scheme)) { // the cheap ones: the others salt the same way
            assertNotEquals(stored, Passwords.hash(scheme, PASSWORD), "a fresh salt each time");
        }
    }

    @Test
    void theDefaultIsArgon2id() {
        String stored = Passwords.hash("correct horse battery staple");
        assertTrue(stored.startsWith("{ARGON2ID}$argon2id$v=19$"), stored);
        assertTrue(Passwords.verify(stored, "correct horse battery staple"));
        assertEquals(PasswordScheme.ARGON2ID, Passwords.DEFAULT_SCHEME);
    }

    @Test
    void refusesPasswordsThatVerifyWouldNeverAccept() {
        assertThrows(IllegalArgumentException.class, () -> Passwords.hash(PasswordScheme.SSHA, ""));
        assertThrows(IllegalArgumentException.class, () -> Passwords.hash(PasswordScheme.SSHA, "a\0b"));
        assertThrows(IllegalArgumentException.class, () -> Passwords.hash(PasswordScheme.SSHA, "x".repeat(1025)));
        assertTrue(Passwords.verify(Passwords.hash(PasswordScheme.SSHA, "x".repeat(1024)), "x".repeat(1024)));
        assertThrows(NullPointerException.class, () -> Passwords.hash(PasswordScheme.SSHA, null));
        assertThrows(NullPointerException.class, () -> Passwords.hash(null, "secret"));
    }

    @Test
    void bcryptRefusesPasswordsLongerThan72Bytes() {
        assertThrows(IllegalArgumentException.class, () -> Passwords.hash(PasswordScheme.BCRYPT, "ü".repeat(37)));
        String stored = Passwords.hash(PasswordScheme.BCRYPT, "ü".repeat(36));
        assertTrue(Passwords.verify(stored, "ü".repeat(36)));
    }

    @Test
    void schemesByTheNamesAdminsType() {
        for (PasswordScheme s : PasswordScheme.values()) {
            assertEquals(s, PasswordScheme.forName(s.label()).orElseThrow());
            assertEquals(s, PasswordScheme.forName(s.name().toLowerCase(java.util.Locale.ROOT)).orElseThrow());
        }
        assertEquals(PasswordScheme.BCRYPT, PasswordScheme.forName("blf-crypt").orElseThrow());
        assertEquals(PasswordScheme.PLAIN, PasswordScheme.forName("CLEARTEXT").orElseThrow());
        assertEquals(PasswordScheme.SHA, PasswordScheme.forName("SHA1").orElseThrow());
        assertEquals(PasswordScheme.PBKDF2_SHA1, PasswordScheme.forName("PBKDF2").orElseThrow());
        assertTrue(PasswordScheme.forName("YESCRYPT").isEmpty());
        assertTrue(PasswordScheme.forName(null).isEmpty());
    }
}
