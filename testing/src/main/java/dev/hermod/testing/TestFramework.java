package dev.hermod.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.BooleanSupplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * An OSGi framework (whichever implementation is on the test class path, Felix in Hermod's builds) for a
 * bundle's own integration test: the bundles named in the system property {@code hermod.it.bundles}
 * (comma-separated jar paths, the bundle under test last) installed and started in that order. Closing it
 * stops the framework.
 */
public final class TestFramework implements AutoCloseable {

    private final Framework framework;
    private final List<Bundle> bundles;

    private TestFramework(Framework framework, List<Bundle> bundles) {
        this.framework = framework;
        this.bundles = bundles;
    }

    /**
     * Starts a framework with its storage in {@code storage} and the bundles of {@code hermod.it.bundles}.
     *
     * @param storage an empty directory for the framework's cache
     * @return the running framework
     * @throws IllegalStateException if a bundle jar named is missing
     * @throws BundleException if a bundle does not install or start (e.g. an import that does not resolve)
     */
    public static TestFramework start(Path storage) throws BundleException {
        Framework framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(Map.of(
                Constants.FRAMEWORK_STORAGE, storage.toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                "org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        framework.start();
        try {
            BundleContext context = framework.getBundleContext();
            List<Bundle> bundles = new ArrayList<>();
            for (String path : System.getProperty("hermod.it.bundles", "").split(",")) {
                if (!Files.isRegularFile(Path.of(path))) {
                    throw new IllegalStateException("no bundle at " + path + " (hermod.it.bundles)");
                }
                bundles.add(context.installBundle(Path.of(path).toUri().toString()));
            }
            for (Bundle bundle : bundles) {
                if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                    bundle.start();
                }
            }
            return new TestFramework(framework, List.copyOf(bundles));
        } catch (BundleException | RuntimeException e) {
            stop(framework);
            throw e;
        }
    }

    /** @return the system bundle's context */
    public BundleContext context() {
        return framework.getBundleContext();
    }

    /** @return the bundles installed, in the order of {@code hermod.it.bundles} */
    public List<Bundle> bundles() {
        return bundles;
    }

    /**
     * A service of a type by name, without the class-space check (the test's copy of an API class is not the
     * framework's).
     *
     * @param type the service's interface name
     * @return one of its references, or {@code null} if none is registered
     */
    public ServiceReference<?> any(String type) {
        try {
            ServiceReference<?>[] refs = context().getAllServiceReferences(type, null);
            return refs == null ? null : refs[0];
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits up to ten seconds for a condition.
     *
     * @param condition the condition
     * @param what what is waited for, for the failure message
     * @throws AssertionError if it does not hold in time
     */
    public static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop(framework);
    }

    private static void stop(Framework framework) {
        try {
            framework.stop();
            framework.waitForStop(10_000);
        } catch (BundleException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
