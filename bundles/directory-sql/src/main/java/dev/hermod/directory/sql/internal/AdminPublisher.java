package dev.hermod.directory.sql.internal;

import dev.hermod.api.directory.DirectoryAdmin;
import dev.hermod.api.mail.TemporaryFailureException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the {@link DirectoryAdmin} once the database answers and has the sample schema (creating it
 * first when {@code schema.create} is set), on a thread of its own so that a database that is down does not
 * hold up the component's activation; it asks again every few seconds until the database answers.
 */
final class AdminPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdminPublisher.class);
    private static final long FIRST_RETRY_MS = 2_000;
    private static final long LAST_RETRY_MS = 60_000;

    private final Database db;
    private final boolean createSchema;
    private final String sampleDomain;
    private final boolean publish;
    private final DirectoryAdmin admin;
    private final Function<DirectoryAdmin, Runnable> register;
    private final ScheduledExecutorService executor;
    private final CountDownLatch decided = new CountDownLatch(1);
    private Runnable unregister;
    private boolean closed;
    private long retryMs = FIRST_RETRY_MS;

    /**
     * @param register registers the service and returns what unregisters it
     */
    AdminPublisher(Database db, boolean createSchema, String sampleDomain, boolean publish, DirectoryAdmin admin,
            Function<DirectoryAdmin, Runnable> register) {
        this.db = db;
        this.createSchema = createSchema;
        this.sampleDomain = sampleDomain;
        this.publish = publish;
        this.admin = admin;
        this.register = register;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hermod-directory-sql-admin");
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        if (createSchema || publish) {
            executor.execute(this::attempt);
        } else {
            decided.countDown();
        }
    }

    /** Waits until the database has answered whether it has the sample schema (tests). */
    boolean awaitDecision(long millis) throws InterruptedException {
        return decided.await(millis, TimeUnit.MILLISECONDS);
    }

    /** Whether the admin service is registered now. */
    synchronized boolean published() {
        return unregister != null;
    }

    private void attempt() {
        try {
            boolean sample = db.withConnection("sample schema check", c -> {
                if (createSchema) {
                    SampleSchema.create(c, db.dialect(), sampleDomain);
                }
                return SampleSchema.present(c);
            });
            if (!publish) {
                decided.countDown();
                return;
            }
            if (!sample) {
                LOG.info("directory.sql: the database at {} does not have the sample schema ({}); no DirectoryAdmin is"
                        + " registered, so the shell's account commands are not available. Manage it with your own"
                        + " tools.", db.where(), String.join(", ", SampleSchema.TABLES));
                decided.countDown();
                return;
            }
            synchronized (this) {
                if (!closed) {
                    unregister = register.apply(admin);
                }
            }
            decided.countDown();
        } catch (TemporaryFailureException e) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                LOG.warn("directory.sql: {}; the sample schema will be checked again in {} s", e.getMessage(),
                        retryMs / 1000);
                executor.schedule(this::attempt, retryMs, TimeUnit.MILLISECONDS);
                retryMs = Math.min(LAST_RETRY_MS, retryMs * 2);
            }
        } catch (RuntimeException e) {
            LOG.error("directory.sql: cannot check or create the sample schema at {}", db.where(), e);
            decided.countDown();
        }
    }

    @Override
    public void close() {
        Runnable u;
        synchronized (this) {
            closed = true;
            u = unregister;
            unregister = null;
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (u != null) {
            u.run();
        }
    }
}
