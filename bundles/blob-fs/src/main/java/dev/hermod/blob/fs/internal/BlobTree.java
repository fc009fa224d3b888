package dev.hermod.blob.fs.internal;

import dev.hermod.api.mail.BlobHash;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The store's directory: blob {@code abcd…} lives at {@code ab/cd/abcd…} (65,536 leaf directories keep
 * each one small), blobs being written live in {@code tmp/} on the same file system.
 */
final class BlobTree {

    static final String TMP = "tmp";
    private static final Pattern FAN_OUT = Pattern.compile("[0-9a-f]{2}");
    private static final Pattern BLOB = Pattern.compile("[0-9a-f]{64}");
    private static final int LEVEL_TWO = 256;

    private final Path root;
    private final Path tmp;
    private final boolean fsync;
    private final boolean posix;
    // Fan-out directories known to exist with a synced entry in their parent: bits 0-255 for ab/, then 256 + abcd.
    private final BitSet durable = new BitSet(LEVEL_TWO + 65_536);

    BlobTree(Path root, boolean fsync) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.tmp = this.root.resolve(TMP);
        this.fsync = fsync;
        this.posix = this.root.getFileSystem().supportedFileAttributeViews().contains("posix");
        Files.createDirectories(this.tmp, privateDirectory());
    }

    Path root() {
        return root;
    }

    Path tmp() {
        return tmp;
    }

    boolean fsync() {
        return fsync;
    }

    Path path(BlobHash hash) {
        String hex = hash.hex();
        return root.resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex);
    }

    /** Creates the blob's fan-out directories if needed, their entries synced once per process. */
    void prepareDirectory(BlobHash hash) throws IOException {
        String hex = hash.hex();
        int first = Integer.parseInt(hex.substring(0, 2), 16);
        int second = LEVEL_TWO + Integer.parseInt(hex.substring(0, 4), 16);
        if (isDurable(second)) {
            return;
        }
        Path one = root.resolve(hex.substring(0, 2));
        if (!isDurable(first)) {
            createDirectory(one);
            markDurable(first);
        }
        createDirectory(one.resolve(hex.substring(2, 4)));
        markDurable(second);
    }

    /** Forgets what {@link #prepareDirectory} knew about a blob's directories, e.g. after they vanished. */
    synchronized void forget(BlobHash hash) {
        String hex = hash.hex();
        durable.clear(Integer.parseInt(hex.substring(0, 2), 16));
        durable.clear(LEVEL_TWO + Integer.parseInt(hex.substring(0, 4), 16));
    }

    /** Makes a directory's entries durable, if syncing is on. */
    void sync(Path directory) throws IOException {
        if (fsync) {
            try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
                channel.force(true);
            }
        }
    }

    FileAttribute<?>[] privateFile() {
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }

    /** Up to {@code limit} hashes above {@code after}, ascending, reading one leaf directory at a time. */
    List<BlobHash> list(BlobHash after, int limit) throws IOException {
        String from = after == null ? "" : after.hex();
        String fromFirst = prefix(from, 2);
        String fromSecond = prefix(from, 4);
        List<BlobHash> hashes = new ArrayList<>();
        for (String first : names(root, FAN_OUT, true)) {
            if (first.compareTo(fromFirst) < 0) {
                continue;
            }
            for (String second : names(root.resolve(first), FAN_OUT, true)) {
                if ((first + second).compareTo(fromSecond) < 0) {
                    continue;
                }
                for (String name : names(root.resolve(first).resolve(second), BLOB, false)) {
                    if (name.startsWith(first + second) && name.compareTo(from) > 0) {
                        hashes.add(new BlobHash(name));
                        if (hashes.size() == limit) {
                            return hashes;
                        }
                    }
                }
            }
        }
        return hashes;
    }

    /** Deletes what earlier runs left in {@code tmp/}: puts cut short by a crash or a stop. */
    int removeTemporaryFiles() throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp)) {
            for (Path file : files) {
                if (Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    private void createDirectory(Path directory) throws IOException {
        try {
            Files.createDirectory(directory, privateDirectory());
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(directory)) {
                throw e;
            }
            // Another thread may have created it and not synced its parent yet: sync below anyway.
        }
        sync(directory.getParent());
    }

    private synchronized boolean isDurable(int bit) {
        return durable.get(bit);
    }

    private synchronized void markDurable(int bit) {
        durable.set(bit);
    }

    private FileAttribute<?>[] privateDirectory() {
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                : new FileAttribute<?>[0];
    }

    private static List<String> names(Path directory, Pattern pattern, boolean directories) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (pattern.matcher(name).matches() && (!directories || Files.isDirectory(entry))) {
                    names.add(name);
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            return List.of();
        }
        names.sort(null);
        return names;
    }

    private static String prefix(String hex, int length) {
        return hex.length() < length ? hex : hex.substring(0, length);
    }
}
