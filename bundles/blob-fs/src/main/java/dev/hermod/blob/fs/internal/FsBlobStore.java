package dev.hermod.blob.fs.internal;

import dev.hermod.api.blob.BlobNotFoundException;
import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.mail.BlobHash;
import dev.hermod.api.mail.TemporaryFailureException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Blobs as files in a content-addressed tree on the local file system; see the package documentation. */
@Component(service = BlobStore.class, configurationPid = "blob.fs", property = {"name=fs", "service.ranking:Integer=0"})
@Designate(ocd = FsBlobStore.Config.class)
public final class FsBlobStore implements BlobStore {

    /** Configuration PID {@code blob.fs}. */
    @ObjectClassDefinition(name = "Hermod blob store: file system",
            description = "Blobs (raw messages, uploads) as files named by their SHA-256 under one directory.")
    public @interface Config {

        @AttributeDefinition(name = "Directory", description = "Where blobs are stored. Empty: "
                + "<karaf.data>/hermod/blobs. A relative path is taken under the data directory. Use a local "
                + "file system that supports atomic rename; temporary files go to its tmp/ subdirectory.")
        String directory() default "";

        @AttributeDefinition(name = "fsync", description = "Sync each blob and its directory entry to disk before "
                + "a put returns, so that accepted mail survives a power loss. Turn off only for tests.")
        boolean fsync() default true;
    }

    private static final Logger LOG = LoggerFactory.getLogger(FsBlobStore.class);

    private final BlobTree tree;

    @Activate
    public FsBlobStore(Config config, BundleContext context) {
        this(directory(config.directory(), context.getProperty("karaf.data"), context.getDataFile("")), config.fsync());
    }

    FsBlobStore(Path directory, boolean fsync) {
        try {
            tree = new BlobTree(directory, fsync);
        } catch (IOException e) {
            throw failure("create the blob directory", directory, e);
        }
        try {
            int removed = tree.removeTemporaryFiles();
            if (removed > 0) {
                LOG.info("Removed {} temporary files that interrupted puts left in {}", removed, tree.tmp());
            }
        } catch (IOException e) {
            LOG.warn("Could not clean {}; its files are ignored and retried at the next start", tree.tmp(), e);
        }
        LOG.info("File system blob store in {} (fsync {})", tree.root(), fsync ? "on" : "off");
    }

    @Override
    public BlobHash put(InputStream content) throws IOException {
        try (TempBlob blob = TempBlob.create(tree)) {
            BlobHash hash = blob.write(content);
            blob.publish(hash);
            return hash;
        }
    }

    @Override
    public InputStream get(BlobHash hash) {
        return get(hash, 0, -1);
    }

    @Override
    public InputStream get(BlobHash hash, long offset, long length) {
        if (offset < 0 || length < -1) {
            throw new IllegalArgumentException("a range needs offset >= 0 and length >= -1, not " + offset + ", " + length);
        }
        Path path = tree.path(hash);
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException(hash);
        } catch (IOException e) {
            throw failure("read", path, e);
        }
        try {
            channel.position(offset); // past the end, reads see the end at once
        } catch (IOException e) {
            closeQuietly(channel);
            throw failure("read", path, e);
        }
        InputStream in = Channels.newInputStream(channel);
        return length < 0 ? in : new LimitedInputStream(in, length);
    }

    @Override
    public boolean exists(BlobHash hash) {
        return attributes(hash) != null;
    }

    @Override
    public long size(BlobHash hash) {
        BasicFileAttributes attributes = attributes(hash);
        if (attributes == null) {
            throw new BlobNotFoundException(hash);
        }
        return attributes.size();
    }

    @Override
    public boolean delete(BlobHash hash) {
        Path path = tree.path(hash);
        try {
            return Files.deleteIfExists(path);
        } catch (IOException e) {
            throw failure("delete", path, e);
        }
    }

    @Override
    public List<BlobHash> list(BlobHash after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        try {
            return tree.list(after, limit);
        } catch (IOException e) {
            throw failure("list", tree.root(), e);
        }
    }

    static TemporaryFailureException failure(String action, Path path, IOException cause) {
        return new TemporaryFailureException("Blob store could not " + action + " " + path + ": " + cause
                + "; check that the file system has space and Hermod may write there (PID blob.fs, key directory)",
                cause);
    }

    private BasicFileAttributes attributes(BlobHash hash) {
        Path path = tree.path(hash);
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw failure("read", path, e);
        }
    }

    /**
     * The blob directory: {@code configured}, or {@code hermod/blobs}, under Karaf's data directory or else
     * the bundle's data area.
     */
    static Path directory(String configured, String karafData, File dataArea) {
        Path data;
        if (karafData != null && !karafData.isBlank()) {
            data = Path.of(karafData);
        } else if (dataArea != null) {
            data = dataArea.toPath();
        } else if (!configured.isBlank() && Path.of(configured.trim()).isAbsolute()) {
            return Path.of(configured.trim());
        } else {
            throw new IllegalStateException("The framework has no data area and karaf.data is not set: set "
                    + "an absolute path in PID blob.fs, key directory");
        }
        if (configured.isBlank()) {
            return data.resolve("hermod").resolve("blobs");
        }
        return data.resolve(configured.trim()); // an absolute path replaces data
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing to add to the failure reported.
        }
    }
}
