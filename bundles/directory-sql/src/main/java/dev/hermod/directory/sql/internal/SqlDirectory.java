package dev.hermod.directory.sql.internal;

import dev.hermod.api.directory.Credentials;
import dev.hermod.api.directory.Directory;
import dev.hermod.api.directory.PlainCredentials;
import dev.hermod.api.directory.Principal;
import dev.hermod.api.directory.PrincipalType;
import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.TemporaryFailureException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Directory} over the configured named queries. See the package documentation for how each
 * method uses them.
 */
final class SqlDirectory implements Directory {

    /** Longer names, addresses and VRFY/EXPN arguments are not looked up: no principal has one. */
    static final int MAX_INPUT = 1024;
    private static final int MAX_SECRET = 4096;
    private static final int MAX_ROWS = 1000;
    private static final int MAX_VERIFY = 10;
    private static final int MAX_LIST_DEPTH = 8;
    private static final Logger LOG = LoggerFactory.getLogger(SqlDirectory.class);

    /** One row of {@code query.name}. */
    record Row(String name, PrincipalType type, String secret, String description, long quota, long quotaMessages,
            boolean active) {

        @Override
        public String toString() {
            return "Row[" + name + ", " + type + ", active=" + active + "]";
        }
    }

    private final Database db;
    private final Queries q;
    private final Columns columns;
    private final PasswordCodec passwords;
    private final LookupCache cache;
    private final boolean loginByEmail;
    private final String separators;
    private final Map<String, Integer> placeholders = new HashMap<>();
    private final String dummySecret;

    SqlDirectory(Database db, SqlDirectoryOptions options, PasswordCodec passwords) {
        this.db = db;
        this.q = options.queries();
        this.columns = options.columns();
        this.passwords = passwords;
        this.cache = new LookupCache(options.cacheTtl(), System::nanoTime);
        this.loginByEmail = options.loginByEmail();
        this.separators = options.subaddressSeparators();
        boolean backslash = db.dialect() == Dialect.MARIADB;
        for (String sql : List.of(q.name(), q.members(), q.recipients(), q.emails(), q.verify(), q.expand(), q.domains())) {
            placeholders.put(sql, Queries.placeholders(sql, backslash));
        }
        // Unknown users cost a hash check too, so that timing does not tell which names exist.
        this.dummySecret = passwords.hash(Long.toHexString(Double.doubleToLongBits(Math.random())));
    }

    // --- Directory -------------------------------------------------------------------------------------

    @Override
    public Optional<Principal> authenticate(Credentials credentials) {
        if (!(credentials instanceof PlainCredentials plain)) {
            return Optional.empty();
        }
        String login = plain.name();
        String secret = plain.secret();
        Optional<Row> row = Optional.empty();
        if (lookupable(login) && secret.length() <= MAX_SECRET) {
            row = row(login);
            if (row.isEmpty() && loginByEmail && login.indexOf('@') > 0) {
                row = rowByAddress(login);
            }
        }
        String stored = row.map(Row::secret).filter(s -> !s.isEmpty()).orElse(null);
        boolean matches = passwords.verify(stored != null ? stored : dummySecret, secret);
        if (stored == null || !matches || !row.get().active() || row.get().type() == PrincipalType.LIST) {
            return Optional.empty();
        }
        return Optional.of(principal(row.get()));
    }

    @Override
    public Optional<Principal> principal(String name) {
        if (!lookupable(name)) {
            return Optional.empty();
        }
        return cache.get("principal", name, () -> row(name).map(this::principal));
    }

    @Override
    public Set<String> recipients(Address address) {
        return cache.get("recipients", text(address), () -> {
            Set<String> names = new LinkedHashSet<>();
            resolveAddress(address, names, new HashSet<>(), 0, false);
            return Collections.unmodifiableSet(names);
        });
    }

    @Override
    public boolean isLocalDomain(String domain) {
        String d = normalizeDomain(domain);
        if (d == null) {
            return false;
        }
        return cache.get("domain", d, () -> !db.firstColumn("query.domains", q.domains(), count(q.domains()), d, 1)
                .isEmpty());
    }

    @Override
    public List<Address> expand(String list) {
        if (q.expand().isEmpty() || !lookupable(list) || list.isBlank()) {
            return List.of();
        }
        String argument = list.strip();
        if (argument.indexOf('@') > 0) {
            Address address = toAddress(argument);
            if (address != null) {
                argument = text(address);
            }
        }
        String key = argument;
        return cache.get("expand", key, () -> members(key));
    }

    @Override
    public List<Principal> verify(String partial) {
        if (q.verify().isEmpty() || !lookupable(partial) || partial.isBlank()) {
            return List.of();
        }
        String escaped = escapeLike(partial.strip());
        return cache.get("verify", escaped, () -> {
            List<Principal> found = new ArrayList<>();
            for (String name : new LinkedHashSet<>(db.firstColumn("query.verify", q.verify(), count(q.verify()), escaped,
                    MAX_VERIFY))) {
                row(name).map(this::principal).ifPresent(found::add);
            }
            return List.copyOf(found);
        });
    }

