package dev.hermod.blob.fs.internal;

import dev.hermod.api.mail.BlobHash;
import dev.hermod.api.mail.TemporaryFailureException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;
import java.util.UUID;

/**
 * One put: the content streams into a file in {@code tmp/} while it is hashed; the file is synced, then
 * renamed to its hash, so a blob's name appears only once its bytes are complete and on disk.
 */
final class TempBlob implements AutoCloseable {

    private static final int BUFFER = 64 * 1024;

    private final BlobTree tree;
    private final Path path;
    private final FileChannel channel;
    private boolean published;

    private TempBlob(BlobTree tree, Path path, FileChannel channel) {
        this.tree = tree;
        this.path = path;
        this.channel = channel;
    }

    static TempBlob create(BlobTree tree) {
        Path path = tree.tmp().resolve(UUID.randomUUID() + ".tmp");
        try {
            return new TempBlob(tree, path, FileChannel.open(path,
                    Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), tree.privateFile()));
        } catch (IOException e) {
            throw FsBlobStore.failure("create", path, e);
        }
    }

    /**
     * Copies the caller's stream to the file.
     *
     * @throws IOException if reading {@code content} fails
     * @throws TemporaryFailureException if writing the file fails
     */
    BlobHash write(InputStream content) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[BUFFER];
        ByteBuffer wrapped = ByteBuffer.wrap(buffer);
        for (int n; (n = content.read(buffer)) >= 0; ) {
            digest.update(buffer, 0, n);
            wrapped.clear().limit(n);
            try {
                while (wrapped.hasRemaining()) {
                    channel.write(wrapped);
                }
            } catch (IOException e) {
                throw FsBlobStore.failure("write", path, e);
            }
        }
        return BlobHash.of(digest.digest());
    }

    /** Makes the written bytes the blob {@code hash}: sync, rename into place, sync the directory. */
    void publish(BlobHash hash) {
        Path target = tree.path(hash);
        try {
            if (tree.fsync()) {
                channel.force(true);
            }
            channel.close();
            tree.prepareDirectory(hash);
            if (Files.exists(target)) {
                Files.delete(path); // already stored, by an earlier or a concurrent put
            } else {
                move(hash, target);
            }
            tree.sync(target.getParent());
            published = true;
        } catch (IOException e) {
            throw FsBlobStore.failure("store", target, e);
        }
    }

    /** Deletes the file unless it was published. */
    @Override
    public void close() {
        try {
            channel.close();
            if (!published) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // Left for the clean-up at the next start.
        }
    }

    private void move(BlobHash hash, Path target) throws IOException {
        try {
            Files.move(path, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.delete(path);
        } catch (NoSuchFileException e) {
            if (!Files.exists(path)) {
                throw e;
            }
            tree.forget(hash); // the fan-out directory was removed under us
            tree.prepareDirectory(hash);
            Files.move(path, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
