package dev.hermod.store.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hermod.api.store.KeyValue;
import dev.hermod.api.store.Keys;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BatchedRangeIteratorTest {

    private final NavigableMap<byte[], byte[]> data = new TreeMap<>(Keys::compare);
    private final List<String> queries = new ArrayList<>();
    private final TransactionState state = new TransactionState(false, 5_000);

    BatchedRangeIteratorTest() {
        for (int i = 0; i < 10; i++) {
            data.put(new byte[] {(byte) i}, new byte[] {(byte) (100 + i)});
        }
    }

    @Test
    void ascendingInBatchesContinuingAfterTheLastKey() {
        assertEquals(List.of(2, 3, 4, 5, 6, 7, 8), keys(iterator(2, 9, 0, false, 3)));
        assertEquals(List.of("[02,09) 3", "[0400,09) 3", "[0700,09) 3"), queries);
    }

    @Test
    void descendingInBatchesWithALimit() {
        assertEquals(List.of(9, 8, 7, 6, 5), keys(iterator(0, 10, 5, true, 2)));
        assertEquals(List.of("[00,0a) 2 rev", "[00,08) 2 rev", "[00,06) 1 rev"), queries);
    }

    @Test
    void anEmptyRangeFetchesNothing() {
        BatchedRangeIterator it = iterator(5, 5, 0, false, 3);
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
        assertEquals(List.of(), queries);
    }

    @Test
    void closeStopsFetching() {
        BatchedRangeIterator it = iterator(0, 10, 0, false, 2);
        it.next();
        it.close();
        assertFalse(it.hasNext());
        assertEquals(1, queries.size());
    }

    @Test
    void unusableOnceTheTransactionEnded() {
        BatchedRangeIterator it = iterator(0, 10, 0, false, 2);
        state.close();
        assertThrows(IllegalStateException.class, it::hasNext);
    }

    private BatchedRangeIterator iterator(int from, int to, int limit, boolean reverse, int batch) {
        return new BatchedRangeIterator(state, this::fetch, new byte[] {(byte) from}, new byte[] {(byte) to}, limit,
                reverse, batch);
    }

    private List<KeyValue> fetch(byte[] from, byte[] to, int max, boolean reverse) {
        queries.add("[" + hex(from) + "," + hex(to) + ") " + max + (reverse ? " rev" : ""));
        NavigableMap<byte[], byte[]> range = data.subMap(from, true, to, false);
        List<KeyValue> out = new ArrayList<>();
        for (var e : (reverse ? range.descendingMap() : range).entrySet()) {
            if (out.size() == max) {
                break;
            }
            out.add(new KeyValue(e.getKey(), e.getValue()));
        }
        return out;
    }

    private static List<Integer> keys(BatchedRangeIterator it) {
        List<Integer> keys = new ArrayList<>();
        it.forEachRemaining(kv -> keys.add((int) kv.key()[0]));
        return keys;
    }

    private static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }
}