    @Override
    public Optional<String> cleartextSecret(String name) {
        if (!lookupable(name)) {
            return Optional.empty();
        }
        return row(name).filter(r -> r.active() && r.type() == PrincipalType.INDIVIDUAL && r.secret() != null)
                .flatMap(r -> passwords.cleartext(r.secret()));
    }

    // --- for DirectoryAdmin ----------------------------------------------------------------------------

    /** The principal as the database has it now, bypassing the cache. */
    Optional<Principal> principalNow(String name) {
        return lookupable(name) ? row(name).map(this::principal) : Optional.empty();
    }

    /** Forgets cached answers after a change. */
    void changed() {
        cache.clear();
    }

    // --- resolution ------------------------------------------------------------------------------------

    /**
     * Resolves an address as {@link Directory#recipients} describes: the address itself, else without its
     * sub-address detail, else the domain's catch-all.
     *
     * @return whether any entry matched
     */
    private boolean resolveAddress(Address address, Set<String> out, Set<String> seen, int depth, boolean viaList) {
        if (entry(text(address), out, seen, depth, viaList)) {
            return true;
        }
        int sep = separatorIndex(address.localPart());
        if (sep > 0 && entry(address.localPart().substring(0, sep) + "@" + address.domain(), out, seen, depth, viaList)) {
            return true;
        }
        return entry("@" + address.domain(), out, seen, depth, viaList);
    }

    private boolean entry(String key, Set<String> out, Set<String> seen, int depth, boolean viaList) {
        List<String> names = db.firstColumn("query.recipients", q.recipients(), count(q.recipients()), key, MAX_ROWS);
        for (String name : names) {
            resolveName(name, out, seen, depth, viaList);
        }
        return !names.isEmpty();
    }

    private void resolveName(String name, Set<String> out, Set<String> seen, int depth, boolean viaList) {
        if (!lookupable(name) || !seen.add("n:" + name.toLowerCase(Locale.ROOT))) {
            return;
        }
        Optional<Row> found = row(name);
        if (found.isEmpty()) {
            LOG.debug("directory.sql: query.recipients names '{}', which query.name does not find", name);
            return;
        }
        Row row = found.get();
        if (row.type() != PrincipalType.LIST) {
            // A disabled member of a list is skipped; a disabled addressee is returned for the core to reject.
            if (row.active() || !viaList) {
                out.add(row.name());
            }
            return;
        }
        if (!row.active()) {
            return;
        }
        if (depth >= MAX_LIST_DEPTH) {
            LOG.warn("directory.sql: list {} is nested more than {} lists deep; its members are skipped", row.name(),
                    MAX_LIST_DEPTH);
            return;
        }
        for (Address member : members(row.name())) {
            if (seen.add("a:" + text(member).toLowerCase(Locale.ROOT)) && isLocalDomain(member.domain())) {
                resolveAddress(member, out, seen, depth + 1, true);
            }
        }
    }

    private List<Address> members(String list) {
        if (q.expand().isEmpty()) {
            return List.of();
        }
        Set<Address> members = new LinkedHashSet<>();
        for (String value : db.firstColumn("query.expand", q.expand(), count(q.expand()), list, MAX_ROWS)) {
            Address a = toAddress(value.strip());
            if (a != null) {
                members.add(a);
            }
        }
        return List.copyOf(members);
    }

    private Optional<Row> rowByAddress(String login) {
        Address address = toAddress(login);
        if (address == null) {
            return Optional.empty();
        }
        Set<String> names = new LinkedHashSet<>(db.firstColumn("query.recipients", q.recipients(),
                count(q.recipients()), text(address), 2));
        return names.size() == 1 ? row(names.iterator().next()) : Optional.empty();
    }

    private Principal principal(Row row) {
        List<Address> emails = new ArrayList<>();
        for (String value : db.firstColumn("query.emails", q.emails(), count(q.emails()), row.name(), MAX_ROWS)) {
            Address a = toAddress(value.strip());
            if (a != null && !emails.contains(a)) {
                emails.add(a);
            }
        }
        Set<String> memberOf = new LinkedHashSet<>(db.firstColumn("query.members", q.members(), count(q.members()),
                row.name(), MAX_ROWS));
        return new Principal(row.name(), row.type(), row.description(), row.quota(), row.quotaMessages(), emails,
                memberOf, row.active());
    }

    // --- query.name ------------------------------------------------------------------------------------

    private Optional<Row> row(String name) {
        return db.query("query.name", q.name(), count(q.name()), name, 10, rs -> {
            Row first = null;
            while (rs.next()) {
                Row row = read(rs);
                if (row == null) {
                    continue;
                }
                if (first == null) {
                    first = row;
                } else if (!first.name().equals(row.name())) {
                    LOG.warn("directory.sql: query.name returns several principals for one name ({}, {}); it is"
                            + " treated as unknown", first.name(), row.name());
                    return Optional.empty();
                }
            }
            return Optional.ofNullable(first);
        });
    }

