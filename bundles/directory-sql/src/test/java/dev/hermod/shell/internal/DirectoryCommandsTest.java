package dev.hermod.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.directory.Directory;
import dev.hermod.api.directory.DirectoryAdmin;
import dev.hermod.api.directory.PlainCredentials;
import dev.hermod.api.mail.Address;
import dev.hermod.directory.sql.internal.TestDirectories;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.console.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell's directory commands over the SQL directory's DirectoryAdmin on SQLite: output and errors. */
class DirectoryCommandsTest {

    @TempDir
    Path dir;

    private TestDirectories.Pair sql;
    private Directory directory;
    private DirectoryAdmin admin;
    private String out;
    private String err;

    @BeforeEach
    void open() {
        sql = TestDirectories.sqlite(dir.resolve("directory.sqlite"));
        directory = sql.directory();
        admin = sql.admin();
    }

    @AfterEach
    void close() {
        sql.close();
    }

    @Test
    void accountAddWithOptionsThenLogin() {
        AccountAddCommand add = new AccountAddCommand();
        add.admin = admin;
        add.name = "jane";
        add.password = "s3cret pw";
        add.emails = List.of("jane@example.org", "j.doe@example.org");
        add.quota = "1G";
        add.description = "Jane Doe";
        run(add);
        assertEquals("Added account jane <jane@example.org> with 1 alias(es), quota 1 GiB.\n", out);
        assertEquals("", err);
        assertTrue(directory.authenticate(new PlainCredentials("j.doe@example.org", "s3cret pw")).isPresent());
        run(add);
        assertTrue(err.startsWith("account-add: the name jane is taken"), err);
        assertTrue(err.trim().endsWith("Nothing was changed."), err);
    }

    @Test
    void accountAddPromptsTwiceForThePassword() {
        AccountAddCommand add = new AccountAddCommand();
        add.admin = admin;
        add.name = "bob";
        add.session = session("first", "second");
        run(add);
        assertTrue(err.contains("the two passwords differ"), err);
        assertTrue(directory.principal("bob").isEmpty());
        add.session = session("bob pw", "bob pw");
        run(add);
        assertEquals("Added account bob (no address), quota unlimited.\n", out);
        assertTrue(directory.authenticate(new PlainCredentials("bob", "bob pw")).isPresent());
        AccountAddCommand none = new AccountAddCommand();
        none.admin = admin;
        none.name = "carol";
        none.noPassword = true;
        run(none);
        assertTrue(out.contains("no password: set one with hermod:account-passwd carol"), out);
    }

    @Test
    void badInputAndAMissingDirectoryAreExplained() {
        AccountAddCommand add = new AccountAddCommand();
        add.admin = admin;
        add.name = "dave";
        add.noPassword = true;
        add.emails = List.of("not-an-address");
        run(add);
        assertTrue(err.startsWith("account-add: 'not-an-address' is not an email address"), err);
        add.emails = List.of();
        add.quota = "lots";
        run(add);
        assertTrue(err.contains("quota 'lots' is not a size"), err);
        add.admin = null;
        run(add);
        assertTrue(err.startsWith("No directory that Hermod can change is running"), err);
        AccountPasswdCommand passwd = new AccountPasswdCommand();
        passwd.admin = admin;
        passwd.name = "nobody";
        passwd.password = "x";
        run(passwd);
        assertEquals("account-passwd: there is no account, group or list named nobody. Nothing was changed.\n", err);
    }

