package dev.hermod.store.foundationdb.internal;

import org.junit.jupiter.api.Test;

/** The store contract over {@link FakeCluster} in the default subspace, {@code hermod}. */
class FakeClusterSubspaceStoreTest extends FakeClusterStoreTest {

    @Override
    String subspace() {
        return "hermod";
    }

    /** Deviation: written keys are shorter by the 8-byte prefix (see {@link SubspaceKeyLimit}). */
    @Override
    @Test
    public void keysAndValuesUpToTheLimitsAreAccepted() {
        SubspaceKeyLimit.assertKeysFitUpToTheLimitLessThePrefix(store, 8);
    }
}
