package dev.hermod.store.foundationdb.internal;

import com.apple.foundationdb.FDBException;
import com.apple.foundationdb.KeyValue;
import com.apple.foundationdb.MutationType;
import com.apple.foundationdb.Range;
import com.apple.foundationdb.Transaction;
import com.apple.foundationdb.TransactionOptions;
import com.apple.foundationdb.async.AsyncIterable;
import com.apple.foundationdb.async.AsyncIterator;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * An in-memory stand-in for a FoundationDB cluster, enough to drive the store's retry loop and wrappers
 * without the native client: each transaction works on a copy of the data taken when it starts and
 * applies its writes at commit; there is no conflict detection, so failures are injected instead.
 */
final class FakeCluster {

    /** The codes FoundationDB's {@code onError} retries, of those the tests use. */
    private static final Set<Integer> RETRYABLE = Set.of(1007, 1009, 1020, 1021, 1037);

    final NavigableMap<byte[], byte[]> data = new TreeMap<>(Arrays::compareUnsigned);
    /** Error codes the next commits fail with, one each. */
    final Deque<Integer> commitFailures = new ArrayDeque<>();
    /** Error codes the next reads fail with, one each. */
    final Deque<Integer> readFailures = new ArrayDeque<>();
    /** Error codes the next {@code onError} calls fail with, one each. */
    final Deque<Integer> onErrorFailures = new ArrayDeque<>();
    /** The codes {@code onError} was called with. */
    final List<Integer> onErrors = new ArrayList<>();
    int transactions;
    int commits;
    int cancelledIterators;
    long timeoutOption = -1;
    long approximateSize;

    Transaction newTransaction() {
        transactions++;
        State state = new State();
        return (Transaction) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Transaction.class},
                (proxy, method, args) -> state.invoke(proxy, method.getName(), args));
    }

    private static CompletableFuture<Void> failed(int code) {
        return CompletableFuture.failedFuture(new FDBException("injected " + code, code));
    }

    private static byte[] add(byte[] value, byte[] delta) {
        long sum = value == null ? 0 : dev.hermod.api.store.Keys.decodeLongLittleEndian(value);
        return dev.hermod.api.store.Keys.encodeLongLittleEndian(sum
                + dev.hermod.api.store.Keys.decodeLongLittleEndian(delta));
    }

    /** One transaction: a private copy of the data and the writes to replay at commit. */
    private final class State {
        private final NavigableMap<byte[], byte[]> view = new TreeMap<>(data);
        private final List<Consumer<NavigableMap<byte[], byte[]>>> writes = new ArrayList<>();
        private boolean closed;

        Object invoke(Object proxy, String method, Object[] args) {
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
                            timeoutOption = dev.hermod.api.store.Keys.decodeLongLittleEndian(parameter);
                        }
                    });
                case "snapshot":
                    return proxy;
                case "get":
                    if (!readFailures.isEmpty()) {
                        return failed(readFailures.poll());
                    }
                    byte[] value = view.get((byte[]) args[0]);
                    return CompletableFuture.completedFuture(value == null ? null : value.clone());
                case "getRange":
                    return range((byte[]) args[0], (byte[]) args[1], (int) args[2], (boolean) args[3]);
                case "set":
                    return write(map -> map.put((byte[]) args[0], (byte[]) args[1]));
                case "clear":
                    if (args[0] instanceof Range range) {
                        return write(map -> map.subMap(range.begin, range.end).clear());
                    }
                    return write(map -> map.remove((byte[]) args[0]));
                case "mutate":
                    if (args[0] != MutationType.ADD) {
                        throw new UnsupportedOperationException(args[0].toString());
                    }
                    byte[] key = (byte[]) args[1];
                    return write(map -> map.put(key, add(map.get(key), (byte[]) args[2])));
                case "commit":
                    if (!commitFailures.isEmpty()) {
                        return failed(commitFailures.poll());
                    }
                    writes.forEach(w -> w.accept(data));
                    commits++;
                    return CompletableFuture.completedFuture(null);
                case "getApproximateSize":
                    return CompletableFuture.completedFuture(approximateSize);
                case "onError":
                    int code = ((FDBException) args[0]).getCode();
                    onErrors.add(code);
                    closed = true;
                    if (!onErrorFailures.isEmpty()) {
                        return failed(onErrorFailures.poll());
                    }
                    return RETRYABLE.contains(code) ? CompletableFuture.completedFuture(newTransaction())
                            : CompletableFuture.failedFuture((Throwable) args[0]);
                default:
                    throw new UnsupportedOperationException(method);
            }
        }

        private Object write(Consumer<NavigableMap<byte[], byte[]>> write) {
            write.accept(view);
            writes.add(write);
            return null;
        }

        private AsyncIterable<KeyValue> range(byte[] begin, byte[] end, int limit, boolean reverse) {
            if (!readFailures.isEmpty()) {
                int code = readFailures.poll();
                return new Pairs(List.of(), code);
            }
            NavigableMap<byte[], byte[]> range = Arrays.compareUnsigned(begin, end) >= 0 ? new TreeMap<>()
                    : view.subMap(begin, true, end, false);
            List<KeyValue> pairs = new ArrayList<>();
            for (Map.Entry<byte[], byte[]> e : (reverse ? range.descendingMap() : range).entrySet()) {
                if (limit > 0 && pairs.size() == limit) {
                    break;
                }
                pairs.add(new KeyValue(e.getKey().clone(), e.getValue().clone()));
            }
            return new Pairs(pairs, 0);
        }
    }

    /** A range's pairs; with a failure code, the first {@code hasNext} fails. */
    private final class Pairs implements AsyncIterable<KeyValue> {
        private final List<KeyValue> pairs;
        private final int failure;

        Pairs(List<KeyValue> pairs, int failure) {
            this.pairs = pairs;
            this.failure = failure;
        }

        @Override
        public AsyncIterator<KeyValue> iterator() {
            return new AsyncIterator<>() {
                private int next;

                @Override
                public CompletableFuture<Boolean> onHasNext() {
                    return failure != 0 ? CompletableFuture.failedFuture(new FDBException("injected", failure))
                            : CompletableFuture.completedFuture(next < pairs.size());
                }

                @Override
                public boolean hasNext() {
                    return onHasNext().join();
                }

                @Override
                public KeyValue next() {
                    return pairs.get(next++);
                }

                @Override
                public void cancel() {
                    cancelledIterators++;
                }
            };
        }

        @Override
        public CompletableFuture<List<KeyValue>> asList() {
            return CompletableFuture.completedFuture(pairs);
        }
    }
}
