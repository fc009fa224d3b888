package dev.hermod.directory.sql.internal;

import dev.hermod.api.directory.DirectoryAdmin;
import dev.hermod.api.directory.Principal;
import dev.hermod.api.directory.PrincipalType;
import dev.hermod.api.mail.Address;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@link DirectoryAdmin} over the sample schema (see {@link SampleSchema}). Every change is one
 * transaction; names and addresses are compared through {@code lower()}, as the default queries do, and
 * stored as given (addresses as {@code local@domain} with the domain in lower case).
 */
final class SqlDirectoryAdmin implements DirectoryAdmin {

    static final int MAX_NAME = 255;
    private static final int MAX_DESCRIPTION = 1024;
    private static final int MAX_PASSWORD = 4096;

    private final Database db;
    private final SqlDirectory directory;
    private final PasswordCodec passwords;

    SqlDirectoryAdmin(Database db, SqlDirectory directory, PasswordCodec passwords) {
        this.db = db;
        this.directory = directory;
        this.passwords = passwords;
    }

    @Override
    public Principal addAccount(String name, String password, String description, long quota, List<Address> emails) {
        String n = checkName(name, "account name");
        String d = checkDescription(description);
        if (quota < 0) {
            throw new IllegalArgumentException("quota must be 0 (unlimited) or a number of bytes, not " + quota);
        }
        String secret = password == null ? null : passwords.hash(checkPassword(password));
        List<String> addresses = distinctAddresses(emails);
        change("add account " + n, c -> {
            requireFree(c, n);
            for (String a : addresses) {
                requireFreeAddress(c, a);
            }
            update(c, "INSERT INTO accounts (name, secret, description, type, quota, active) VALUES (?, ?, ?, 'individual', ?, 1)",
                    n, secret, d, quota);
            for (int i = 0; i < addresses.size(); i++) {
                update(c, "INSERT INTO emails (name, address, type) VALUES (?, ?, ?)", n, addresses.get(i),
                        i == 0 ? "primary" : "alias");
            }
            return null;
        });
        return now(n);
    }

    @Override
    public void removeAccount(String name) {
        String n = checkName(name, "name");
        change("remove " + n, c -> {
            String canonical = existing(c, n).name();
            update(c, "DELETE FROM emails WHERE lower(name) = lower(?)", canonical);
            update(c, "DELETE FROM group_members WHERE lower(name) = lower(?) OR lower(member_of) = lower(?)",
                    canonical, canonical);
            update(c, "DELETE FROM accounts WHERE lower(name) = lower(?)", canonical);
            return null;
        });
    }

    @Override
    public void setPassword(String name, String password) {
        String n = checkName(name, "account name");
        String secret = passwords.hash(checkPassword(password));
        change("set the password of " + n, c -> {
            Existing e = existing(c, n);
            if (e.type() == PrincipalType.LIST) {
                throw new IllegalArgumentException(e.name() + " is a mailing list, which cannot log in");
            }
            update(c, "UPDATE accounts SET secret = ? WHERE lower(name) = lower(?)", secret, e.name());
            return null;
        });
    }

    @Override
    public void setActive(String name, boolean active) {
        String n = checkName(name, "name");
        change((active ? "enable " : "disable ") + n, c -> {
            update(c, "UPDATE accounts SET active = ? WHERE lower(name) = lower(?)", active ? 1 : 0, existing(c, n).name());
            return null;
        });
    }

