package dev.hermod.store.foundationdb.internal;


/** The store contract over {@link FakeCluster} in the default subspace, {@code hermod}. */
class FakeClusterSubspaceStoreTest extends FakeClusterStoreTest {

    @Override
    String subspace() {
        return "hermod";
    }

}
