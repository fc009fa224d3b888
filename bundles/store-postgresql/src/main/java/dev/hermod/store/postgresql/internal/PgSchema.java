package dev.hermod.store.postgresql.internal;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The table and the SQL over it.
 *
 * <p>A btree entry holds at most about 2.7 KB, and keys go up to 10 KB, so the key itself cannot be
 * indexed. Instead:
 * <ul>
 *   <li>{@code kh = sha256(k)}, a stored generated column, is the primary key: the identity of a key of
 *       any length, and the arbiter of upserts;</li>
 *   <li>an index on the first {@value #PREFIX} bytes of {@code k} orders range reads: {@code bytea}
 *       compares bytewise as unsigned, a shorter prefix first, and has no collation. Keys sharing those
 *       bytes are ordered by the full key in an incremental sort over that index.</li>
 * </ul>
 * Every query bounds the prefix ({@code p(from) <= p(k) <= p(to)}, true of every {@code k} in
 * {@code [from, to)}) so that the index applies, and then the full key.
 *
 * <p>Counters are added to by {@code <table>_add(a, b)}, a function created with the table that adds
 * two 8-byte little-endian values with carry (so the sum wraps), {@code a} being {@code NULL} for a
 * missing key.
 */
final class PgSchema {

    /** Bytes of the key in the order index. */
    static final int PREFIX = 1024;
    /** SQLSTATE raised by the add function for a value that is not an 8-byte counter. */
    static final String NOT_A_COUNTER = "HM001";

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,40}");

    private final String schema;
    private final String table;
    private final String qualified;
    private final String addFunction;
    private final String p;

    PgSchema(String schema, String table) {
        this.schema = identifier("schema", schema);
        this.table = identifier("table", table);
        this.qualified = quote(this.schema) + "." + quote(this.table);
        this.addFunction = quote(this.schema) + "." + quote(this.table + "_add");
        this.p = "substring(k, 1, " + PREFIX + ")";
    }

    /** Where the data is, for messages: {@code schema.table}. */
    String name() {
        return schema + "." + table;
    }

    /** A 64-bit key for the advisory lock that serializes schema creation between nodes. */
    long lockKey() {
        return 0x4865726d6f64L ^ name().hashCode();
    }

    /**
     * Whether the schema, table, order index and add function exist, in that order; checked first so that
     * a role without the right to create them can use objects an administrator created.
     */
    String existing() {
        return "SELECT to_regnamespace('" + quote(schema) + "') IS NOT NULL, to_regclass('" + qualified
                + "') IS NOT NULL, to_regclass('" + quote(schema) + "." + quote(table + "_order")
                + "') IS NOT NULL, to_regprocedure('" + addFunction + "(bytea,bytea)') IS NOT NULL";
    }

    String createSchema() {
        return "CREATE SCHEMA IF NOT EXISTS " + quote(schema);
    }

    String createTable() {
        return "CREATE TABLE IF NOT EXISTS " + qualified + " (k bytea NOT NULL, v bytea NOT NULL,"
                + " kh bytea GENERATED ALWAYS AS (sha256(k)) STORED PRIMARY KEY)";
    }

    String createIndex() {
        return "CREATE INDEX IF NOT EXISTS " + quote(table + "_order") + " ON " + qualified + " (" + p + ")";
    }

    String createAddFunction() {
        return "CREATE FUNCTION " + addFunction + "(a bytea, b bytea) RETURNS bytea"
                + " LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $f$\n"
                + "DECLARE r bytea := b; c int := 0; s int;\n"
                + "BEGIN\n"
                + "  IF a IS NULL THEN RETURN b; END IF;\n"
                + "  IF length(a) <> 8 THEN\n"
                + "    RAISE EXCEPTION 'the value is % bytes, not an 8-byte little-endian counter', length(a)"
                + " USING ERRCODE = '" + NOT_A_COUNTER + "';\n"
                + "  END IF;\n"
                + "  FOR i IN 0..7 LOOP\n"
                + "    s := get_byte(a, i) + get_byte(b, i) + c;\n"
                + "    r := set_byte(r, i, s & 255);\n"
                + "    c := s >> 8;\n"
                + "  END LOOP;\n"
                + "  RETURN r;\n"
                + "END $f$";
    }

    /** {@code (prefix, key)} */
    String get() {
        return "SELECT v FROM " + qualified + " WHERE " + p + " = ? AND k = ?";
    }

    /** {@code (p(from), p(to), from, to, limit)} */
    String range(boolean reverse) {
        String order = reverse ? p + " DESC, k DESC" : p + ", k";
        return "SELECT k, v FROM " + qualified + " WHERE " + inRange() + " ORDER BY " + order + " LIMIT ?";
    }

    /** {@code (key, value)} */
    String set() {
        return "INSERT INTO " + qualified + " (k, v) VALUES (?, ?) ON CONFLICT (kh) DO UPDATE SET v = EXCLUDED.v";
    }

    /** {@code (key, little-endian delta)}: the delta is also the value of a missing key. */
    String add() {
        return "INSERT INTO " + qualified + " AS t (k, v) VALUES (?, ?) ON CONFLICT (kh) DO UPDATE SET v = "
                + addFunction + "(t.v, EXCLUDED.v)";
    }

    /** {@code (prefix, key)} */
    String clear() {
        return "DELETE FROM " + qualified + " WHERE " + p + " = ? AND k = ?";
    }

    /** {@code (p(from), p(to), from, to)} */
    String clearRange() {
        return "DELETE FROM " + qualified + " WHERE " + inRange();
    }

    static byte[] prefix(byte[] key) {
        return key.length <= PREFIX ? key : Arrays.copyOf(key, PREFIX);
    }

    private String inRange() {
        return p + " >= ? AND " + p + " <= ? AND k >= ? AND k < ?";
    }

    private static String identifier(String what, String value) {
        String v = value == null ? "" : value.trim();
        if (!IDENTIFIER.matcher(v).matches()) {
            throw new IllegalArgumentException("store.postgresql " + what + " must be a lower-case SQL identifier"
                    + " (letters, digits, _; at most 41 characters), not '" + value + "'");
        }
        return v;
    }

    private static String quote(String identifier) {
        return '"' + identifier + '"';
    }
}
