package dev.hermod.core.internal;

import dev.hermod.api.store.KeyValue;
import dev.hermod.api.store.KeyValueIterator;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.api.store.Keys;
import dev.hermod.api.store.ReadFunction;
import dev.hermod.api.store.ReadTransaction;
import dev.hermod.api.store.Transaction;
import dev.hermod.api.store.WriteFunction;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** A unit-test stand-in: one global lock, copy-on-write transactions. Not a provider. */
final class MemoryKeyValueStore implements KeyValueStore {

    final TreeMap<byte[], byte[]> data = new TreeMap<>(Keys::compare);
    /** When positive, counts down write commits and fails the one that reaches zero. */
    int failAfterWrites;

    @Override
    public synchronized <T> T read(ReadFunction<T> function) {
        return function.apply(new Txn(new TreeMap<>(data)));
    }

    @Override
    public synchronized <T> T write(WriteFunction<T> function) {
        Txn txn = new Txn(new TreeMap<>(data));
        T result = function.apply(txn);
        if (failAfterWrites > 0 && --failAfterWrites == 0) {
            throw new dev.hermod.api.mail.TemporaryFailureException("injected failure");
        }
        data.clear();
        data.putAll(txn.view);
        return result;
    }

    private static final class Txn implements Transaction {
        final TreeMap<byte[], byte[]> view;

        Txn(TreeMap<byte[], byte[]> view) {
            this.view = view;
        }

        @Override
        public byte[] get(byte[] key) {
            return view.get(key);
        }

        @Override
        public KeyValueIterator range(byte[] from, byte[] to, int limit, boolean reverse) {
            NavigableMap<byte[], byte[]> sub = Keys.compare(from, to) >= 0 ? new TreeMap<>(Keys::compare)
                    : view.subMap(from, true, to, false);
            List<KeyValue> list = new ArrayList<>();
            for (Map.Entry<byte[], byte[]> e : (reverse ? sub.descendingMap() : sub).entrySet()) {
                if (limit > 0 && list.size() == limit) {
                    break;
                }
                list.add(new KeyValue(e.getKey(), e.getValue()));
            }
            Iterator<KeyValue> it = list.iterator();
            return new KeyValueIterator() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public KeyValue next() {
                    return it.next();
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public void set(byte[] key, byte[] value) {
            view.put(key, value);
        }

        @Override
        public void clear(byte[] key) {
            view.remove(key);
        }

        @Override
        public void clearRange(byte[] from, byte[] to) {
            if (Keys.compare(from, to) < 0) {
                view.subMap(from, true, to, false).clear();
            }
        }

        @Override
        public void add(byte[] key, long delta) {
            view.put(key, Keys.encodeLongLittleEndian(Keys.decodeLongLittleEndian(view.get(key)) + delta));
        }
    }
}