    @Override
    public List<Principal> listAccounts() {
        return db.withConnection("account list", c -> {
            Map<String, List<String[]>> emails = new LinkedHashMap<>();
            try (PreparedStatement ps = db.prepare(c, "SELECT name, address, type FROM emails ORDER BY address");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    emails.computeIfAbsent(key(rs.getString(1)), k -> new ArrayList<>())
                            .add(new String[] {rs.getString(2), rs.getString(3)});
                }
            }
            Map<String, Set<String>> memberOf = new LinkedHashMap<>();
            try (PreparedStatement ps = db.prepare(c, "SELECT name, member_of FROM group_members ORDER BY member_of");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    memberOf.computeIfAbsent(key(rs.getString(1)), k -> new LinkedHashSet<>()).add(rs.getString(2));
                }
            }
            List<Principal> out = new ArrayList<>();
            try (PreparedStatement ps = db.prepare(c,
                    "SELECT name, type, description, quota, active FROM accounts ORDER BY name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (name == null || name.isBlank()) {
                        continue;
                    }
                    List<Address> addresses = new ArrayList<>();
                    List<String[]> rows = emails.getOrDefault(key(name), List.of());
                    for (String type : List.of("primary", "list", "alias")) {
                        for (String[] row : rows) {
                            Address a = type.equals(row[1]) && row[0] != null ? SqlDirectory.toAddress(row[0].strip()) : null;
                            if (a != null && !addresses.contains(a)) {
                                addresses.add(a);
                            }
                        }
                    }
                    out.add(new Principal(name, SqlDirectory.type(rs.getString(2)), rs.getString(3),
                            SqlDirectory.number(rs.getObject(4)), 0, addresses,
                            memberOf.getOrDefault(key(name), Set.of()), SqlDirectory.flag(rs.getObject(5))));
                }
            }
            return List.copyOf(out);
        });
    }

    @Override
    public void addAlias(Address address, String name) {
        String a = SqlDirectory.text(address);
        String n = checkName(name, "name");
        change("add alias " + a, c -> {
            String canonical = existing(c, n).name();
            requireFreeAddress(c, a);
            update(c, "INSERT INTO emails (name, address, type) VALUES (?, ?, 'alias')", canonical, a);
            return null;
        });
    }

    @Override
    public void removeAlias(Address address) {
        String a = SqlDirectory.text(address);
        change("remove alias " + a, c -> {
            Optional<String[]> row = addressRow(c, a);
            if (row.isEmpty()) {
                throw new IllegalArgumentException("there is no address " + a);
            }
            switch (row.get()[1]) {
                case "primary" -> throw new IllegalArgumentException(a + " is the primary address of " + row.get()[0]
                        + ", not an alias; it goes with the account (account-remove " + row.get()[0] + ")");
                case "list" -> throw new IllegalArgumentException(a + " is the address of the list " + row.get()[0]
                        + "; it goes with the list (account-remove " + row.get()[0] + ")");
                default -> update(c, "DELETE FROM emails WHERE lower(address) = lower(?)", a);
            }
            return null;
        });
    }

    @Override
    public void addDomain(String domain) {
        String d = checkDomain(domain);
        change("add domain " + d, c -> {
            if (!column(c, "SELECT name FROM domains WHERE lower(name) = lower(?)", d).isEmpty()) {
                throw new IllegalArgumentException("the domain " + d + " is listed already");
            }
            update(c, "INSERT INTO domains (name) VALUES (?)", d);
            return null;
        });
    }

    @Override
    public void removeDomain(String domain) {
        String d = checkDomain(domain);
        change("remove domain " + d, c -> {
            List<String> addresses = new ArrayList<>();
            for (String a : column(c, "SELECT address FROM emails WHERE lower(address) LIKE concat('%@', lower(?))"
                    + " ORDER BY address", d)) {
                if (addresses.size() < 5) {
                    addresses.add(a);
                }
            }
            boolean listed = !column(c, "SELECT name FROM domains WHERE lower(name) = lower(?)", d).isEmpty();
            if (!addresses.isEmpty()) {
                throw new IllegalArgumentException("addresses in " + d + " still exist (" + String.join(", ", addresses)
                        + (addresses.size() == 5 ? ", ..." : "") + ") and keep it local; remove them first"
                        + " (alias-remove, account-remove, catchall-remove)");
            }
            if (!listed) {
                throw new IllegalArgumentException("the domain " + d + " is not listed");
            }
            update(c, "DELETE FROM domains WHERE lower(name) = lower(?)", d);
            return null;
        });
    }

    @Override
    public List<String> listDomains() {
        return db.withConnection("domain list", c -> {
            Set<String> domains = new TreeSet<>();
            try (PreparedStatement ps = db.prepare(c, "SELECT name FROM domains"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String d = SqlDirectory.normalizeDomain(rs.getString(1));
                    if (d != null) {
                        domains.add(d);
                    }
                }
            }
            try (PreparedStatement ps = db.prepare(c, "SELECT address FROM emails"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String a = rs.getString(1);
                    int at = a == null ? -1 : a.lastIndexOf('@');
                    String d = at < 0 ? null : SqlDirectory.normalizeDomain(a.substring(at + 1));
                    if (d != null) {
                        domains.add(d);
                    }
                }
            }
            return List.copyOf(domains);
        });
    }

    @Override
    public Principal addList(String name, Address address, String description) {
        String n = checkName(name, "list name");
        String d = checkDescription(description);
        String a = SqlDirectory.text(address);
        change("add list " + n, c -> {
            requireFree(c, n);
            requireFreeAddress(c, a);
            update(c, "INSERT INTO accounts (name, secret, description, type, quota, active) VALUES (?, NULL, ?, 'list', 0, 1)",
                    n, d);
            update(c, "INSERT INTO emails (name, address, type) VALUES (?, ?, 'list')", n, a);
            return null;
        });
        return now(n);
    }

    @Override
    public void addMember(String list, String member) {
        String l = checkName(list, "list name");
        String m = checkName(member, "member");
        change("add " + m + " to " + l, c -> {
            Existing target = existing(c, l);
            if (target.type() == PrincipalType.INDIVIDUAL) {
                throw new IllegalArgumentException(target.name() + " is an individual account, not a list or group");
            }
            Optional<Existing> principal = find(c, m);
            String stored;
            if (principal.isPresent()) {
                stored = principal.get().name();
            } else {
                Address a = m.indexOf('@') > 0 ? SqlDirectory.toAddress(m) : null;
                if (a == null) {
                    throw new IllegalArgumentException("'" + m + "' is neither an account, group or list, nor an address");
                }
                stored = SqlDirectory.text(a);
            }
            if (key(stored).equals(key(target.name()))) {
                throw new IllegalArgumentException(target.name() + " cannot be a member of itself");
            }
            if (!column(c, "SELECT name FROM group_members WHERE lower(name) = lower(?) AND lower(member_of) = lower(?)",
                    stored, target.name()).isEmpty()) {
                throw new IllegalArgumentException(stored + " is a member of " + target.name() + " already");
            }
            update(c, "INSERT INTO group_members (name, member_of) VALUES (?, ?)", stored, target.name());
            return null;
        });
    }

    @Override
    public void removeMember(String list, String member) {
        String l = checkName(list, "list name");
        String m = checkName(member, "member");
        change("remove " + m + " from " + l, c -> {
            String stored = m;
            Address a = find(c, m).isEmpty() && m.indexOf('@') > 0 ? SqlDirectory.toAddress(m) : null;
            if (a != null) {
                stored = SqlDirectory.text(a);
            }
            int removed = update(c, "DELETE FROM group_members WHERE lower(name) = lower(?) AND lower(member_of) = lower(?)",
                    stored, l);
            if (removed == 0) {
                throw new IllegalArgumentException(m + " is not a member of " + l);
            }
            return null;
        });
    }

    @Override
    public void addCatchAll(String domain, String name) {
        String d = checkDomain(domain);
        String n = checkName(name, "name");
        change("add a catch-all for " + d, c -> {
            String canonical = existing(c, n).name();
            Optional<String[]> taken = addressRow(c, "@" + d);
            if (taken.isPresent()) {
                throw new IllegalArgumentException(d + " has a catch-all already, to " + taken.get()[0]
                        + "; remove it first (catchall-remove " + d + ")");
            }
            update(c, "INSERT INTO emails (name, address, type) VALUES (?, ?, 'alias')", canonical, "@" + d);
            return null;
        });
    }

    @Override
    public void removeCatchAll(String domain) {
        String d = checkDomain(domain);
        change("remove the catch-all of " + d, c -> {
            if (update(c, "DELETE FROM emails WHERE lower(address) = lower(?)", "@" + d) == 0) {
                throw new IllegalArgumentException(d + " has no catch-all");
            }
            return null;
        });
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private record Existing(String name, PrincipalType type) {
    }

    private <T> T change(String what, Database.Work<T> work) {
        try {
            return db.transaction(work);
        } catch (SQLException e) {
            if (Database.constraintViolation(e)) {
                throw new IllegalArgumentException("cannot " + what + ": a name or address it uses was taken"
                        + " meanwhile, or the database refuses it: " + e.getMessage(), e);
            }
            throw db.failure(what, e);
        } finally {
            directory.changed();
        }
    }

    private Principal now(String name) {
        return directory.principalNow(name).orElseThrow(() -> new IllegalStateException(
                "directory.sql: " + name + " was stored but query.name does not find it; do the queries read the"
                        + " sample schema?"));
    }

    private Existing existing(Connection c, String name) throws SQLException {
        return find(c, name).orElseThrow(() -> new IllegalArgumentException(
                "there is no account, group or list named " + name));
    }

    private Optional<Existing> find(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, "SELECT name, type FROM accounts WHERE lower(name) = lower(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Existing(rs.getString(1), SqlDirectory.type(rs.getString(2))))
                        : Optional.empty();
            }
        }
    }

    private void requireFree(Connection c, String name) throws SQLException {
        Optional<Existing> e = find(c, name);
        if (e.isPresent()) {
            throw new IllegalArgumentException("the name " + name + " is taken: " + e.get().type().name()
                    .toLowerCase(Locale.ROOT) + " " + e.get().name() + " exists");
        }
    }

    private void requireFreeAddress(Connection c, String address) throws SQLException {
        Optional<String[]> row = addressRow(c, address);
        if (row.isPresent()) {
            throw new IllegalArgumentException("the address " + address + " is taken: it delivers to " + row.get()[0]);
        }
    }

    /** The name and type of the emails row of an address. */
    private Optional<String[]> addressRow(Connection c, String address) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, "SELECT name, type FROM emails WHERE lower(address) = lower(?)")) {
            ps.setString(1, address);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2)}) : Optional.empty();
            }
        }
    }

    private List<String> column(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, sql)) {
            bind(ps, args);
            List<String> values = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        }
    }

    private int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object v = args[i];
            if (v == null) {
                ps.setNull(i + 1, java.sql.Types.VARCHAR);
            } else if (v instanceof Long l) {
                ps.setLong(i + 1, l);
            } else if (v instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else {
                ps.setString(i + 1, v.toString());
            }
        }
    }

    private static String key(String name) {
        return name == null ? "" : name.toLowerCase(Locale.ROOT);
    }

    private static List<String> distinctAddresses(List<Address> emails) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Address a : emails) {
            String text = SqlDirectory.text(a);
            if (!seen.add(key(text))) {
                throw new IllegalArgumentException("the address " + text + " is given twice");
            }
            out.add(text);
        }
        return out;
    }

    /** A name as stored: not blank, no surrounding spaces, no control characters, at most 255 characters. */
    static String checkName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the " + what + " must not be empty");
        }
        if (name.length() > MAX_NAME) {
            throw new IllegalArgumentException("the " + what + " is " + name.length() + " characters long; at most "
                    + MAX_NAME + " are allowed");
        }
        if (!name.equals(name.strip())) {
            throw new IllegalArgumentException("the " + what + " '" + name + "' starts or ends with white space");
        }
        checkText(name, what);
        return name;
    }

    private static String checkDescription(String description) {
        if (description == null || description.isBlank()) {
            return null;
        }
        if (description.length() > MAX_DESCRIPTION) {
            throw new IllegalArgumentException("the description is longer than " + MAX_DESCRIPTION + " characters");
        }
        checkText(description, "description");
        return description.strip();
    }

    private static String checkPassword(String password) {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the password must not be empty");
        }
        if (password.length() > MAX_PASSWORD) {
            throw new IllegalArgumentException("the password is longer than " + MAX_PASSWORD + " characters");
        }
        if (password.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("the password must not contain NUL characters");
        }
        return password;
    }

    private static String checkDomain(String domain) {
        String d = domain == null ? null : SqlDirectory.normalizeDomain(domain.strip());
        if (d == null) {
            throw new IllegalArgumentException("'" + domain + "' is not a domain name");
        }
        return d;
    }

    private static void checkText(String s, String what) {
        if (!SqlDirectory.lookupable(s)) {
            throw new IllegalArgumentException("the " + what + " contains a NUL character or an unpaired surrogate");
        }
        s.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) {
                throw new IllegalArgumentException("the " + what + " contains the control character U+"
                        + String.format("%04X", cp));
            }
        });
    }
}
