package dev.hermod.blob.s3.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A {@link S3BlobStore.Config} as ConfigAdmin would give it: the values set, else the defaults. */
final class TestConfig {

    private TestConfig() {
    }

    /** @param values by method name, e.g. {@code _secretKey} for the key {@code .secretKey} */
    static S3BlobStore.Config of(Map<String, ?> values) {
        return (S3BlobStore.Config) Proxy.newProxyInstance(S3BlobStore.Config.class.getClassLoader(),
                new Class<?>[] {S3BlobStore.Config.class}, (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    if (method.getName().equals("annotationType")) {
                        return S3BlobStore.Config.class;
                    }
                    return method.getDefaultValue();
                });
    }
}
