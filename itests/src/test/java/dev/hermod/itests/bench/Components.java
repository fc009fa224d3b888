package dev.hermod.itests.bench;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Map;
import org.osgi.framework.BundleContext;

/**
 * Builds a provider's Declarative Services component outside OSGi, as the component runtime would:
 * its typed configuration from a map (defaults for the rest) and a BundleContext that answers
 * {@code karaf.data} and the data area.
 */
final class Components {

    private Components() {}

    static Object create(Class<?> component, Map<String, Object> config, Path data, Object... references) throws Exception {
        Constructor<?> constructor = component.getConstructors()[0];
        Object[] args = new Object[constructor.getParameterCount()];
        Class<?>[] types = constructor.getParameterTypes();
        outer:
        for (int i = 0; i < args.length; i++) {
            for (Object reference : references) {
                if (types[i].isInstance(reference)) {
                    args[i] = reference;
                    continue outer;
                }
            }
            if (types[i].isAnnotation()) {
                args[i] = config(types[i], config);
            } else if (types[i] == BundleContext.class) {
                args[i] = context(data);
            } else {
                throw new IllegalArgumentException("Cannot supply " + types[i] + " to " + component);
            }
        }
        return constructor.newInstance(args);
    }

    /** Calls the component's deactivate method, whatever its visibility. */
    static void deactivate(Object component) throws Exception {
        for (Method m : component.getClass().getDeclaredMethods()) {
            if (m.getName().equals("deactivate") && m.getParameterCount() == 0) {
                m.setAccessible(true);
                m.invoke(component);
                return;
            }
        }
    }

    /** Method names map to keys as DS does: {@code a_b} is {@code a.b}, a leading {@code _} is {@code .}. */
    private static Object config(Class<?> type, Map<String, Object> values) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, a) -> {
            String key = method.getName().replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
            Object value = values.get(key);
            if (value == null) {
                value = method.getDefaultValue();
            }
            if (value instanceof String s && method.getReturnType() != String.class) {
                Class<?> r = method.getReturnType();
                return r == int.class ? Integer.valueOf(s) : r == long.class ? Long.valueOf(s) : r == boolean.class ? Boolean.valueOf(s) : value;
            }
            return value;
        });
    }

    private static BundleContext context(Path data) {
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, a) -> switch (method.getName()) {
                    case "getProperty" -> "karaf.data".equals(a[0]) ? data.toString() : null;
                    case "getDataFile" -> data.resolve(String.valueOf(a[0])).toFile();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
