package dev.hermod.blob.fs.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.mail.BlobHash;
import dev.hermod.api.mail.TemporaryFailureException;
import dev.hermod.tck.BlobStoreContract;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsBlobStoreTest implements BlobStoreContract {

    @TempDir
    Path directory;

    private FsBlobStore store;

    @BeforeEach
    void open() {
        store = new FsBlobStore(directory.resolve("blobs"), true);
    }

    @Override
    public BlobStore store() {
        return store;
    }

    @Test
    void blobsLiveInATwoLevelFanOutAndNothingStaysInTmp() throws IOException {
        BlobHash hash = store.put("hello".getBytes(StandardCharsets.US_ASCII));

        String hex = hash.hex();
        Path file = directory.resolve("blobs").resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex);
        assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), Files.readAllBytes(file));
        assertEquals(List.of(), children(directory.resolve("blobs/tmp")));
    }

    @Test
    void blobsAreReadableByTheOwnerOnly() throws IOException {
        BlobHash hash = store.put(new byte[] {1, 2, 3});
        Path file = directory.resolve("blobs").resolve(hash.hex().substring(0, 2)).resolve(hash.hex().substring(2, 4))
                .resolve(hash.hex());
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        }
    }

    @Test
    void aNewStoreOnTheSameDirectoryFindsTheBlobsAndRemovesLeftoverTemporaryFiles() throws IOException {
        BlobHash hash = store.put(new byte[] {4, 5, 6});
        Path leftover = directory.resolve("blobs/tmp/cut-short.tmp");
        Files.write(leftover, new byte[] {4, 5});

        FsBlobStore reopened = new FsBlobStore(directory.resolve("blobs"), true);

        assertFalse(Files.exists(leftover), "a temporary file left by an interrupted put is removed at start");
        assertEquals(List.of(hash), reopened.list(null, 10));
        try (InputStream in = reopened.get(hash)) {
            assertArrayEquals(new byte[] {4, 5, 6}, in.readAllBytes());
        }
    }

    @Test
    void withoutFsyncBlobsAreStoredAlike() throws IOException {
        FsBlobStore unsynced = new FsBlobStore(directory.resolve("unsynced"), false);

        BlobHash hash = unsynced.put(new byte[] {7});

        try (InputStream in = unsynced.get(hash)) {
            assertArrayEquals(new byte[] {7}, in.readAllBytes());
        }
    }

    @Test
    void aFileSystemFailureIsATemporaryFailureNamingThePath() throws IOException {
        Path broken = directory.resolve("broken");
        FsBlobStore brokenStore = new FsBlobStore(broken, true);
        Files.delete(broken.resolve("tmp"));
        Files.write(broken.resolve("tmp"), new byte[0]); // tmp is now a file: no temporary file can be created

        TemporaryFailureException e = assertThrows(TemporaryFailureException.class, () -> brokenStore.put(new byte[] {1}));

        assertTrue(e.getMessage().contains(broken.resolve("tmp").toString()), e.getMessage());
        assertTrue(e.temporary());
    }

    @Test
    void strayFilesInTheTreeAreNotListed() throws IOException {
        BlobHash hash = store.put(new byte[] {8});
        Path root = directory.resolve("blobs");
        Files.write(root.resolve("README"), new byte[0]);
        Files.write(root.resolve(hash.hex().substring(0, 2)).resolve(hash.hex().substring(2, 4)).resolve("notes.txt"),
                new byte[0]);

        assertEquals(List.of(hash), store.list(null, 10));
    }

    @Test
    void theDefaultDirectoryIsUnderKarafDataOrElseTheBundleDataArea() {
        assertEquals(Path.of("/srv/karaf/data/hermod/blobs"), FsBlobStore.directory("", "/srv/karaf/data", new File("/x")));
        assertEquals(Path.of("/x/hermod/blobs"), FsBlobStore.directory(" ", null, new File("/x")));
        assertEquals(Path.of("/srv/karaf/data/mail"), FsBlobStore.directory("mail", "/srv/karaf/data", null));
        assertEquals(Path.of("/var/mail/blobs"), FsBlobStore.directory("/var/mail/blobs", "/srv/karaf/data", null));
        assertEquals(Path.of("/var/mail/blobs"), FsBlobStore.directory("/var/mail/blobs", null, null));
        assertThrows(IllegalStateException.class, () -> FsBlobStore.directory("", null, null));
    }

    private static List<Path> children(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }
}
