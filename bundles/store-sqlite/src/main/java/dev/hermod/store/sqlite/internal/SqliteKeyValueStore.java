package dev.hermod.store.sqlite.internal;

import dev.hermod.api.mail.TemporaryFailureException;
import dev.hermod.api.store.ConflictException;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.api.store.ReadFunction;
import dev.hermod.api.store.WriteFunction;
import dev.hermod.store.support.Gate;
import dev.hermod.store.support.NestingGuard;
import dev.hermod.store.support.RetryLoop;
import dev.hermod.store.support.TransactionState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The key-value store on one SQLite database file in WAL mode.
 *
 * <ul>
 *   <li>One writer connection, used by one write transaction at a time ({@code BEGIN IMMEDIATE}): write
 *       transactions are serial, hence serializable, and never conflict with each other; a writer waiting
 *       longer than the busy timeout is treated as a conflict and retried.</li>
 *   <li>A pool of reader connections: a read transaction is {@code BEGIN} on one of them, and WAL gives
 *       it a snapshot from its first read on, unaffected by later commits; readers and the writer never
 *       block each other.</li>
 *   <li>{@code synchronous=FULL}: a commit is on disk before {@link #write} returns.</li>
 *   <li>Group commit: write transactions that arrive while another commits wait in a queue; the next
 *       thread to get the writer runs every queued one, each inside its own savepoint, and commits them
 *       together. The result is the same as committing them one after another in queue order (a function
 *       that throws is rolled back to its savepoint and fails alone), but many deliveries share one
 *       commit and the pages they dirty, which is what bounds the write rate. Each caller returns only
 *       after the commit that holds its writes. A function may thus run on another caller's thread.</li>
 * </ul>
 */
final class SqliteKeyValueStore implements KeyValueStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteKeyValueStore.class);
    private static final NestingGuard NESTING = new NestingGuard();

    private final SqliteOptions options;
    private final String name;
    private final SqliteConnection writer;
    private final ReentrantLock writerLock = new ReentrantLock(true);
    private final List<SqliteConnection> readers = new ArrayList<>();
    private final BlockingQueue<SqliteConnection> idleReaders;
    private final Gate gate;

    SqliteKeyValueStore(SqliteOptions options) {
        this.options = options;
        Path file = options.file().toAbsolutePath();
        this.name = "SQLite store " + file;
        this.gate = new Gate(name);
        createDirectory(file);
        int busyMillis = (int) Math.min(Integer.MAX_VALUE, options.busyTimeout().toMillis());
        writer = SqliteConnection.open(source(file, busyMillis, true), file, true);
        idleReaders = new ArrayBlockingQueue<>(options.readers());
        try {
            String journal = writer.pragma("journal_mode");
            if (!"wal".equalsIgnoreCase(journal)) {
                throw new TemporaryFailureException(name + ": could not switch to WAL mode (journal_mode is " + journal
                        + "); put the file on a local file system that supports shared memory");
            }
            SQLiteDataSource readerSource = source(file, busyMillis, false);
            for (int i = 0; i < options.readers(); i++) {
                SqliteConnection reader = SqliteConnection.open(readerSource, file, false);
                readers.add(reader);
                idleReaders.add(reader);
            }
        } catch (RuntimeException e) {
            closeConnections();
            throw e;
        }
        LOG.info("SQLite key-value store opened at {} (WAL on, synchronous=FULL, {} reader connections, busy timeout"
                + " {} ms)", file, options.readers(), busyMillis);
    }

    @Override
    public <T> T read(ReadFunction<T> function) {
        Objects.requireNonNull(function, "function");
        NESTING.checkNotNested();
        return RetryLoop.run(name, attempt -> gate.call(() -> {
            SqliteConnection reader = takeReader();
            try {
                return run(reader, false, function::apply);
            } finally {
                idleReaders.add(reader);
            }
        }));
    }

    @Override
    public <T> T write(WriteFunction<T> function) {
        Objects.requireNonNull(function, "function");
        NESTING.checkNotNested();
        return RetryLoop.run(name, attempt -> gate.call(() -> {
            QueuedWrite<T> job = new QueuedWrite<>(function);
            queue.add(job);
            while (!job.done()) {
                try {
                    lockWriter();
                } catch (RuntimeException e) {
                    if (queue.remove(job)) {
                        throw e; // it never ran and never will: the retry loop may try again
                    }
                    continue; // another thread is running it: wait for its outcome
                }
                try {
                    if (!job.done()) {
                        commitQueued();
                    }
                } finally {
                    writerLock.unlock();
                }
            }
            return job.outcome();
        }));
    }

    /** Most write transactions one commit takes from the queue. */
    private static final int MAX_GROUP = 64;

    private final java.util.concurrent.ConcurrentLinkedQueue<QueuedWrite<?>> queue =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** A write transaction waiting for a commit, and how it ended. */
    private static final class QueuedWrite<T> {
        final WriteFunction<T> function;
        private volatile boolean done;
        private T result;
        private RuntimeException failure;
        private Error error;

        QueuedWrite(WriteFunction<T> function) {
            this.function = function;
        }

        boolean done() {
            return done;
        }

        void succeed(Object value) {
            @SuppressWarnings("unchecked")
            T t = (T) value;
            result = t;
            done = true;
        }

        void fail(Throwable e) {
            if (e instanceof Error err) {
                error = err;
            } else {
                failure = (RuntimeException) e;
            }
            done = true;
        }

        T outcome() {
            if (error != null) {
                throw error;
            }
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }

    /** Runs the queued write transactions in one SQLite transaction; holds the writer lock. */
    private void commitQueued() {
        List<QueuedWrite<?>> group = new ArrayList<>();
        QueuedWrite<?> next;
        while (group.size() < MAX_GROUP && (next = queue.poll()) != null) {
            group.add(next);
        }
        if (group.isEmpty()) {
            return;
        }
        List<QueuedWrite<?>> succeeded = new ArrayList<>(group.size());
        List<Object> results = new ArrayList<>(group.size());
        boolean committed = false;
        try {
            writer.begin(true);
            for (QueuedWrite<?> job : group) {
                writer.savepoint();
                TransactionState state = new TransactionState(true, options.maxTransactionMillis());
                SqliteTransaction txn = new SqliteTransaction(writer, state);
                try {
                    Object result = NESTING.run(() -> job.function.apply(txn));
                    state.checkCommit();
                    writer.releaseSavepoint();
                    succeeded.add(job);
                    results.add(result);
                } catch (RuntimeException | Error e) {
                    // This one alone fails: its writes are undone, the others' stay.
                    writer.rollbackToSavepoint();
                    job.fail(e);
                } finally {
                    state.close();
                }
            }
            writer.commit();
            committed = true;
            for (int i = 0; i < succeeded.size(); i++) {
                succeeded.get(i).succeed(results.get(i));
            }
        } catch (RuntimeException | Error e) {
            // The transaction as a whole failed (commit, savepoint, or the database itself): every job that
            // has no outcome yet fails with it, and the retry loop of each caller decides what to do.
            for (QueuedWrite<?> job : group) {
                if (!job.done()) {
                    job.fail(e);
                }
            }
        } finally {
            if (!committed) {
                rollbackQuietly(writer);
            }
        }
    }

    /** Refuses new transactions, waits a bounded time for those running, and closes the connections. */
    @Override
    public void close() {
        long wait = options.maxTransactionMillis() + options.busyTimeout().toMillis();
        int running = gate.close(wait);
        if (running > 0) {
            LOG.warn("{}: closing with {} transaction(s) still running after {} ms; they fail", name, running, wait);
        }
        closeConnections();
        LOG.info("SQLite key-value store at {} closed", options.file().toAbsolutePath());
    }

    private interface Body<T> {
        T apply(SqliteTransaction txn);
    }

    private <T> T run(SqliteConnection connection, boolean write, Body<T> function) {
        connection.begin(write);
        TransactionState state = new TransactionState(write, options.maxTransactionMillis());
        SqliteTransaction txn = new SqliteTransaction(connection, state);
        boolean committed = false;
        try {
            T result = NESTING.run(() -> function.apply(txn));
            if (write) {
                state.checkCommit();
                connection.commit();
                committed = true;
            }
            return result;
        } finally {
            state.close();
            if (!committed) {
                rollbackQuietly(connection);
            }
        }
    }

    private void rollbackQuietly(SqliteConnection connection) {
        try {
            connection.rollback();
        } catch (RuntimeException e) {
            LOG.warn("{}: rollback failed: {}", name, e.getMessage());
        }
    }

    private void lockWriter() {
        long millis = options.busyTimeout().toMillis();
        try {
            if (!writerLock.tryLock(millis, TimeUnit.MILLISECONDS)) {
                throw new ConflictException(name + ": another write transaction held the writer for more than " + millis
                        + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TemporaryFailureException(name + ": interrupted while waiting for the writer", e);
        }
    }

    private SqliteConnection takeReader() {
        long millis = options.busyTimeout().toMillis();
        try {
            SqliteConnection reader = idleReaders.poll(millis, TimeUnit.MILLISECONDS);
            if (reader == null) {
                throw new TemporaryFailureException(name + ": all " + options.readers() + " reader connections stayed"
                        + " busy for " + millis + " ms; raise store.sqlite readers if this persists");
            }
            return reader;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TemporaryFailureException(name + ": interrupted while waiting for a reader connection", e);
        }
    }

    private void closeConnections() {
        for (SqliteConnection reader : readers) {
            reader.close();
        }
        writer.close();
    }

    private static SQLiteDataSource source(Path file, int busyMillis, boolean writer) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(busyMillis);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        // No statement here uses generated keys; asking for them costs a query after every insert.
        config.setGetGeneratedKeys(false);
        // A page cache of 16 MiB per connection (the default is 2 MiB) and reads through a memory map: the
        // mail store's indexes touch many pages per message, and each miss is a system call otherwise.
        config.setCacheSize(-16 * 1024);
        config.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, Long.toString(256L * 1024 * 1024));
        if (writer) {
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            // Truncate the WAL file back to 64 MB after a checkpoint.
            config.setJournalSizeLimit(64 * 1024 * 1024);
        }
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file);
        return source;
    }

    private void createDirectory(Path file) {
        Path dir = file.getParent();
        if (dir == null) {
            return;
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new TemporaryFailureException(name + ": cannot create the directory " + dir + " (" + e
                    + "); check store.sqlite path and the permissions", e);
        }
    }
}
