package dev.hermod.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hermod.api.blob.BlobNotFoundException;
import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.mail.BlobHash;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * The contract every {@link BlobStore} provider fulfils, as JUnit 5 tests: a provider's test class implements
 * this interface and inherits one {@code @Test} method per rule of the {@link BlobStore} Javadoc.
 *
 * <pre>{@code
 * class MyBlobStoreTest implements BlobStoreContract {
 *     @TempDir Path directory;
 *     private MyBlobStore store;
 *
 *     @BeforeEach
 *     void open() { store = new MyBlobStore(directory); }
 *
 *     @Override
 *     public BlobStore store() { return store; }
 * }
 * }</pre>
 *
 * <h2>What the test class provides</h2>
 * <ul>
 *   <li>{@link #store()} returns the store under test. It must hold <b>no blobs at the start of each test
 *       method</b> (the listing tests compare the whole listing) and be the same instance throughout a test
 *       method; a fresh directory, bucket or key prefix per test is the usual way.</li>
 *   <li>The tests run one at a time: the large-blob test measures the heap of the whole JVM, so do not
 *       enable JUnit's parallel execution for the class.</li>
 *   <li>The test runtime needs {@code junit-jupiter-engine}; this bundle depends on the API only.</li>
 * </ul>
 *
 * <h2>What is checked</h2>
 * <ul>
 *   <li>put and get round trip, the returned hash being the SHA-256 of the content; the empty blob;</li>
 *   <li>idempotence: the same content put twice is one blob, removed by one delete (references are
 *       counted by the core, never by the store);</li>
 *   <li>range reads: start, middle, end, to the end ({@code -1}), clipped past the end, an offset at or
 *       beyond the end yielding an empty stream, argument checks;</li>
 *   <li>exists, size, delete ({@code false} the second time); a missing blob is a
 *       {@link BlobNotFoundException} naming its hash from {@code get}, the range {@code get} and
 *       {@code size};</li>
 *   <li>list: ascending hex order, paging with {@code after} (stored or not), deleted blobs gone;</li>
 *   <li>eight threads putting the same content at once all succeed with one hash and intact content;
 *       eight threads putting different content all succeed;</li>
 *   <li>a 100 MiB blob is put and read back streaming, without the store holding it in memory (see
 *       {@link #aLargeBlobIsStreamedInBoundedMemory()});</li>
 *   <li>put reads the caller's stream to its end and leaves it open; a caller's stream that fails makes
 *       {@code put} throw {@link IOException} and store nothing.</li>
 * </ul>
 *
 * <p>On a local disk the whole contract takes a few seconds; the large blob dominates. Durability across a
 * crash is beyond what a unit test can observe and is the provider's own to test.
 */
public interface BlobStoreContract {

    /**
     * The store under test; called any number of times per test method.
     *
     * @return the same store throughout one test method, holding no blobs when the method starts; never
     *         {@code null}
     */
    BlobStore store();

    /** Put then get: the hash is the SHA-256 of the bytes, and the bytes come back unchanged. */
    @Test
    default void putReturnsTheSha256OfTheContentAndGetReturnsTheContent() throws IOException {
        byte[] content = GeneratedStream.bytes(1, 70_001);

        BlobHash hash = store().put(new ByteArrayInputStream(content));

        assertEquals(BlobHash.of(GeneratedStream.sha256().digest(content)), hash,
                "put returns the SHA-256 of the content");
        assertArrayEquals(content, readAll(store().get(hash)), "get returns the content put");
        assertTrue(store().exists(hash), "exists after put");
        assertEquals(content.length, store().size(hash), "size after put");
    }

    /** The {@code byte[]} form of put stores the same blob as the stream form. */
    @Test
    default void putOfAByteArrayStoresTheSameBlobAsPutOfAStream() throws IOException {
        byte[] content = GeneratedStream.bytes(2, 4_099);

        BlobHash fromArray = store().put(content);

        assertEquals(BlobHash.sha256(content), fromArray);
        assertEquals(fromArray, store().put(new ByteArrayInputStream(content)));
        assertArrayEquals(content, readAll(store().get(fromArray)));
    }

    /** The empty blob is a blob like any other. */
    @Test
    default void theEmptyBlobIsStoredListedAndRead() throws IOException {
        BlobHash hash = store().put(new ByteArrayInputStream(new byte[0]));

        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", hash.hex(),
                "the SHA-256 of no bytes");
        assertTrue(store().exists(hash), "the empty blob exists once put");
        assertEquals(0, store().size(hash));
        assertArrayEquals(new byte[0], readAll(store().get(hash)));
        assertArrayEquals(new byte[0], readAll(store().get(hash, 0, -1)));
        assertArrayEquals(new byte[0], readAll(store().get(hash, 0, 10)));
        assertArrayEquals(new byte[0], readAll(store().get(hash, 5, -1)));
        assertEquals(List.of(hash), store().list(null, 10));
    }

    /** Content put twice is one blob, and one delete removes it: the store counts no references. */
    @Test
    default void storingTheSameContentTwiceStoresOneBlob() throws IOException {
        byte[] content = GeneratedStream.bytes(3, 20_000);

        BlobHash first = store().put(new ByteArrayInputStream(content));
        BlobHash second = store().put(new ByteArrayInputStream(content));

        assertEquals(first, second, "the same content has the same hash");
        assertEquals(List.of(first), store().list(null, 10), "the same content is stored once");
        assertArrayEquals(content, readAll(store().get(first)));
        assertTrue(store().delete(first));
        assertFalse(store().exists(first), "one delete removes a blob however often it was put: "
                + "the core counts references, the store does not");
    }

    /** Range reads inside the blob return exactly the bytes asked for. */
    @Test
    default void rangeGetReturnsTheRequestedBytes() throws IOException {
        byte[] content = GeneratedStream.bytes(4, 10_000);
        BlobHash hash = store().put(content);

        assertRange(content, hash, 0, 10);
        assertRange(content, hash, 1_234, 567);
        assertRange(content, hash, 9_990, 10);
        assertRange(content, hash, 0, 10_000);
        assertRange(content, hash, 0, -1);
        assertRange(content, hash, 4_321, -1);
        assertRange(content, hash, 9_999, -1);
        assertRange(content, hash, 100, 0);
    }

    /** Ranges reaching past the end are clipped; ranges starting at or past the end are empty. */
    @Test
    default void rangeGetIsClippedToTheBlob() throws IOException {
        byte[] content = GeneratedStream.bytes(5, 10_000);
        BlobHash hash = store().put(content);

        assertRange(content, hash, 9_995, 10);
        assertRange(content, hash, 0, 20_000);
        assertRange(content, hash, 5, Long.MAX_VALUE);
        assertRange(content, hash, 10_000, 1);
        assertRange(content, hash, 10_000, -1);
        assertRange(content, hash, 20_000, 10);
        assertRange(content, hash, 1L << 40, -1);
    }

    /** A negative offset or a length below -1 is the caller's error. */
    @Test
    default void rangeGetRejectsANegativeOffsetOrALengthBelowMinusOne() {
        BlobHash hash = store().put(GeneratedStream.bytes(6, 100));

        assertThrows(IllegalArgumentException.class, () -> store().get(hash, -1, 10).close(), "offset -1");
        assertThrows(IllegalArgumentException.class, () -> store().get(hash, 0, -2).close(), "length -2");
    }

    /** Two streams open on one blob read independently. */
    @Test
    default void streamsOpenOnTheSameBlobAreIndependent() throws IOException {
        byte[] content = GeneratedStream.bytes(7, 50_000);
        BlobHash hash = store().put(content);

        try (InputStream a = store().get(hash); InputStream b = store().get(hash, 25_000, -1)) {
            byte[] fromA = new byte[content.length];
            byte[] fromB = new byte[25_000];
            for (int i = 0; i < 5; i++) {
                readFully(a, fromA, i * 10_000, 10_000);
                readFully(b, fromB, i * 5_000, 5_000);
            }
            assertArrayEquals(content, fromA);
            assertArrayEquals(Arrays.copyOfRange(content, 25_000, 50_000), fromB);
            assertEquals(-1, a.read());
            assertEquals(-1, b.read());
        }
    }

    /** Delete removes a blob and says whether it was there. */
    @Test
    default void deleteRemovesTheBlobAndReturnsFalseTheSecondTime() {
        BlobHash hash = store().put(GeneratedStream.bytes(8, 3_000));

        assertTrue(store().delete(hash), "the first delete finds the blob");
        assertFalse(store().exists(hash), "exists after delete");
        assertFalse(store().delete(hash), "the second delete finds nothing");
        assertNotFound(hash, () -> store().get(hash).close(), "get");
        assertNotFound(hash, () -> store().get(hash, 0, 10).close(), "range get");
        assertNotFound(hash, () -> store().size(hash), "size");
        assertEquals(List.of(), store().list(null, 10), "a deleted blob is not listed");
    }

    /** A deleted blob can be put again. */
    @Test
    default void aDeletedBlobCanBeStoredAgain() throws IOException {
        byte[] content = GeneratedStream.bytes(9, 3_000);
        BlobHash hash = store().put(content);
        store().delete(hash);

        assertEquals(hash, store().put(content));
        assertArrayEquals(content, readAll(store().get(hash)));
    }

    /** A blob never stored: not found, naming the hash; exists and delete say no. */
    @Test
    default void aMissingBlobIsNotFound() {
        BlobHash missing = BlobHash.sha256("never stored".getBytes(StandardCharsets.US_ASCII));

        assertFalse(store().exists(missing));
        assertFalse(store().delete(missing));
        assertNotFound(missing, () -> store().get(missing).close(), "get");
        assertNotFound(missing, () -> store().get(missing, 0, -1).close(), "range get");
        assertNotFound(missing, () -> store().get(missing, 10, 0).close(), "range get of no bytes");
        assertNotFound(missing, () -> store().size(missing), "size");
    }

    /** An empty store lists nothing, from the start or after any hash. */
    @Test
    default void anEmptyStoreListsNothing() {
        assertEquals(List.of(), store().list(null, 10));
        assertEquals(List.of(), store().list(BlobHash.sha256(new byte[] {1}), 10));
    }

    /** The listing pages through every blob in ascending order of the hex form. */
    @Test
    default void listPagesThroughAllBlobsInAscendingOrder() {
        List<BlobHash> stored = putSmallBlobs(23, 100);

        List<BlobHash> listed = listAll(null, 5);

        assertEquals(sorted(stored), listed);
        assertEquals(List.of(), store().list(listed.get(listed.size() - 1), 5), "nothing after the last");
        List<BlobHash> firstPage = store().list(null, 3);
        assertEquals(sorted(stored).subList(0, 3), firstPage, "the first page of 3");
    }

    /** {@code after} need not be a stored hash; the listing starts at the next one above it. */
    @Test
    default void listStartsAfterAnyHash() {
        List<BlobHash> sorted = sorted(putSmallBlobs(16, 200));
        BlobHash between = new BlobHash(String.format("%064x", new BigInteger(sorted.get(5).hex(), 16).add(BigInteger.ONE)));

        assertEquals(sorted.subList(6, 16), listAll(between, 4), "after a hash that is not stored");
        assertEquals(sorted.subList(6, 16), listAll(sorted.get(5), 4), "after a stored hash, exclusive");
        assertEquals(sorted.subList(0, 16), listAll(new BlobHash("0".repeat(64)), 4));
        assertEquals(List.of(), store().list(new BlobHash("f".repeat(64)), 4));
    }

    /** A limit below 1 is the caller's error. */
    @Test
    default void listRejectsALimitBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> store().list(null, 0));
        assertThrows(IllegalArgumentException.class, () -> store().list(null, -1));
    }

    /** Deleted blobs leave the listing; the others stay. */
    @Test
    default void listOmitsDeletedBlobs() {
        List<BlobHash> sorted = sorted(putSmallBlobs(6, 300));
        store().delete(sorted.get(0));
        store().delete(sorted.get(3));

        assertEquals(List.of(sorted.get(1), sorted.get(2), sorted.get(4), sorted.get(5)), listAll(null, 2));
    }

    /**
     * Eight threads put the same content (6 MiB and a byte, past the 5 MiB minimum part of a multipart
     * upload) at the same moment: all succeed with the same hash, and one intact blob is stored.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    default void concurrentPutsOfTheSameContentAllSucceedWithOneBlob() throws Exception {
        byte[] content = GeneratedStream.bytes(10, 6 * 1024 * 1024 + 1);
        BlobHash expected = BlobHash.sha256(content);

        List<BlobHash> hashes = concurrently(8, i -> () -> store().put(new ByteArrayInputStream(content)));

        assertEquals(List.of(expected, expected, expected, expected, expected, expected, expected, expected), hashes);
        assertEquals(List.of(expected), store().list(null, 10), "one blob");
        assertEquals(content.length, store().size(expected));
        assertArrayEquals(content, readAll(store().get(expected)), "the blob is intact");
    }

    /** Eight threads put different content at the same moment: every blob is stored. */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    default void concurrentPutsOfDifferentContentAllSucceed() throws Exception {
        List<BlobHash> hashes = concurrently(8, i -> () -> store().put(GeneratedStream.bytes(400 + i, 65_536 + i)));

        assertEquals(8, new HashSet<>(hashes).size());
        assertEquals(sorted(hashes), listAll(null, 100));
        for (int i = 0; i < 8; i++) {
            assertArrayEquals(GeneratedStream.bytes(400 + i, 65_536 + i), readAll(store().get(hashes.get(i))));
        }
    }

    /**
     * A 100 MiB blob goes in and comes back streaming: the hash and a digest of what is read back match
     * the generated content, and the store never holds much of it in memory.
     *
     * <p>The content comes from a deterministic generator that digests what it hands out; nothing here
     * holds the blob either. Memory is judged on the <em>live</em> heap — what a forced full collection
     * leaves — sampled every 8 MiB of the data flow on the thread moving the data and every 250 ms in the
     * background. Garbage, however much the collector lets pile up, does not count, so the check does not
     * depend on the heap size or the collector; a store that collects the blob in memory, whether it reads
     * all of its input first or reads the object back whole, shows it at the next sample. The live heap may
     * grow by at most 32 MiB during the put and during the get: room for a multipart upload's part buffer
     * and a client library's pools. The memory check is skipped (reported as an aborted test, after the round
     * trip has been checked) when the JVM cannot run explicit full collections ({@code
     * -XX:+DisableExplicitGC} and the like).
     */
    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    default void aLargeBlobIsStreamedInBoundedMemory() throws Exception {
        long size = 100L * 1024 * 1024;
        long sampleEvery = 8L * 1024 * 1024;
        long allowedGrowth = 32L * 1024 * 1024;
        String heapUnmeasurable = LiveHeap.unusableBecause();
        GeneratedStream content = new GeneratedStream(42, size);

        BlobHash hash;
        long putGrowth = 0;
        if (heapUnmeasurable == null) {
            try (LiveHeap heap = LiveHeap.watch()) {
                content.checkpointEvery(sampleEvery, heap::sample);
                hash = store().put(content);
                heap.sample();
                putGrowth = heap.peakGrowth();
            }
        } else {
            hash = store().put(content);
        }
        assertEquals(size, content.position(), "put reads the stream to its end");
        assertEquals(content.hash(), hash, "put returns the SHA-256 of the content");
        assertEquals(size, store().size(hash));

        MessageDigest digest = GeneratedStream.sha256();
        long read = 0;
        long getGrowth = 0;
        try (LiveHeap heap = heapUnmeasurable == null ? LiveHeap.watch() : null; InputStream in = store().get(hash)) {
            byte[] buffer = new byte[64 * 1024];
            long nextSample = sampleEvery;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
                read += n;
                if (heap != null && read >= nextSample) {
                    heap.sample();
                    nextSample += sampleEvery;
                }
            }
            getGrowth = heap == null ? 0 : heap.peakGrowth();
        }
        assertEquals(size, read, "get returns every byte");
        assertEquals(hash, BlobHash.of(digest.digest()), "get returns the content put");

        assumeTrue(heapUnmeasurable == null, () -> "round trip checked; memory not measured: " + heapUnmeasurable);
        long growth = putGrowth;
        assertTrue(putGrowth <= allowedGrowth, () -> "put of a 100 MiB blob grew the live heap by " + mib(growth)
                + " MiB (at most " + mib(allowedGrowth) + " MiB allowed): the store holds the blob in memory");
        long getGrew = getGrowth;
        assertTrue(getGrowth <= allowedGrowth, () -> "reading a 100 MiB blob grew the live heap by " + mib(getGrew)
                + " MiB (at most " + mib(allowedGrowth) + " MiB allowed): the store holds the blob in memory");
    }

    /** put reads the caller's stream to its end and leaves closing it to the caller. */
    @Test
    default void putReadsTheCallersStreamToItsEndAndLeavesItOpen() throws IOException {
        byte[] content = GeneratedStream.bytes(11, 100_000);
        CallerStream in = CallerStream.of(new ByteArrayInputStream(content));

        BlobHash hash = store().put(in);

        assertFalse(in.closed(), "put must not close the caller's stream");
        assertEquals(-1, in.read(), "put reads the stream to its end");
        assertEquals(BlobHash.sha256(content), hash);
    }

    /**
     * A caller's stream that fails, early or after several megabytes, makes put throw {@link IOException};
     * nothing is stored or listed, and the store takes the next put.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    default void aFailingCallersStreamFailsThePutAndStoresNothing() throws IOException {
        byte[] small = GeneratedStream.bytes(12, 200_000);
        assertThrows(IOException.class,
                () -> store().put(CallerStream.failingAfter(new ByteArrayInputStream(small), 100_000)));
        long large = 9L * 1024 * 1024;
        assertThrows(IOException.class,
                () -> store().put(CallerStream.failingAfter(new GeneratedStream(13, 2 * large), large)));

        assertEquals(List.of(), store().list(null, 10), "nothing is stored");
        assertFalse(store().exists(BlobHash.sha256(Arrays.copyOf(small, 100_000))), "the part read is not stored");
        assertEquals(BlobHash.sha256(small), store().put(small), "the store takes the next put");
    }

    private void assertRange(byte[] content, BlobHash hash, long offset, long length) throws IOException {
        int from = (int) Math.min(offset, content.length);
        int to = length < 0 || length > content.length - from ? content.length : from + (int) length;
        byte[] expected = Arrays.copyOfRange(content, from, to);
        try (InputStream in = store().get(hash, offset, length)) {
            assertArrayEquals(expected, in.readAllBytes(),
                    () -> "get(hash, " + offset + ", " + length + ") of a blob of " + content.length + " bytes");
        }
    }

    private List<BlobHash> putSmallBlobs(int count, int seed) {
        List<BlobHash> hashes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            hashes.add(store().put(GeneratedStream.bytes(seed + i, 100 + i)));
        }
        return hashes;
    }

    private List<BlobHash> listAll(BlobHash after, int limit) {
        List<BlobHash> all = new ArrayList<>();
        Set<BlobHash> seen = new HashSet<>();
        for (List<BlobHash> page; !(page = store().list(after, limit)).isEmpty(); after = page.get(page.size() - 1)) {
            assertTrue(page.size() <= limit, () -> "a page of at most " + limit + " hashes");
            for (BlobHash hash : page) {
                if (!seen.add(hash)) {
                    fail("list returned " + hash + " twice; the listing must move past 'after'");
                }
                if (after != null && hash.hex().compareTo(after.hex()) <= 0) {
                    fail("list(after=" + after + ") returned " + hash + ", which is not above it");
                }
            }
            all.addAll(page);
        }
        return all;
    }

    private static List<BlobHash> concurrently(int threads, IntFunction<Callable<BlobHash>> task) throws Exception {
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<BlobHash>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.apply(index).call();
                }));
            }
            List<BlobHash> hashes = new ArrayList<>();
            for (Future<BlobHash> future : futures) {
                hashes.add(future.get(100, TimeUnit.SECONDS));
            }
            return hashes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertNotFound(BlobHash hash, Executable action, String what) {
        BlobNotFoundException e = assertThrows(BlobNotFoundException.class, action, what + " of a missing blob");
        assertEquals(hash, e.hash(), "the exception names the missing hash");
        assertTrue(String.valueOf(e.getMessage()).contains(hash.hex()), "the message names the missing hash");
    }

    private static List<BlobHash> sorted(List<BlobHash> hashes) {
        return hashes.stream().sorted((a, b) -> a.hex().compareTo(b.hex())).toList();
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static void readFully(InputStream in, byte[] into, int offset, int length) throws IOException {
        int n = in.readNBytes(into, offset, length);
        assertEquals(length, n, "the stream ended early");
    }

    private static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }
}
