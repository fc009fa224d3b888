package dev.hermod.tck;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hermod.api.blob.BlobStore;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The contract passes a correct store, and its memory check fails one that holds blobs on the heap. */
class MemoryBlobStoreTest implements BlobStoreContract {

    private final MemoryBlobStore store = new MemoryBlobStore();

    @Override
    public BlobStore store() {
        return store;
    }

    @Test
    @Override
    public void aLargeBlobIsStreamedInBoundedMemory() {
        assumeTrue(LiveHeap.unusableBecause() == null, "the live heap cannot be measured in this JVM");
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                BlobStoreContract.super::aLargeBlobIsStreamedInBoundedMemory);
        assertTrue(failure.getMessage().contains("holds the blob in memory"), failure.getMessage());
    }
}