    @Test
    void theRestOfTheCommands() {
        admin.addAccount("jane", "pw", "Jane Doe", 0, List.of(Address.parse("jane@example.org")));
        AccountPasswdCommand passwd = new AccountPasswdCommand();
        passwd.admin = admin;
        passwd.name = "jane";
        passwd.session = session("new pw", "new pw");
        run(passwd);
        assertEquals("Password of jane changed.\n", out);
        assertTrue(directory.authenticate(new PlainCredentials("jane", "new pw")).isPresent());

        AliasAddCommand alias = new AliasAddCommand();
        alias.admin = admin;
        alias.address = "doe@example.org";
        alias.account = "jane";
        run(alias);
        assertEquals("Mail to doe@example.org now goes to jane.\n", out);
        assertEquals(Set.of("jane"), directory.recipients(Address.parse("doe@example.org")));

        DomainAddCommand domainAdd = new DomainAddCommand();
        domainAdd.admin = admin;
        domainAdd.domain = "example.net";
        run(domainAdd);
        DomainListCommand domains = new DomainListCommand();
        domains.admin = admin;
        run(domains);
        assertEquals("example.net\nexample.org\n", out);
        DomainRemoveCommand domainRemove = new DomainRemoveCommand();
        domainRemove.admin = admin;
        domainRemove.domain = "example.org";
        run(domainRemove);
        assertTrue(err.startsWith("domain-remove: addresses in example.org still exist (doe@example.org, jane@example.org)"), err);

        ListAddCommand list = new ListAddCommand();
        list.admin = admin;
        list.name = "team";
        list.address = "team@example.org";
        run(list);
        ListMemberAddCommand member = new ListMemberAddCommand();
        member.admin = admin;
        member.list = "team";
        member.members = List.of("jane", "friend@elsewhere.test", "nobody");
        run(member);
        assertEquals("Added jane to team.\nAdded friend@elsewhere.test to team.\n", out);
        assertTrue(err.contains("'nobody' is neither an account"), err);
        assertEquals(Set.of("jane"), directory.recipients(Address.parse("team@example.org")));

        CatchAllAddCommand catchAll = new CatchAllAddCommand();
        catchAll.admin = admin;
        catchAll.domain = "example.org";
        catchAll.account = "jane";
        run(catchAll);
        assertEquals(Set.of("jane"), directory.recipients(Address.parse("anything@example.org")));

        AccountListCommand accounts = new AccountListCommand();
        accounts.admin = admin;
        run(accounts);
        assertTrue(out.startsWith("Name  Type        Active  Quota      Addresses"), out);
        assertTrue(out.contains("jane  individual  yes     unlimited  jane@example.org, doe@example.org"), out);
        assertTrue(out.contains("team  list        yes     unlimited  team@example.org"), out);
        assertTrue(out.endsWith("2 entries\n"), out);
        accounts.filter = "TEAM@";
        run(accounts);
        assertTrue(out.endsWith("1 entry\n") && !out.contains("jane  "), out);

        CatchAllRemoveCommand noCatchAll = new CatchAllRemoveCommand();
        noCatchAll.admin = admin;
        noCatchAll.domain = "example.org";
        run(noCatchAll);
        AliasRemoveCommand aliasRemove = new AliasRemoveCommand();
        aliasRemove.admin = admin;
        aliasRemove.address = "jane@example.org";
        run(aliasRemove);
        assertTrue(err.contains("is the primary address of jane"), err);
        aliasRemove.address = "doe@example.org";
        run(aliasRemove);
        assertEquals("Removed the alias doe@example.org.\n", out);
        ListMemberRemoveCommand memberRemove = new ListMemberRemoveCommand();
        memberRemove.admin = admin;
        memberRemove.list = "team";
        memberRemove.member = "jane";
        run(memberRemove);
        assertEquals(Set.of(), directory.recipients(Address.parse("team@example.org")));
        AccountRemoveCommand remove = new AccountRemoveCommand();
        remove.admin = admin;
        remove.name = "jane";
        run(remove);
        assertEquals("Removed jane with its addresses and memberships.\n", out);
        assertTrue(directory.principal("jane").isEmpty());
    }

    private void run(Action action) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            action.execute();
        } catch (Exception ex) {
            throw new AssertionError(ex);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
    }

    /** A session whose readLine answers the given lines in turn. */
    private static Session session(String... lines) {
        Deque<String> answers = new ArrayDeque<>(List.of(lines));
        return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                (self, method, args) -> method.getName().equals("readLine") ? answers.poll() : null);
    }
}
