package dev.hermod.store.foundationdb.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Configurations for tests: the annotation's defaults, some values overridden. */
final class Configs {

    private Configs() {
    }

    /** @param values overrides by method name, e.g. {@code api_version} */
    static FoundationDbStoreComponent.Config config(Map<String, Object> values) {
        return (FoundationDbStoreComponent.Config) Proxy.newProxyInstance(Configs.class.getClassLoader(),
                new Class<?>[] {FoundationDbStoreComponent.Config.class}, (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    return switch (method.getName()) {
                        case "annotationType" -> FoundationDbStoreComponent.Config.class;
                        case "toString" -> "Config" + values;
                        case "hashCode" -> values.hashCode();
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }

    static FoundationDbStoreComponent.Config defaults() {
        return config(Map.of());
    }
}
