package dev.hermod.directory.sql.internal;

import java.util.Objects;

/**
 * The named queries an admin configures, each one SQL statement whose every {@code ?} is bound to the same
 * argument (never concatenated into the text). The defaults read the sample schema and run unchanged on
 * SQLite, PostgreSQL and MariaDB/MySQL; they compare names and addresses through {@code lower()} on both
 * sides, so ASCII letters match whatever their case (non-ASCII case folding is the database's: none in
 * SQLite, the collation's in PostgreSQL and MariaDB).
 *
 * @param name       name → one row: the columns of {@link Columns}
 * @param members    name → the names of the groups and lists it belongs to (first column)
 * @param recipients address → the names it delivers to (first column); also asked for {@code @domain}
 *                   (catch-all) and for the address without its sub-address detail
 * @param emails     name → its addresses, primary first (first column)
 * @param verify     partial text → matching names (first column), for VRFY; the argument has {@code !},
 *                   {@code %} and {@code _} escaped with {@code !} for {@code LIKE ... ESCAPE '!'}; empty
 *                   disables VRFY
 * @param expand     a list's address or name → its members' addresses (first column), for EXPN and for
 *                   delivery to the list; empty: lists have no members
 * @param domains    domain → any row if the domain is local
 */
record Queries(String name, String members, String recipients, String emails, String verify, String expand,
        String domains) {

    static final String NAME = "SELECT name, type, secret, description, quota, active FROM accounts"
            + " WHERE lower(name) = lower(?)";
    static final String MEMBERS = "SELECT member_of FROM group_members WHERE lower(name) = lower(?) ORDER BY member_of";
    static final String RECIPIENTS = "SELECT name FROM emails WHERE lower(address) = lower(?) ORDER BY name";
    static final String EMAILS = "SELECT address FROM emails WHERE lower(name) = lower(?)"
            + " ORDER BY CASE type WHEN 'primary' THEN 0 WHEN 'list' THEN 1 ELSE 2 END, address";
    static final String VERIFY = "SELECT DISTINCT a.name FROM accounts a LEFT JOIN emails e ON lower(e.name) = lower(a.name)"
            + " WHERE a.type <> 'list' AND (lower(a.name) LIKE concat('%', lower(?), '%') ESCAPE '!'"
            + " OR lower(e.address) LIKE concat('%', lower(?), '%') ESCAPE '!') ORDER BY a.name LIMIT 5";
    static final String EXPAND = "SELECT coalesce(e.address, m.name) FROM emails l"
            + " JOIN group_members m ON lower(m.member_of) = lower(l.name)"
            + " LEFT JOIN emails e ON lower(e.name) = lower(m.name) AND e.type IN ('primary', 'list')"
            + " WHERE l.type = 'list' AND (lower(l.address) = lower(?) OR lower(l.name) = lower(?)) ORDER BY 1";
    static final String DOMAINS = "SELECT name FROM domains WHERE lower(name) = lower(?)"
            + " UNION ALL SELECT address FROM emails WHERE lower(address) LIKE concat('%@', lower(?)) LIMIT 1";

    /** The queries of the sample schema. */
    static final Queries SAMPLE = new Queries(NAME, MEMBERS, RECIPIENTS, EMAILS, VERIFY, EXPAND, DOMAINS);

    Queries {
        Objects.requireNonNull(verify, "verify");
        Objects.requireNonNull(expand, "expand");
        require(name, "query.name");
        require(members, "query.members");
        require(recipients, "query.recipients");
        require(emails, "query.emails");
        require(domains, "query.domains");
        name = name.strip();
        members = members.strip();
        recipients = recipients.strip();
        emails = emails.strip();
        verify = verify.strip();
        expand = expand.strip();
        domains = domains.strip();
    }

    private static void require(String sql, String key) {
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("directory.sql " + key + " must be an SQL query; its default reads the"
                    + " sample schema");
        }
    }

    /**
     * How many {@code ?} placeholders a statement has, outside string literals, quoted identifiers and
     * comments.
     *
     * @param backslashEscapes whether a backslash escapes a quote inside a literal (MySQL and MariaDB)
     */
    static int placeholders(String sql, boolean backslashEscapes) {
        int count = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            switch (c) {
                case '\'', '"', '`' -> i = skipQuoted(sql, i, c, backslashEscapes);
                case '-' -> {
                    if (sql.startsWith("--", i)) {
                        int end = sql.indexOf('\n', i);
                        i = end < 0 ? sql.length() : end;
                    }
                }
                case '/' -> {
                    if (sql.startsWith("/*", i)) {
                        int end = sql.indexOf("*/", i + 2);
                        i = end < 0 ? sql.length() : end + 1;
                    }
                }
                case '?' -> count++;
                default -> {
                }
            }
        }
        return count;
    }

    private static int skipQuoted(String sql, int start, char quote, boolean backslashEscapes) {
        for (int i = start + 1; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\\' && backslashEscapes && quote != '`') {
                i++;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return sql.length();
    }
}
