package dev.hermod.directory.sql.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sample schema, which the default queries read and {@link SqlDirectoryAdmin} writes:
 * <pre>
 * accounts(name PRIMARY KEY, secret, description, type individual|group|list, quota default 0, active default 1)
 * group_members(name, member_of)            -- name is a member of the group or list member_of
 * emails(name, address UNIQUE, type primary|alias|list)
 * domains(name PRIMARY KEY)                 -- local domains without addresses yet
 * </pre>
 * Names and addresses are unique whatever their ASCII case (an index on {@code lower()} in SQLite and
 * PostgreSQL; a case-insensitive, accent-sensitive collation in MariaDB/MySQL).
 */
final class SampleSchema {

    static final List<String> TABLES = List.of("accounts", "group_members", "emails", "domains");

    private static final Logger LOG = LoggerFactory.getLogger(SampleSchema.class);

    private static final String ACCOUNTS_CHECKS = "CHECK (type IN ('individual', 'group', 'list'))";
    private static final String EMAILS_CHECKS = "CHECK (type IN ('primary', 'alias', 'list'))";

    private SampleSchema() {
    }

    /** The statements that create the missing tables and indexes, for a dialect. */
    static List<String> statements(Dialect dialect, String mariadbCollation) {
        return switch (dialect) {
            case SQLITE, POSTGRESQL -> {
                String integer = dialect == Dialect.SQLITE ? "INTEGER" : "BIGINT";
                yield List.of(
                        "CREATE TABLE IF NOT EXISTS accounts (name TEXT NOT NULL PRIMARY KEY, secret TEXT, description TEXT,"
                                + " type TEXT NOT NULL DEFAULT 'individual' " + ACCOUNTS_CHECKS + ", quota " + integer
                                + " NOT NULL DEFAULT 0, active INTEGER NOT NULL DEFAULT 1)",
                        "CREATE UNIQUE INDEX IF NOT EXISTS accounts_name_lower ON accounts (lower(name))",
                        "CREATE TABLE IF NOT EXISTS group_members (name TEXT NOT NULL, member_of TEXT NOT NULL,"
                                + " PRIMARY KEY (name, member_of))",
                        "CREATE INDEX IF NOT EXISTS group_members_name_lower ON group_members (lower(name))",
                        "CREATE INDEX IF NOT EXISTS group_members_member_of_lower ON group_members (lower(member_of))",
                        "CREATE TABLE IF NOT EXISTS emails (name TEXT NOT NULL, address TEXT NOT NULL UNIQUE,"
                                + " type TEXT NOT NULL DEFAULT 'alias' " + EMAILS_CHECKS + ")",
                        "CREATE UNIQUE INDEX IF NOT EXISTS emails_address_lower ON emails (lower(address))",
                        "CREATE INDEX IF NOT EXISTS emails_name_lower ON emails (lower(name))",
                        "CREATE TABLE IF NOT EXISTS domains (name TEXT NOT NULL PRIMARY KEY)",
                        "CREATE UNIQUE INDEX IF NOT EXISTS domains_name_lower ON domains (lower(name))");
            }
            case MARIADB -> {
                String table = " DEFAULT CHARSET = utf8mb4 COLLATE = " + mariadbCollation;
                yield List.of(
                        "CREATE TABLE IF NOT EXISTS accounts (name VARCHAR(255) NOT NULL PRIMARY KEY, secret VARCHAR(1024),"
                                + " description VARCHAR(1024), type VARCHAR(16) NOT NULL DEFAULT 'individual' "
                                + ACCOUNTS_CHECKS + ", quota BIGINT NOT NULL DEFAULT 0, active INTEGER NOT NULL DEFAULT 1)"
                                + table,
                        "CREATE TABLE IF NOT EXISTS group_members (name VARCHAR(320) NOT NULL, member_of VARCHAR(255) NOT NULL,"
                                + " PRIMARY KEY (name, member_of), KEY group_members_member_of (member_of))" + table,
                        "CREATE TABLE IF NOT EXISTS emails (name VARCHAR(255) NOT NULL, address VARCHAR(320) NOT NULL UNIQUE,"
                                + " type VARCHAR(16) NOT NULL DEFAULT 'alias' " + EMAILS_CHECKS
                                + ", KEY emails_name (name))" + table,
                        "CREATE TABLE IF NOT EXISTS domains (name VARCHAR(255) NOT NULL PRIMARY KEY)" + table);
            }
        };
    }

