package dev.hermod.store.postgresql.internal;

import dev.hermod.api.store.Keys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The writes of a transaction not yet sent to the server, so that a run of writes costs one round trip.
 *
 * <p>Sets, clears and cleared ranges are kept in order and sent before the next read (which must see
 * them) and at commit; consecutive writes of one kind go as one JDBC batch, in key order, which also
 * keeps row-lock order consistent between transactions.
 *
 * <p>Adds are summed per key and sent only at commit, or before a read of a key they touch: a set,
 * clear or cleared range of the key drops the adds before it, and adds made after a set apply after it
 * because adds are always sent after the other writes. Sending them late means the transaction reads
 * nothing of a counter unless it asks, and holds its row lock only for the commit.
 */
final class PendingWrites {

    private enum Kind { SET, CLEAR, CLEAR_RANGE }

    private record Write(Kind kind, byte[] a, byte[] b) {
    }

    /** Pending writes above this many bytes are sent before the next write. */
    static final long FLUSH_BYTES = 1 << 20;

    private final List<Write> writes = new ArrayList<>();
    private final TreeMap<byte[], Long> adds = new TreeMap<>(Keys::compare);
    private long bytes;

    void set(byte[] key, byte[] value) {
        adds.remove(key);
        writes.add(new Write(Kind.SET, key, value));
        bytes += key.length + value.length;
    }

    void clear(byte[] key) {
        adds.remove(key);
        writes.add(new Write(Kind.CLEAR, key, null));
        bytes += key.length;
    }

    void clearRange(byte[] from, byte[] to) {
        if (Keys.compare(from, to) >= 0) {
            return;
        }
        adds.subMap(from, to).clear();
        writes.add(new Write(Kind.CLEAR_RANGE, from, to));
        bytes += from.length + to.length;
    }

    void add(byte[] key, long delta) {
        adds.merge(key, delta, Long::sum);
    }

    boolean large() {
        return bytes > FLUSH_BYTES;
    }

    boolean hasAddIn(byte[] from, byte[] to) {
        return Keys.compare(from, to) < 0 && !adds.subMap(from, to).isEmpty();
    }

    boolean hasAddTo(byte[] key) {
        return adds.containsKey(key);
    }

    /** Sends the sets, clears and cleared ranges, in order. */
    void sendWrites(Connection c, PgSchema schema) throws SQLException {
        int i = 0;
        while (i < writes.size()) {
            Kind kind = writes.get(i).kind();
            int end = i;
            while (end < writes.size() && writes.get(end).kind() == kind) {
                end++;
            }
            List<Write> run = writes.subList(i, end);
            switch (kind) {
                case SET -> sendSets(c, schema, run);
                case CLEAR -> sendClears(c, schema, run);
                case CLEAR_RANGE -> sendClearRanges(c, schema, run);
            }
            i = end;
        }
        writes.clear();
        bytes = 0;
    }

    /** Sends the adds, in key order. */
    void sendAdds(Connection c, PgSchema schema) throws SQLException {
        if (adds.isEmpty()) {
            return;
        }
        try (PreparedStatement add = c.prepareStatement(schema.add())) {
            for (Map.Entry<byte[], Long> e : adds.entrySet()) {
                add.setBytes(1, e.getKey());
                add.setBytes(2, Keys.encodeLongLittleEndian(e.getValue()));
                add.addBatch();
            }
            add.executeBatch();
        }
        adds.clear();
    }

    private static void sendSets(Connection c, PgSchema schema, List<Write> run) throws SQLException {
        // The last set of a key wins; key order keeps lock order.
        TreeMap<byte[], byte[]> last = new TreeMap<>(Keys::compare);
        for (Write w : run) {
            last.put(w.a(), w.b());
        }
        try (PreparedStatement set = c.prepareStatement(schema.set())) {
            for (Map.Entry<byte[], byte[]> e : last.entrySet()) {
                set.setBytes(1, e.getKey());
                set.setBytes(2, e.getValue());
                set.addBatch();
            }
            set.executeBatch();
        }
    }

    private static void sendClears(Connection c, PgSchema schema, List<Write> run) throws SQLException {
        TreeSet<byte[]> keys = new TreeSet<>(Keys::compare);
        for (Write w : run) {
            keys.add(w.a());
        }
        try (PreparedStatement clear = c.prepareStatement(schema.clear())) {
            for (byte[] key : keys) {
                clear.setBytes(1, PgSchema.prefix(key));
                clear.setBytes(2, key);
                clear.addBatch();
            }
            clear.executeBatch();
        }
    }

    private static void sendClearRanges(Connection c, PgSchema schema, List<Write> run) throws SQLException {
        try (PreparedStatement clear = c.prepareStatement(schema.clearRange())) {
            for (Write w : run) {
                clear.setBytes(1, PgSchema.prefix(w.a()));
                clear.setBytes(2, PgSchema.prefix(w.b()));
                clear.setBytes(3, w.a());
                clear.setBytes(4, w.b());
                clear.addBatch();
            }
            clear.executeBatch();
        }
    }
}
