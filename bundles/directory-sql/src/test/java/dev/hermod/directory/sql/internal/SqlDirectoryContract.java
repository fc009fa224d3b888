package dev.hermod.directory.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.directory.Directory;
import dev.hermod.api.directory.PlainCredentials;
import dev.hermod.api.directory.Principal;
import dev.hermod.api.directory.PrincipalType;
import dev.hermod.api.directory.TokenCredentials;
import dev.hermod.api.mail.Address;
import dev.hermod.password.PasswordScheme;
import dev.hermod.password.Passwords;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every database must show through the SQL directory with the sample schema and the default queries:
 * each query, logins by name and by address, inactive accounts, lists, catch-all, sub-addressing, changes
 * made with plain SQL showing at the next lookup, hostile input, and DirectoryAdmin. A subclass supplies the
 * database; the data is reset before each test with plain SQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SqlDirectoryContract {

    static final String JANE_PASSWORD = "jane's pässword";

    /** SSHA512 for speed; the component's default, Argon2id, is checked in SqlDirectoryComponentTest. */
    final LibraryPasswords passwords = new LibraryPasswords(PasswordScheme.SSHA512);
    private final List<Database> opened = new ArrayList<>();
    SqlDirectoryOptions options;
    private DataSource plain;
    Database db;
    SqlDirectory directory;
    SqlDirectoryAdmin admin;

    /** The database's JDBC URL, user and password; the sample schema is created through the directory. */
    abstract SqlDirectoryOptions options();

    /** A connection for plain SQL, not through the directory. */
    abstract DataSource plainDataSource();

    @BeforeEach
    void reset() throws SQLException {
        if (directory == null) {
            options = options();
            plain = plainDataSource();
            db = open(options);
            db.withConnection("schema", c -> SampleSchema.create(c, db.dialect(), "example.org"));
            directory = new SqlDirectory(db, options, passwords);
            admin = new SqlDirectoryAdmin(db, directory, passwords);
        }
        sql("DELETE FROM accounts", "DELETE FROM emails", "DELETE FROM group_members", "DELETE FROM domains");
        sql("INSERT INTO domains (name) VALUES ('example.org'), ('empty.test')",
                "INSERT INTO accounts (name, secret, description, type, quota, active) VALUES"
                        + " ('jane', '" + passwords.hash(JANE_PASSWORD) + "', 'Jane Doe', 'individual', 1000000, 1),"
                        + " ('john', '{PLAIN}john-pw', 'John', 'individual', 0, 1),"
                        + " ('old', '{PLAIN}old-pw', 'Former staff', 'individual', 0, 0),"
                        + " ('sales', NULL, 'Sales', 'group', 0, 1),"
                        + " ('team', NULL, 'The team', 'list', 0, 1),"
                        + " ('all', NULL, 'Everyone', 'list', 0, 1),"
                        + " ('catcher', '{PLAIN}c', NULL, 'individual', 0, 1)",
                "INSERT INTO emails (name, address, type) VALUES"
                        + " ('jane', 'jane@example.org', 'primary'), ('jane', 'j.doe@example.org', 'alias'),"
                        + " ('jane', 'jane+literal@example.org', 'alias'),"
                        + " ('john', 'john@example.org', 'primary'), ('john', 'x@catchall.test', 'alias'),"
                        + " ('sales', 'sales@example.org', 'primary'), ('sales', 'john+special@example.org', 'alias'),"
                        + " ('old', 'old@example.org', 'primary'),"
                        + " ('team', 'team@example.org', 'list'), ('all', 'all@example.org', 'list'),"
                        + " ('catcher', '@catchall.test', 'alias')",
                "INSERT INTO group_members (name, member_of) VALUES"
                        + " ('jane', 'sales'), ('jane', 'team'), ('john', 'team'), ('old', 'team'), ('all', 'team'),"
                        + " ('team', 'all'), ('sales', 'all'), ('bob@external.net', 'all')");
    }

    @AfterAll
    void closeAll() {
        opened.forEach(Database::close);
    }

    Database open(SqlDirectoryOptions o) {
        Database d = new Database(o);
        opened.add(d);
        return d;
    }

    SqlDirectory directory(SqlDirectoryOptions o) {
        return new SqlDirectory(open(o), o, passwords);
    }

    // --- query.name, query.emails, query.members ------------------------------------------------------

    @Test
    void aPrincipalByNameHasItsColumnsAddressesAndGroups() {
        Principal jane = directory.principal("jane").orElseThrow();
        assertEquals("jane", jane.name());
        assertEquals(PrincipalType.INDIVIDUAL, jane.type());
        assertEquals("Jane Doe", jane.description());
        assertEquals(1_000_000, jane.quota());
        assertTrue(jane.active());
        assertEquals(List.of(a("jane@example.org"), a("j.doe@example.org"), a("jane+literal@example.org")), jane.emails());
        assertEquals(Set.of("sales", "team"), jane.memberOf());
        assertEquals("jane", directory.principal("JANE").orElseThrow().name(), "ASCII case is ignored, the name is canonical");
        assertEquals(PrincipalType.GROUP, directory.principal("sales").orElseThrow().type());
        Principal team = directory.principal("team").orElseThrow();
        assertEquals(PrincipalType.LIST, team.type());
        assertEquals(List.of(a("team@example.org")), team.emails());
        assertEquals(Set.of("all"), team.memberOf());
        assertFalse(directory.principal("old").orElseThrow().active());
        assertTrue(directory.principal("nobody").isEmpty());
    }

    // --- authenticate ---------------------------------------------------------------------------------

    @Test
    void loginByNameChecksTheHashedOrPlainSecret() {
        assertEquals("jane", login("jane", JANE_PASSWORD).orElseThrow().name());
        assertEquals("jane", login("Jane", JANE_PASSWORD).orElseThrow().name());
        assertTrue(login("jane", "wrong").isEmpty());
        assertTrue(login("jane", JANE_PASSWORD + " ").isEmpty());
        assertTrue(login("jane", "").isEmpty());
        assertEquals("john", login("john", "john-pw").orElseThrow().name());
        assertTrue(login("nobody", "john-pw").isEmpty());
        assertTrue(directory.authenticate(new TokenCredentials("jane", "token", "XOAUTH2")).isEmpty());
    }

    @Test
    void loginByAddressResolvesTheAccountUnlessTurnedOff() {
        assertEquals("jane", login("jane@example.org", JANE_PASSWORD).orElseThrow().name());
        assertEquals("jane", login("J.Doe@example.org", JANE_PASSWORD).orElseThrow().name(), "an alias, any ASCII case");
        assertTrue(login("jane@example.org", "wrong").isEmpty());
        assertTrue(login("team@example.org", JANE_PASSWORD).isEmpty(), "a list's address is no login");
        assertTrue(login("nobody@catchall.test", "c").isEmpty(), "no catch-all for logins");
        SqlDirectory byNameOnly = directory(options.withLoginByEmail(false));
        assertTrue(byNameOnly.authenticate(new PlainCredentials("jane@example.org", JANE_PASSWORD)).isEmpty());
        assertTrue(byNameOnly.authenticate(new PlainCredentials("jane", JANE_PASSWORD)).isPresent());
    }

    @Test
    void inactiveAccountsListsAndAccountsWithoutSecretNeverLogIn() {
        assertTrue(login("old", "old-pw").isEmpty());
        assertTrue(login("old@example.org", "old-pw").isEmpty());
        assertTrue(login("sales", "").isEmpty());
        assertTrue(login("team", "").isEmpty());
        sql("UPDATE accounts SET secret = '{PLAIN}list-pw' WHERE name = 'team'");
        assertTrue(login("team", "list-pw").isEmpty(), "a list never logs in");
        assertEquals(Optional.empty(), directory.cleartextSecret("old"));
        assertEquals(Optional.of("john-pw"), directory.cleartextSecret("john"));
        assertEquals(Optional.empty(), directory.cleartextSecret("jane"), "a hash has no clear text");
    }

    // --- query.recipients: aliases, lists, sub-addressing, catch-all --------------------------------------

    @Test
    void recipientsOfAddressesAndAliases() {
        assertEquals(Set.of("jane"), rcpt("jane@example.org"));
        assertEquals(Set.of("jane"), rcpt("j.doe@example.org"));
        assertEquals(Set.of("jane"), rcpt("JANE@example.org"), "ASCII case of the local part is ignored");
        assertEquals(Set.of("sales"), rcpt("sales@example.org"));
        assertEquals(Set.of("old"), rcpt("old@example.org"), "an inactive addressee is returned for the core to reject");
        assertEquals(Set.of(), rcpt("nobody@example.org"));
        assertEquals(Set.of(), rcpt("jane@other.test"));
    }

    @Test
    void aListDeliversToItsActiveMembersRecursivelyButNotOutside() {
        // team: jane, john, old (inactive), all (a list: team again, sales, bob@external.net)
        assertEquals(Set.of("jane", "john", "sales"), rcpt("team@example.org"));
        assertEquals(Set.of("jane", "john", "sales"), rcpt("all@example.org"));
        assertEquals(Set.of("jane", "john", "sales"), rcpt("team+tag@example.org"));
        sql("UPDATE accounts SET active = 0 WHERE name = 'team'");
        assertEquals(Set.of(), rcpt("team@example.org"), "a disabled list delivers to nobody");
    }

    @Test
    void expandListsTheMembersAddressesLocalOrNot() {
        assertEquals(List.of(a("all@example.org"), a("jane@example.org"), a("john@example.org"), a("old@example.org")),
                directory.expand("team@example.org"));
        assertEquals(directory.expand("team@example.org"), directory.expand("team"), "by name as well");
        assertEquals(directory.expand("team@example.org"), directory.expand("Team@Example.org"));
        assertEquals(List.of(a("bob@external.net"), a("sales@example.org"), a("team@example.org")),
                directory.expand("all@example.org"));
        assertEquals(List.of(), directory.expand("jane@example.org"), "not a list");
        assertEquals(List.of(), directory.expand("sales"), "a group is not expanded");
    }

    @Test
    void subAddressingFallsBackToTheAddressWithoutDetail() {
        assertEquals(Set.of("jane"), rcpt("jane+news@example.org"));
        assertEquals(Set.of("jane"), rcpt("j.doe+x+y@example.org"));
        assertEquals(Set.of("jane"), rcpt("jane+literal@example.org"));
        assertEquals(Set.of("sales"), rcpt("john+special@example.org"), "a tagged address of its own wins");
        assertEquals(Set.of(), rcpt("+jane@example.org"), "no detail when the separator comes first");
        assertEquals(Set.of(), rcpt("nobody+x@example.org"));
        SqlDirectory none = directory(options.withSubaddressSeparators(""));
        assertEquals(Set.of(), none.recipients(a("jane+news@example.org")));
        SqlDirectory dash = directory(options.withSubaddressSeparators("+-"));
        assertEquals(Set.of("jane"), dash.recipients(a("jane-news@example.org")));
        assertEquals(Set.of("jane"), dash.recipients(a("jane+news@example.org")));
    }

    @Test
    void aCatchAllTakesUnknownAddressesOfItsDomainOnly() {
        assertEquals(Set.of("catcher"), rcpt("anything@catchall.test"));
        assertEquals(Set.of("catcher"), rcpt("any+thing@catchall.test"));
        assertEquals(Set.of("john"), rcpt("x@catchall.test"), "a known address goes to its own principal");
        assertEquals(Set.of("john"), rcpt("x+tag@catchall.test"), "and so do its sub-addresses");
        assertEquals(Set.of(), rcpt("anything@example.org"));
    }

    // --- query.domains, query.verify -------------------------------------------------------------------

    @Test
    void aDomainIsLocalWhenListedOrWhenAnAddressIsInIt() {
        assertTrue(directory.isLocalDomain("example.org"));
        assertTrue(directory.isLocalDomain("empty.test"), "listed, no address");
        assertTrue(directory.isLocalDomain("catchall.test"), "addresses only");
        assertTrue(directory.isLocalDomain("EXAMPLE.org"));
        assertFalse(directory.isLocalDomain("external.net"), "a list member's domain is not local");
        assertFalse(directory.isLocalDomain("other.test"));
        assertFalse(directory.isLocalDomain("org"));
        assertFalse(directory.isLocalDomain("%"));
        assertFalse(directory.isLocalDomain("_xample.org"));
        sql("INSERT INTO emails (name, address, type) VALUES ('john', 'john@new-domain.test', 'alias')");
        assertTrue(directory.isLocalDomain("new-domain.test"), "a new domain needs nothing but an address");
        assertEquals(Set.of("john"), rcpt("john@new-domain.test"));
    }

    @Test
    void verifyFindsIndividualsAndGroupsByPartOfANameOrAddress() {
        assertEquals(List.of("jane"), names(directory.verify("jan")));
        assertEquals(List.of("jane"), names(directory.verify("j.doe")));
        assertEquals(List.of("jane"), names(directory.verify("JANE@EXAMPLE.ORG")));
        assertEquals(List.of("sales"), names(directory.verify("sales")));
        assertEquals(List.of(), names(directory.verify("team")), "lists are for EXPN");
        assertEquals(List.of(), names(directory.verify("%")), "LIKE's wildcards are literal");
        assertEquals(List.of(), names(directory.verify("_")));
        assertEquals(List.of(), names(directory.verify("j%e")));
        assertEquals(List.of(), names(directory.verify("!")));
        assertTrue(directory.verify("example.org").size() <= 5);
        assertEquals(List.of(), directory.verify(""));
    }

    // --- the database is the truth ---------------------------------------------------------------------

    @Test
    void changesMadeWithPlainSqlShowAtTheNextLookup() {
        assertTrue(login("new", "new-pw").isEmpty());
        sql("INSERT INTO accounts (name, secret, type) VALUES ('new', '{PLAIN}new-pw', 'individual')",
                "INSERT INTO emails (name, address, type) VALUES ('new', 'new@example.org', 'primary')");
        assertEquals("new", login("new", "new-pw").orElseThrow().name());
        assertEquals("new", login("new@example.org", "new-pw").orElseThrow().name());
        assertEquals(Set.of("new"), rcpt("new@example.org"));
        sql("UPDATE accounts SET active = 0 WHERE name = 'new'");
        assertTrue(login("new", "new-pw").isEmpty());
        sql("UPDATE accounts SET active = 1, secret = '{PLAIN}changed' WHERE name = 'new'");
        assertTrue(login("new", "new-pw").isEmpty());
        assertTrue(login("new", "changed").isPresent());
        sql("INSERT INTO emails (name, address, type) VALUES ('new', 'alias@example.org', 'alias')",
                "INSERT INTO group_members (name, member_of) VALUES ('new', 'team')");
        assertEquals(Set.of("new"), rcpt("alias@example.org"));
        assertTrue(rcpt("team@example.org").contains("new"));
        sql("DELETE FROM emails WHERE address = 'alias@example.org'");
        assertEquals(Set.of(), rcpt("alias@example.org"));
    }

    // --- hostile input ---------------------------------------------------------------------------------

    static List<String> hostile() {
        return List.of("' OR '1'='1", "jane' --", "jane'; DELETE FROM accounts; --", "\"jane", "ja\"ne", "*", "(", ")",
                "*)(uid=*))(|(uid=*", "\\", "jane\\", "jane\0", "\0", "%", "_", "j%", "jäne", "ジェーン", "\uD83D\uDCE7",
                "x".repeat(10_000), "jane\uD800", "jane\n", " jane", "jane ", "JANE\u0000x");
    }

    @Test
    void hostileInputIsDataAndNeverChangesAQuery() {
        int rows = rowCount();
        for (String s : hostile()) {
            String shown = s.length() > 40 ? s.substring(0, 40) + "..." : s;
            assertTrue(directory.principal(s).isEmpty(), shown);
            assertTrue(login(s, s).isEmpty(), shown);
            assertTrue(login(s, JANE_PASSWORD).isEmpty(), shown);
            assertTrue(login("jane", s).isEmpty(), shown);
            assertTrue(login(s + "@example.org", JANE_PASSWORD).isEmpty(), shown);
            if (s.strip().equals(s)) {
                assertEquals(List.of(), directory.verify(s), shown);
            }
            assertEquals(List.of(), directory.expand(s), shown);
            assertFalse(directory.isLocalDomain(s), shown);
            assertEquals(Optional.empty(), directory.cleartextSecret(s), shown);
            Address address = addressOrNull(s);
            if (address != null) {
                assertEquals(Set.of(), directory.recipients(address), shown);
            }
        }
        assertEquals(rows, rowCount(), "nothing was changed");
    }

    @Test
    void hostileNamesAndPasswordsAreStoredAndMatchedExactly() {
        String name = "o'brien \"the\" (x)*\\ ü";
        String password = "p'w\" OR 1=1 -- *()\\ ü%_";
        admin.addAccount(name, password, "Hostile 'description'", 0, List.of(new Address("o'brien*(x)", "example.org")));
        assertEquals(name, login(name, password).orElseThrow().name());
        assertEquals(name, login(name.toUpperCase(java.util.Locale.ROOT).replace("Ü", "ü"), password).orElseThrow().name());
        assertTrue(login(name, "p'w\"").isEmpty());
        assertTrue(login("o'brien%", password).isEmpty());
        assertTrue(login("o'brien _the_ (x)*\\ ü", password).isEmpty(), "_ is not a wildcard");
        assertEquals(Set.of(name), directory.recipients(new Address("o'brien*(x)", "example.org")));
        assertEquals(Set.of(), directory.recipients(new Address("o'brien*(y)", "example.org")));
        assertEquals(List.of(name), names(directory.verify("brien \"the\"")));
        String unicode = "jöhn";
        admin.addAccount(unicode, "pw-ö", null, 0, List.of(new Address("jöhn", "example.org")));
        assertEquals(unicode, login(unicode, "pw-ö").orElseThrow().name());
        assertTrue(login("john", "pw-ö").isEmpty(), "no accent folding");
        assertEquals(Set.of(unicode), directory.recipients(new Address("jöhn", "example.org")));
        assertEquals(Set.of(), directory.recipients(new Address("jöhn.x", "example.org")));
    }

    // --- DirectoryAdmin --------------------------------------------------------------------------------

    @Test
    void adminAddsAccountsWithHashedPasswordsAndAddresses() {
        Principal p = admin.addAccount("alice", "alice-pw", "Alice", 5_000, List.of(a("alice@example.org"), a("al@example.org")));
        assertEquals(List.of(a("alice@example.org"), a("al@example.org")), p.emails());
        assertEquals(5_000, p.quota());
        assertEquals("alice", login("alice", "alice-pw").orElseThrow().name());
        assertEquals("alice", login("al@example.org", "alice-pw").orElseThrow().name());
        String stored = query("SELECT secret FROM accounts WHERE name = 'alice'");
        assertFalse(stored.contains("alice-pw"), stored);
        assertEquals(Optional.of(PasswordScheme.SSHA512), Passwords.scheme(stored), "hashed with the configured scheme");
        assertEquals(Optional.empty(), directory.cleartextSecret("alice"));
        assertEquals("primary", query("SELECT type FROM emails WHERE address = 'alice@example.org'"));
        IllegalArgumentException taken = assertThrows(IllegalArgumentException.class,
                () -> admin.addAccount("ALICE", null, null, 0, List.of()));
        assertTrue(taken.getMessage().contains("taken"), taken.getMessage());
        IllegalArgumentException address = assertThrows(IllegalArgumentException.class,
                () -> admin.addAccount("bob", null, null, 0, List.of(a("Jane@example.org"))));
        assertTrue(address.getMessage().contains("jane"), address.getMessage());
        assertTrue(directory.principal("bob").isEmpty(), "nothing was added");
        Principal noPassword = admin.addAccount("bob", null, null, 0, List.of());
        assertTrue(noPassword.emails().isEmpty());
        assertTrue(login("bob", "").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> admin.addAccount(" bob2", null, null, 0, List.of()));
        assertThrows(IllegalArgumentException.class, () -> admin.addAccount("bob\u0007", null, null, 0, List.of()));
        assertThrows(IllegalArgumentException.class, () -> admin.addAccount("x".repeat(10_000), null, null, 0, List.of()));
        assertThrows(IllegalArgumentException.class, () -> admin.addAccount("bob3", "", null, 0, List.of()));
        assertThrows(IllegalArgumentException.class, () -> admin.addAccount("bob4", null, null, -1, List.of()));
    }

    @Test
    void adminChangesPasswordsAndActivity() {
        admin.setPassword("jane", "new jane pw");
        assertTrue(login("jane", JANE_PASSWORD).isEmpty());
        assertTrue(login("jane", "new jane pw").isPresent());
        admin.setActive("JANE", false);
        assertTrue(login("jane", "new jane pw").isEmpty());
        admin.setActive("jane", true);
        assertTrue(login("jane", "new jane pw").isPresent());
        assertThrows(IllegalArgumentException.class, () -> admin.setPassword("nobody", "x"));
        assertThrows(IllegalArgumentException.class, () -> admin.setPassword("team", "x"));
        assertThrows(IllegalArgumentException.class, () -> admin.setPassword("jane", ""));
    }

    @Test
    void adminRemovesAccountsWithTheirAddressesAndMemberships() {
        admin.removeAccount("Jane");
        assertTrue(directory.principal("jane").isEmpty());
        assertEquals(Set.of(), rcpt("jane@example.org"));
        assertEquals(Set.of(), rcpt("j.doe@example.org"));
        assertEquals(Set.of("john", "sales"), rcpt("team@example.org"));
        assertEquals("0", query("SELECT count(*) FROM group_members WHERE name = 'jane'"));
        IllegalArgumentException gone = assertThrows(IllegalArgumentException.class, () -> admin.removeAccount("jane"));
        assertTrue(gone.getMessage().contains("no account"), gone.getMessage());
        admin.removeAccount("all");
        assertEquals("0", query("SELECT count(*) FROM group_members WHERE member_of = 'all' OR name = 'all'"));
    }

    @Test
    void adminListsAccounts() {
        List<Principal> all = admin.listAccounts();
        assertEquals(List.of("all", "catcher", "jane", "john", "old", "sales", "team"), names(all));
        Principal jane = all.get(2);
        assertEquals(a("jane@example.org"), jane.emails().get(0));
        assertEquals(3, jane.emails().size());
        assertEquals(Set.of("sales", "team"), jane.memberOf());
        assertFalse(all.get(4).active());
        assertEquals(PrincipalType.LIST, all.get(6).type());
    }

    @Test
    void adminAddsAndRemovesAliases() {
        admin.addAlias(a("doe@example.org"), "JANE");
        assertEquals(Set.of("jane"), rcpt("doe@example.org"));
        assertEquals("jane", query("SELECT name FROM emails WHERE address = 'doe@example.org'"), "the canonical name");
        assertThrows(IllegalArgumentException.class, () -> admin.addAlias(a("DOE@example.org"), "john"));
        assertThrows(IllegalArgumentException.class, () -> admin.addAlias(a("x@example.org"), "nobody"));
        admin.removeAlias(a("Doe@example.org"));
        assertEquals(Set.of(), rcpt("doe@example.org"));
        IllegalArgumentException primary = assertThrows(IllegalArgumentException.class,
                () -> admin.removeAlias(a("jane@example.org")));
        assertTrue(primary.getMessage().contains("primary"), primary.getMessage());
        assertThrows(IllegalArgumentException.class, () -> admin.removeAlias(a("team@example.org")));
        assertThrows(IllegalArgumentException.class, () -> admin.removeAlias(a("none@example.org")));
    }

    @Test
    void adminManagesDomains() {
        assertEquals(List.of("catchall.test", "empty.test", "example.org"), admin.listDomains());
        admin.addDomain("New.Test");
        assertTrue(directory.isLocalDomain("new.test"));
        assertEquals(List.of("catchall.test", "empty.test", "example.org", "new.test"), admin.listDomains());
        assertThrows(IllegalArgumentException.class, () -> admin.addDomain("new.test"));
        assertThrows(IllegalArgumentException.class, () -> admin.addDomain("not a domain"));
        assertThrows(IllegalArgumentException.class, () -> admin.addDomain("%"));
        admin.removeDomain("new.test");
        assertFalse(directory.isLocalDomain("new.test"));
        IllegalArgumentException inUse = assertThrows(IllegalArgumentException.class, () -> admin.removeDomain("example.org"));
        assertTrue(inUse.getMessage().contains("jane@example.org") || inUse.getMessage().contains("all@example.org"),
                inUse.getMessage());
        assertThrows(IllegalArgumentException.class, () -> admin.removeDomain("other.test"));
    }

    @Test
    void adminManagesListsAndTheirMembers() {
        Principal list = admin.addList("friends", a("friends@example.org"), "Friends");
        assertEquals(PrincipalType.LIST, list.type());
        assertEquals(Set.of(), rcpt("friends@example.org"));
        admin.addMember("friends", "JANE");
        admin.addMember("friends", "someone@external.net");
        admin.addMember("friends", "john@example.org");
        admin.addMember("friends", "team");
        assertEquals(Set.of("jane", "john", "sales"), rcpt("friends@example.org"));
        assertEquals(List.of(a("jane@example.org"), a("john@example.org"), a("someone@external.net"), a("team@example.org")),
                directory.expand("friends@example.org"));
        assertThrows(IllegalArgumentException.class, () -> admin.addMember("friends", "jane"), "already a member");
        assertThrows(IllegalArgumentException.class, () -> admin.addMember("friends", "friends"));
        assertThrows(IllegalArgumentException.class, () -> admin.addMember("friends", "nobody"));
        assertThrows(IllegalArgumentException.class, () -> admin.addMember("jane", "john"), "not a list");
        assertThrows(IllegalArgumentException.class, () -> admin.addMember("nolist", "john"));
        admin.removeMember("friends", "jane");
        admin.removeMember("friends", "team");
        assertEquals(Set.of("john"), rcpt("friends@example.org"));
        assertThrows(IllegalArgumentException.class, () -> admin.removeMember("friends", "jane"));
        assertThrows(IllegalArgumentException.class, () -> admin.addList("friends", a("f2@example.org"), null));
        assertThrows(IllegalArgumentException.class, () -> admin.addList("f2", a("jane@example.org"), null));
    }

    @Test
    void adminManagesCatchAlls() {
        admin.addCatchAll("example.org", "john");
        assertEquals(Set.of("john"), rcpt("whoever@example.org"));
        assertEquals(Set.of("jane"), rcpt("jane@example.org"));
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> admin.addCatchAll("example.org", "jane"));
        assertTrue(twice.getMessage().contains("john"), twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> admin.addCatchAll("other.test", "nobody"));
        admin.removeCatchAll("Example.org");
        assertEquals(Set.of(), rcpt("whoever@example.org"));
        assertThrows(IllegalArgumentException.class, () -> admin.removeCatchAll("example.org"));
        admin.addCatchAll("fresh.test", "team");
        assertTrue(directory.isLocalDomain("fresh.test"));
        assertEquals(Set.of("jane", "john", "sales"), rcpt("anyone@fresh.test"));
    }

    // --- helpers ---------------------------------------------------------------------------------------

    Optional<Principal> login(String name, String password) {
        return name.isEmpty() ? Optional.empty() : directory.authenticate(new PlainCredentials(name, password));
    }

    Set<String> rcpt(String address) {
        return directory.recipients(a(address));
    }

    static Address a(String address) {
        return Address.parse(address);
    }

    static Address addressOrNull(String local) {
        try {
            return new Address(local, "example.org");
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static List<String> names(List<Principal> principals) {
        return principals.stream().map(Principal::name).toList();
    }

    void sql(String... statements) {
        try (Connection c = plain.getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new AssertionError("plain SQL failed: " + e.getMessage(), e);
        }
    }

    String query(String sql) {
        try (Connection c = plain.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        } catch (SQLException e) {
            throw new AssertionError("plain SQL failed: " + e.getMessage(), e);
        }
    }

    private int rowCount() {
        int n = 0;
        for (String table : SampleSchema.TABLES) {
            n += Integer.parseInt(query("SELECT count(*) FROM " + table));
        }
        return n;
    }

    /** The directory under test, for subclasses' own tests. */
    Directory directory() {
        return directory;
    }
}
