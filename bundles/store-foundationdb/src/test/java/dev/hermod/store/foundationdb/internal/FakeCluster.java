package dev.hermod.store.foundationdb.internal;

import com.apple.foundationdb.Database;
import com.apple.foundationdb.FDBException;
import com.apple.foundationdb.KeyValue;
import com.apple.foundationdb.MutationType;
import com.apple.foundationdb.Range;
import com.apple.foundationdb.Transaction;
import com.apple.foundationdb.TransactionOptions;
import com.apple.foundationdb.async.AsyncIterable;
import com.apple.foundationdb.async.AsyncIterator;
import dev.hermod.api.store.Keys;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * An in-memory stand-in for a FoundationDB cluster, enough to drive the store's retry loop and wrappers
 * without the native client. Like FoundationDB, a transaction reads a snapshot taken when it starts,
 * sees its own writes, and fails to commit with {@code not_committed} if a transaction that committed
 * after it started wrote a key it read other than by a snapshot read. Failures can be injected.
 */
final class FakeCluster {

    /** The codes FoundationDB's {@code onError} retries, of those the tests use. */
    private static final Set<Integer> RETRYABLE = Set.of(1007, 1009, 1020, 1021, 1037);

    /** The committed data; replaced, never changed, by each commit, so transactions share it as their snapshot. */
    volatile NavigableMap<byte[], byte[]> data = new TreeMap<>(Arrays::compareUnsigned);
    /** Error codes the next commits fail with, one each. */
    final Deque<Integer> commitFailures = new ArrayDeque<>();
    /** Error codes the next reads fail with, one each. */
    final Deque<Integer> readFailures = new ArrayDeque<>();
    /** Error codes the next {@code onError} calls fail with, one each. */
    final Deque<Integer> onErrorFailures = new ArrayDeque<>();
    /** The codes {@code onError} was called with. */
    final List<Integer> onErrors = Collections.synchronizedList(new ArrayList<>());
    volatile int transactions;
    volatile int commits;
    volatile int cancelledIterators;
    volatile long timeoutOption = -1;
    volatile long approximateSize;

    private final List<Written> history = new ArrayList<>();
    private long version;

    /** A range a committed transaction wrote, at its commit version. */
    private record Written(byte[] begin, byte[] end, long version) {
    }

    Transaction newTransaction() {
        return newTransaction(0);
    }

    /** A database handle: creates transactions until it is closed. */
    Database database() {
        boolean[] closed = new boolean[1];
        return (Database) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Database.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "createTransaction" -> {
                        if (closed[0]) {
                            throw new IllegalStateException("Cannot access closed object");
                        }
                        yield newTransaction();
                    }
                    case "close" -> {
                        closed[0] = true;
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "FakeDatabase";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private synchronized Transaction newTransaction(int retries) {
        transactions++;
        return proxy(new State(version, data, retries), false);
    }

    /** A view of a transaction; the snapshot view's reads leave no read conflicts. */
    private Transaction proxy(State state, boolean snapshot) {
        return (Transaction) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Transaction.class},
                (proxy, method, args) -> state.invoke((Transaction) proxy, snapshot, method.getName(), args));
    }

    private synchronized <T> CompletableFuture<T> poll(Deque<Integer> failures) {
        Integer code = failures.poll();
        return code == null ? null : CompletableFuture.failedFuture(new FDBException("injected " + code, code));
    }

    private synchronized CompletableFuture<Void> commit(State state) {
        CompletableFuture<Void> injected = poll(commitFailures);
        if (injected != null) {
            return injected;
        }
        for (Written w : history) {
            if (w.version() > state.readVersion && state.readConflicts.stream().anyMatch(r -> overlaps(r, w))) {
                return CompletableFuture.failedFuture(new FDBException("Transaction not committed", 1020));
            }
        }
        if (!state.writes.isEmpty()) {
            version++;
            NavigableMap<byte[], byte[]> next = new TreeMap<>(data);
            state.writes.forEach(w -> w.accept(next));
            data = next;
            state.writeConflicts.forEach(r -> history.add(new Written(r[0], r[1], version)));
        }
        commits++;
        return CompletableFuture.completedFuture(null);
    }

    private static boolean overlaps(byte[][] range, Written w) {
        return Arrays.compareUnsigned(range[0], w.end()) < 0 && Arrays.compareUnsigned(w.begin(), range[1]) < 0;
    }

    private static byte[][] single(byte[] key) {
        return new byte[][] {key, Keys.concat(key, new byte[1])};
    }

    private static byte[] add(byte[] value, byte[] delta) {
        long sum = value == null ? 0 : Keys.decodeLongLittleEndian(value);
        return Keys.encodeLongLittleEndian(sum + Keys.decodeLongLittleEndian(delta));
    }

    /** One transaction: its snapshot, copied at its first write, its conflict ranges and writes to replay. */
    private final class State {
        private final long readVersion;
        private final NavigableMap<byte[], byte[]> base;
        private NavigableMap<byte[], byte[]> view;
        private final List<Consumer<NavigableMap<byte[], byte[]>>> writes = new ArrayList<>();
        private final List<byte[][]> readConflicts = new ArrayList<>();
        private final List<byte[][]> writeConflicts = new ArrayList<>();
        private final int retries;
        private boolean closed;

        State(long readVersion, NavigableMap<byte[], byte[]> base, int retries) {
            this.readVersion = readVersion;
            this.base = base;
            this.retries = retries;
        }

