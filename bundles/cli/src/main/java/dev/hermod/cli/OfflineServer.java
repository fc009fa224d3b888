package dev.hermod.cli;

import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.migration.BackupParticipant;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.blob.fs.internal.FsBlobStore;
import dev.hermod.store.sqlite.internal.SqliteStoreComponent;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.osgi.framework.BundleContext;

/**
 * The embedded stores of a stopped server, opened directly: SQLite metadata and file-system blobs where
 * {@code etc/store.sqlite.cfg} and {@code etc/blob.fs.cfg} put them (default under {@code data/hermod}). Holds
 * Karaf's instance lock ({@code data/lock}) while open, so the server cannot start meanwhile, and refuses to
 * open while the server runs.
 */
final class OfflineServer implements AutoCloseable {

    private final Path home;
    private final RandomAccessFile lockFile;
    private final FileLock lock;
    final KeyValueStore kv;
    final BlobStore blobs;

    OfflineServer(Path home) throws CliException {
        this.home = home;
        Path data = home.resolve("data");
        if (!Files.isDirectory(home.resolve("etc"))) {
            throw new CliException(ExitCodes.FAILED, home + " is not a Hermod runtime (no etc/): give --home or HERMOD_HOME");
        }
        try {
            Files.createDirectories(data);
            lockFile = new RandomAccessFile(data.resolve("lock").toFile(), "rw");
            FileLock l;
            try {
                l = lockFile.getChannel().tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                lockFile.close();
                throw new CliException(ExitCodes.FAILED, "The server in " + home + " is running (it holds data/lock): stop it"
                        + " for --offline, or leave out --offline to work through the running server");
            }
            lock = l;
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILED, "Cannot lock " + data.resolve("lock") + ": " + e.getMessage());
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        BundleContext context = context(data);
        this.kv = new SqliteStoreComponent(config(SqliteStoreComponent.Config.class, cfg("store.sqlite")), context);
        this.blobs = new FsBlobStore(config(FsBlobStore.Config.class, cfg("blob.fs")), context);
    }

    /** What the running server's participants keep: DKIM keys under etc/, the embedded directory. */
    Map<String, BackupParticipant> participants() {
        return Map.of("etc", new EtcFiles(home.resolve("etc")),
                "directory", new DirectoryFile(home.resolve("data/hermod/directory.sqlite")));
    }

    private Properties cfg(String pid) throws CliException {
        Properties p = new Properties();
        Path file = home.resolve("etc").resolve(pid + ".cfg");
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new CliException(ExitCodes.FAILED, "Cannot read " + file + ": " + e.getMessage());
            }
        }
        for (String key : p.stringPropertyNames()) {
            p.setProperty(key, p.getProperty(key).replace("${karaf.data}", home.resolve("data").toString())
                    .replace("${karaf.home}", home.toString()).replace("${karaf.base}", home.toString())
                    .replace("${karaf.etc}", home.resolve("etc").toString()));
        }
        return p;
    }

    private static BundleContext context(Path data) {
        return (BundleContext) Proxy.newProxyInstance(OfflineServer.class.getClassLoader(), new Class<?>[] {BundleContext.class},
                (self, method, args) -> switch (method.getName()) {
                    case "getProperty" -> "karaf.data".equals(args[0]) ? data.toString() : System.getProperty((String) args[0]);
                    case "getDataFile" -> null;
                    case "toString" -> "BundleContext[offline]";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** An instance of a configuration annotation: values from {@code properties} (keys as Karaf writes them), else defaults. */
    static <A> A config(Class<A> type, Properties properties) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (method.getDeclaringClass() == Object.class || method.getName().equals("annotationType")) {
                return method.getName().equals("annotationType") ? type : method.getName().equals("toString") ? type.getName() : null;
            }
            String key = method.getName().replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
            String value = properties.getProperty(key);
            if (value == null) {
                return method.getDefaultValue();
            }
            Class<?> r = method.getReturnType();
            return r == int.class ? Integer.valueOf(value.trim()) : r == long.class ? Long.valueOf(value.trim())
                    : r == boolean.class ? Boolean.valueOf(value.trim()) : value.trim();
        }));
    }

    @Override
    public void close() {
        deactivate(kv);
        try {
            lock.release();
            lockFile.close();
        } catch (IOException ignored) {
            // the lock goes with the process
        }
    }

    private static void deactivate(Object component) {
        try {
            Method m = component.getClass().getDeclaredMethod("deactivate");
            m.setAccessible(true);
            m.invoke(component);
        } catch (ReflectiveOperationException e) {
            // the database is closed when the process ends
        }
    }
}
