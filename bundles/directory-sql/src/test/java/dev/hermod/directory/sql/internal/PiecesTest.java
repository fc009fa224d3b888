package dev.hermod.directory.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.directory.PrincipalType;
import dev.hermod.api.mail.Address;
import dev.hermod.password.PasswordScheme;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Placeholders, password schemes, the cache, value conversions and input checks. */
class PiecesTest {

    @Test
    void placeholdersAreCountedOutsideLiteralsAndComments() {
        assertEquals(1, Queries.placeholders("SELECT a FROM t WHERE x = ?", false));
        assertEquals(2, Queries.placeholders(Queries.VERIFY, false));
        assertEquals(2, Queries.placeholders(Queries.EXPAND, false));
        assertEquals(2, Queries.placeholders(Queries.DOMAINS, false));
        assertEquals(1, Queries.placeholders("SELECT '?', \"?\", `?` FROM t -- ?\n WHERE x = ? /* ? */", false));
        assertEquals(1, Queries.placeholders("SELECT 'it''s ?' WHERE x = ?", false));
        assertEquals(1, Queries.placeholders("SELECT 'a\\' WHERE x = ?", false), "standard SQL: no backslash escape");
        assertEquals(1, Queries.placeholders("SELECT 'a\\'?' WHERE x = ?", true), "MySQL: backslash escapes");
        assertEquals(0, Queries.placeholders("SELECT 1", false));
    }

    @Test
    void passwordsGoThroughDevHermodPassword() {
        LibraryPasswords p = new LibraryPasswords(PasswordScheme.SSHA512);
        // python3: base64(sha512(b'secret' + salt) + salt), salt = b'0123456789abcdef'
        String ssha = "{SSHA512}veVOCoSwGP72Xht1aILusDwsSUHyefI11yC6xJHBHZsnVJg6s2+oRchFr/YJLsRuAM0iTVMjwQpm2iqyxIn43DAxMjM0NTY3ODlhYmNkZWY=";
        assertTrue(p.verify(ssha, "secret"));
        assertFalse(p.verify(ssha, "Secret"));
        assertTrue(p.verify("{PLAIN}secret", "secret"));
        assertTrue(p.verify("secret", "secret"), "no scheme: clear text");
        assertFalse(p.verify("", ""));
        assertFalse(p.verify(null, "secret"));
        String hashed = p.hash("new pässword");
        assertTrue(hashed.startsWith("{SSHA512}"), hashed);
        assertTrue(p.verify(hashed, "new pässword"));
        assertEquals(Optional.of("secret"), p.cleartext("{PLAIN}secret"));
        assertEquals(Optional.of("secret"), p.cleartext("secret"));
        assertEquals(Optional.empty(), p.cleartext(hashed));
        assertEquals(PasswordScheme.ARGON2ID, LibraryPasswords.forScheme("").scheme(), "the library's default");
        assertEquals(PasswordScheme.SHA512_CRYPT, LibraryPasswords.forScheme("sha512-crypt").scheme());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> LibraryPasswords.forScheme("rot13"));
        assertTrue(bad.getMessage().contains("password.scheme"), bad.getMessage());
    }

    @Test
    void theCacheKeepsAnswersForItsTtlOnly() {
        AtomicLong now = new AtomicLong();
        AtomicInteger loads = new AtomicInteger();
        LookupCache none = new LookupCache(Duration.ZERO, now::get);
        none.get("k", "a", loads::incrementAndGet);
        none.get("k", "a", loads::incrementAndGet);
        assertEquals(2, loads.get(), "TTL 0: every lookup asks the database");
        LookupCache cache = new LookupCache(Duration.ofSeconds(10), now::get);
        assertEquals(3, (int) cache.get("k", "a", loads::incrementAndGet));
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertEquals(3, (int) cache.get("k", "a", loads::incrementAndGet));
        assertEquals(4, (int) cache.get("other", "a", loads::incrementAndGet));
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertEquals(5, (int) cache.get("k", "a", loads::incrementAndGet), "expired");
        cache.clear();
        assertEquals(6, (int) cache.get("k", "a", loads::incrementAndGet));
        assertThrows(IllegalStateException.class, () -> cache.get("k", "b", () -> {
            throw new IllegalStateException("down");
        }));
        assertEquals(7, (int) cache.get("k", "b", loads::incrementAndGet), "a failure is not kept");
    }

    @Test
    void columnValuesAreReadLeniently() {
        assertTrue(SqlDirectory.flag(1));
        assertTrue(SqlDirectory.flag(true));
        assertTrue(SqlDirectory.flag("Yes"));
        assertTrue(SqlDirectory.flag("t"));
        assertFalse(SqlDirectory.flag(0));
        assertFalse(SqlDirectory.flag(null), "NULL is inactive");
        assertFalse(SqlDirectory.flag("no"));
        assertEquals(0, SqlDirectory.number(null));
        assertEquals(0, SqlDirectory.number(-5));
        assertEquals(42, SqlDirectory.number("42"));
        assertEquals(0, SqlDirectory.number("lots"));
        assertEquals(PrincipalType.INDIVIDUAL, SqlDirectory.type(null));
        assertEquals(PrincipalType.GROUP, SqlDirectory.type("Group"));
        assertEquals(PrincipalType.LIST, SqlDirectory.type("list"));
        assertEquals(PrincipalType.INDIVIDUAL, SqlDirectory.type("person"));
    }

    @Test
    void inputThatNoPrincipalCanHaveIsNotLookedUp() {
        assertTrue(SqlDirectory.lookupable("jane"));
        assertTrue(SqlDirectory.lookupable("\uD83D\uDCE7"));
        assertFalse(SqlDirectory.lookupable(""));
        assertFalse(SqlDirectory.lookupable("a\0b"));
        assertFalse(SqlDirectory.lookupable("a\uD800"));
        assertFalse(SqlDirectory.lookupable("\uDC00a"));
        assertFalse(SqlDirectory.lookupable("x".repeat(SqlDirectory.MAX_INPUT + 1)));
        assertEquals("a!%b!_c!!", SqlDirectory.escapeLike("a%b_c!"));
        assertEquals("example.org", SqlDirectory.normalizeDomain("Example.ORG"));
        assertNull(SqlDirectory.normalizeDomain("a b"));
        assertNull(SqlDirectory.normalizeDomain("%"));
        assertEquals("a b@example.org", SqlDirectory.text(new Address("a b", "example.org")));
        assertEquals(new Address("a b", "example.org"), SqlDirectory.toAddress("a b@example.org"));
        assertEquals(new Address("a@b", "example.org"), SqlDirectory.toAddress("\"a@b\"@example.org"));
        assertNull(SqlDirectory.toAddress("@example.org"));
        assertNull(SqlDirectory.toAddress("jane"));
        assertNull(SqlDirectory.toAddress(" jane@example.org"));
    }

    @Test
    void theDialectComesFromTheUrlAndMessagesHideItsParameters() {
        assertEquals(Dialect.SQLITE, Dialect.of("jdbc:sqlite:/x"));
        assertEquals(Dialect.POSTGRESQL, Dialect.of("jdbc:postgresql://h/d"));
        assertEquals(Dialect.MARIADB, Dialect.of("jdbc:mariadb://h/d"));
        assertEquals(Dialect.MARIADB, Dialect.of("JDBC:MySQL://h/d"));
        assertThrows(IllegalArgumentException.class, () -> Dialect.of("jdbc:h2:mem:x"));
        assertEquals("jdbc:postgresql://h/d", Dialect.display("jdbc:postgresql://h/d?password=x"));
    }
}