    /**
     * Creates the missing tables; if the {@code domains} table is new, puts the sample domain in it.
     *
     * @param sampleDomain the domain, empty for none
     * @return whether the {@code domains} table was created now
     */
    static boolean create(Connection c, Dialect dialect, String sampleDomain) throws SQLException {
        boolean hadDomains = tableExists(c, "domains");
        try (Statement s = c.createStatement()) {
            for (String sql : statements(dialect, dialect == Dialect.MARIADB ? mariadbCollation(c) : "")) {
                s.execute(sql);
            }
        }
        if (!hadDomains && !sampleDomain.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO domains (name) VALUES (?)")) {
                ps.setString(1, sampleDomain);
                ps.executeUpdate();
            } catch (SQLException e) {
                if (!Database.constraintViolation(e)) {
                    throw e;
                }
            }
        }
        if (!hadDomains) {
            LOG.info("directory.sql: created the sample schema ({}){}", String.join(", ", TABLES),
                    sampleDomain.isEmpty() ? "" : " with the example domain " + sampleDomain);
        }
        return !hadDomains;
    }

    /** Whether the four tables exist with the sample columns. */
    static boolean present(Connection c) throws SQLException {
        String[] probes = {
            "SELECT name, secret, description, type, quota, active FROM accounts WHERE 1 = 0",
            "SELECT name, member_of FROM group_members WHERE 1 = 0",
            "SELECT name, address, type FROM emails WHERE 1 = 0",
            "SELECT name FROM domains WHERE 1 = 0"};
        for (String probe : probes) {
            if (!runs(c, probe)) {
                return false;
            }
        }
        return true;
    }

    private static boolean tableExists(Connection c, String table) throws SQLException {
        return runs(c, "SELECT 1 FROM " + table + " WHERE 1 = 0");
    }

    /** Whether a probe runs; a connection failure is thrown, any other error means "no". */
    private static boolean runs(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return true;
        } catch (SQLException e) {
            if (Database.unavailable(e) || c.isClosed()) {
                throw e;
            }
            return false;
        }
    }

    /**
     * A case-insensitive, accent- and trailing-space-sensitive collation: MariaDB 10.10+'s UCA 14.0
     * ({@code uca1400_nopad_as_ci}), else MySQL 8's UCA 9.0 ({@code utf8mb4_0900_as_ci}), else binary without
     * padding (case-sensitive uniqueness; the queries still fold ASCII case).
     */
    static String mariadbCollation(Connection c) throws SQLException {
        List<String> available = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COLLATION_NAME FROM"
                + " information_schema.COLLATIONS WHERE COLLATION_NAME IN ('uca1400_nopad_as_ci',"
                + " 'utf8mb4_uca1400_nopad_as_ci', 'utf8mb4_0900_as_ci', 'utf8mb4_nopad_bin')")) {
            while (rs.next()) {
                available.add(rs.getString(1));
            }
        }
        if (available.contains("uca1400_nopad_as_ci") || available.contains("utf8mb4_uca1400_nopad_as_ci")) {
            return "utf8mb4_uca1400_nopad_as_ci";
        }
        if (available.contains("utf8mb4_0900_as_ci")) {
            return "utf8mb4_0900_as_ci";
        }
        return available.contains("utf8mb4_nopad_bin") ? "utf8mb4_nopad_bin" : "utf8mb4_bin";
    }
}
