package dev.hermod.blob.s3.internal;

import java.util.function.Supplier;

/**
 * Runs SDK code with this bundle's class loader as the thread's context class loader: the SDK and the JDK's
 * XML factories look up classes and resources there, and inside OSGi the caller's loader cannot see the
 * SDK embedded in this bundle.
 */
final class BundleLoader {

    private BundleLoader() {
    }

    static <T> T call(Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(BundleLoader.class.getClassLoader());
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