    private Row read(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        String name = rs.getString(column(meta, columns.name(), "column.name"));
        if (name == null || name.isBlank()) {
            return null;
        }
        String type = optionalString(rs, meta, columns.type(), "column.type");
        String secret = optionalString(rs, meta, columns.secret(), "column.secret");
        String description = optionalString(rs, meta, columns.description(), "column.description");
        long quota = number(optionalObject(rs, meta, columns.quota(), "column.quota"));
        long quotaMessages = number(optionalObject(rs, meta, columns.quotaMessages(), "column.quota.messages"));
        boolean active = columns.active().isEmpty() || flag(optionalObject(rs, meta, columns.active(), "column.active"));
        return new Row(name, type(type), secret, description, quota, quotaMessages, active);
    }

    private static int column(ResultSetMetaData meta, String label, String key) throws SQLException {
        List<String> labels = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String l = meta.getColumnLabel(i);
            if (l != null && l.equalsIgnoreCase(label)) {
                return i;
            }
            labels.add(l);
        }
        throw new TemporaryFailureException("directory.sql query.name returns no column '" + label + "' (" + key
                + "); it returns " + labels + ". Fix " + key + ", or set it empty if the query has no such column");
    }

    private static String optionalString(ResultSet rs, ResultSetMetaData meta, String label, String key)
            throws SQLException {
        return label.isEmpty() ? null : rs.getString(column(meta, label, key));
    }

    private static Object optionalObject(ResultSet rs, ResultSetMetaData meta, String label, String key)
            throws SQLException {
        return label.isEmpty() ? null : rs.getObject(column(meta, label, key));
    }

    static PrincipalType type(String value) {
        if (value == null || value.isBlank()) {
            return PrincipalType.INDIVIDUAL;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "group" -> PrincipalType.GROUP;
            case "list", "mailinglist", "mailing-list" -> PrincipalType.LIST;
            default -> PrincipalType.INDIVIDUAL;
        };
    }

    /** A column's value as a count: 0 when null, negative or not a number. */
    static long number(Object value) {
        long n;
        if (value instanceof Number number) {
            n = number.longValue();
        } else if (value == null) {
            n = 0;
        } else {
            try {
                n = Long.parseLong(value.toString().strip());
            } catch (NumberFormatException e) {
                n = 0;
            }
        }
        return Math.max(0, n);
    }

    /** An active flag: true for non-zero numbers, {@code true}, and the words 1, true, t, yes, y, on; NULL is false. */
    static boolean flag(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (value == null) {
            return false;
        }
        return switch (value.toString().strip().toLowerCase(Locale.ROOT)) {
            case "1", "true", "t", "yes", "y", "on" -> true;
            default -> false;
        };
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private int count(String sql) {
        return placeholders.get(sql);
    }

    private int separatorIndex(String local) {
        int best = -1;
        for (int i = 0; i < separators.length(); i++) {
            int at = local.indexOf(separators.charAt(i));
            if (at > 0 && (best < 0 || at < best)) {
                best = at;
            }
        }
        return best;
    }

    /**
     * Whether a name or text may be looked up at all: not longer than {@value #MAX_INPUT} characters, no
     * NUL (which PostgreSQL refuses in text) and no unpaired surrogate (which has no UTF-8 form). No
     * principal, address or list has such a name, so the answer "not found" is true.
     */
    static boolean lookupable(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_INPUT) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** An address as the database stores it: the decoded local part, {@code @}, the domain. */
    static String text(Address address) {
        return address.localPart() + "@" + address.domain();
    }

    /**
     * An address as stored or typed: {@code local@domain} split at the last {@code @}, or a quoted form;
     * {@code null} if it is neither. Surrounding white space makes it no address.
     */
    static Address toAddress(String v) {
        if (!v.equals(v.strip())) {
            return null;
        }
        if (v.startsWith("\"")) {
            try {
                return Address.parse(v);
            } catch (IllegalArgumentException notQuoted) {
                // try as written
            }
        }
        int at = v.lastIndexOf('@');
        if (at <= 0 || at == v.length() - 1) {
            return null;
        }
        try {
            return new Address(v.substring(0, at), v.substring(at + 1));
        } catch (IllegalArgumentException e) {
            try {
                return Address.parse(v);
            } catch (IllegalArgumentException notAnAddress) {
                return null;
            }
        }
    }

    /** The domain normalized as in {@link Address#domain()}, or {@code null} if it is not a domain. */
    static String normalizeDomain(String domain) {
        if (domain == null || domain.isEmpty() || domain.length() > Address.MAX_DOMAIN_LENGTH) {
            return null;
        }
        try {
            return new Address("x", domain).domain();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Escapes LIKE's wildcards with {@code !}, for {@code LIKE ... ESCAPE '!'}. */
    static String escapeLike(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '!' || c == '%' || c == '_') {
                out.append('!');
            }
            out.append(c);
        }
        return out.toString();
    }
}
