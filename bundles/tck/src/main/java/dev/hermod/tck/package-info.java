/**
 * Contract tests for the Hermod SPIs, as JUnit 5 interfaces whose default {@code @Test} methods run
 * against whatever implementation the test class returns.
 *
 * <p>{@link dev.hermod.tck.KeyValueStoreContract} checks a {@link dev.hermod.api.store.KeyValueStore}
 * provider: implement it in a test class, return the store from {@code store()}, and run the class with
 * the JUnit Platform. The bundle depends on {@code org.junit.jupiter.api} at compile time; a plug-in
 * author adds this artifact with test scope.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.hermod.tck;