        Object invoke(Transaction proxy, boolean snapshot, String method, Object[] args) {
            switch (method) {
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                case "toString":
                    return "FakeTransaction";
                case "close":
                    closed = true;
                    return null;
                default:
                    break;
            }
            if (closed) {
                throw new IllegalStateException("Cannot access closed object");
            }
            switch (method) {
                case "options":
                    return new TransactionOptions((code, parameter) -> {
                        if (code == 500) {
                            timeoutOption = Keys.decodeLongLittleEndian(parameter);
                        }
                    });
                case "snapshot":
                    return snapshot ? proxy : proxy(this, true);
                case "get": {
                    CompletableFuture<byte[]> injected = poll(readFailures);
                    if (injected != null) {
                        return injected;
                    }
                    byte[] key = (byte[]) args[0];
                    if (!snapshot) {
                        readConflicts.add(single(key));
                    }
                    byte[] value = (view != null ? view : base).get(key);
                    return CompletableFuture.completedFuture(value == null ? null : value.clone());
                }
                case "getRange":
                    return range((byte[]) args[0], (byte[]) args[1], (int) args[2], (boolean) args[3], snapshot);
                case "set": {
                    // FoundationDB copies keys and values into the native transaction at once.
                    byte[] key = ((byte[]) args[0]).clone();
                    byte[] value = ((byte[]) args[1]).clone();
                    writeConflicts.add(single(key));
                    return write(map -> map.put(key, value));
                }
                case "clear":
                    if (args[0] instanceof Range range) {
                        writeConflicts.add(new byte[][] {range.begin, range.end});
                        return write(map -> map.subMap(range.begin, range.end).clear());
                    }
                    writeConflicts.add(single((byte[]) args[0]));
                    return write(map -> map.remove((byte[]) args[0]));
                case "mutate": {
                    if (args[0] != MutationType.ADD) {
                        throw new UnsupportedOperationException(args[0].toString());
                    }
                    byte[] key = ((byte[]) args[1]).clone();
                    writeConflicts.add(single(key));
                    return write(map -> map.put(key, add(map.get(key), (byte[]) args[2])));
                }
                case "commit":
                    return FakeCluster.this.commit(this);
                case "getApproximateSize":
                    return CompletableFuture.completedFuture(approximateSize);
                case "onError":
                    return onError((FDBException) args[0]);
                default:
                    throw new UnsupportedOperationException(method);
            }
        }

        private CompletableFuture<Transaction> onError(FDBException e) {
            onErrors.add(e.getCode());
            closed = true;
            CompletableFuture<Transaction> injected = poll(onErrorFailures);
            if (injected != null) {
                return injected;
            }
            if (!RETRYABLE.contains(e.getCode())) {
                return CompletableFuture.failedFuture(e);
            }
            try {
                // FoundationDB backs off, randomized and growing.
                Thread.sleep(ThreadLocalRandom.current().nextInt(1 << Math.min(retries + 1, 6)));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return CompletableFuture.completedFuture(newTransaction(retries + 1));
        }

        private Object write(Consumer<NavigableMap<byte[], byte[]>> write) {
            if (view == null) {
                view = new TreeMap<>(base);
            }
            write.accept(view);
            writes.add(write);
            return null;
        }

        private AsyncIterable<KeyValue> range(byte[] begin, byte[] end, int limit, boolean reverse,
                boolean snapshot) {
            CompletableFuture<Boolean> injected = poll(readFailures);
            if (injected != null) {
                return new Pairs(Collections.emptyIterator(), 0, injected);
            }
            if (!snapshot) {
                readConflicts.add(new byte[][] {begin, end});
            }
            NavigableMap<byte[], byte[]> map = view != null ? view : base;
            NavigableMap<byte[], byte[]> range = Arrays.compareUnsigned(begin, end) >= 0 ? new TreeMap<>()
                    : map.subMap(begin, true, end, false);
            if (reverse) {
                range = range.descendingMap();
            }
            // Lazy over the shared snapshot, like FoundationDB's batches; a copy over this transaction's writes.
            Iterator<Map.Entry<byte[], byte[]>> entries = view != null ? List.copyOf(range.entrySet()).iterator()
                    : range.entrySet().iterator();
            return new Pairs(entries, limit, null);
        }
    }

    /** A range's pairs, cloned as they are taken; with a failure, every {@code hasNext} fails. */
    private final class Pairs implements AsyncIterable<KeyValue> {
        private final Iterator<Map.Entry<byte[], byte[]>> entries;
        private final int limit;
        private final CompletableFuture<Boolean> failure;

        Pairs(Iterator<Map.Entry<byte[], byte[]>> entries, int limit, CompletableFuture<Boolean> failure) {
            this.entries = entries;
            this.limit = limit;
            this.failure = failure;
        }

        @Override
        public AsyncIterator<KeyValue> iterator() {
            return new AsyncIterator<>() {
                private int taken;

                @Override
                public CompletableFuture<Boolean> onHasNext() {
                    return failure != null ? failure
                            : CompletableFuture.completedFuture((limit == 0 || taken < limit) && entries.hasNext());
                }

                @Override
                public boolean hasNext() {
                    return onHasNext().join();
                }

                @Override
                public KeyValue next() {
                    Map.Entry<byte[], byte[]> e = entries.next();
                    taken++;
                    return new KeyValue(e.getKey().clone(), e.getValue().clone());
                }

                @Override
                public void cancel() {
                    synchronized (FakeCluster.this) {
                        cancelledIterators++;
                    }
                }
            };
        }

        @Override
        public CompletableFuture<List<KeyValue>> asList() {
            throw new UnsupportedOperationException("the store streams ranges");
        }
    }
}
