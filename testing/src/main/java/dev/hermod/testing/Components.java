package dev.hermod.testing;

import java.io.File;
import java.lang.annotation.Annotation;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.osgi.framework.BundleContext;

/**
 * Builds what Declarative Services hands a component's constructor, so that tests can create provider
 * components directly, without a framework:
 * <pre>{@code
 * SqliteStoreComponent store = new SqliteStoreComponent(
 *         Components.config(SqliteStoreComponent.Config.class, Map.of("path", dir.resolve("db").toString())),
 *         Components.bundleContext(Map.of(), dir));
 * }</pre>
 */
public final class Components {

    private Components() {
    }

    /**
     * A component property type (the {@code Config} annotation) backed by a map, as DS builds it: each
     * method reads the property its name maps to (DS 1.4 §112.8.2.2: {@code _} is {@code .}, {@code __}
     * is {@code _}, {@code $_$} is {@code -}, {@code $$} is {@code $}, another {@code $} is dropped), converted to
     * the method's type; a missing property gives the method's default.
     *
     * @param type the annotation type, not {@code null}
     * @param values properties by name, e.g. {@code "busy.timeout.ms" -> 100}; values may be strings,
     *               numbers, booleans, arrays or collections
     * @return the configuration, never {@code null}
     * @throws IllegalArgumentException when a method is called whose value cannot be converted
     */
    public static <A extends Annotation> A config(Class<A> type, Map<String, ?> values) {
        Objects.requireNonNull(type, "type");
        Map<String, ?> copy = Map.copyOf(values);
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            switch (method.getName()) {
                case "annotationType":
                    return type;
                case "toString":
                    return "@" + type.getName() + copy;
                case "hashCode":
                    return System.identityHashCode(self);
                case "equals":
                    return self == args[0];
                default:
                    String key = propertyName(method.getName());
                    Object value = copy.containsKey(key) ? copy.get(key) : method.getDefaultValue();
                    return convert(value, method.getReturnType(), type.getSimpleName() + "." + method.getName());
            }
        });
        return type.cast(proxy);
    }

    /**
     * A bundle context that answers {@link BundleContext#getProperty(String)} from a map and
     * {@link BundleContext#getDataFile(String)} under a directory; every other method throws
     * {@link UnsupportedOperationException}.
     *
     * @param properties framework properties, e.g. {@code karaf.data}; not {@code null}
     * @param dataDir the bundle's data area, or {@code null} for none ({@code getDataFile} returns {@code null})
     * @return the context, never {@code null}
     */
    public static BundleContext bundleContext(Map<String, String> properties, Path dataDir) {
        Map<String, String> copy = Map.copyOf(properties);
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (self, method, args) -> {
                    switch (method.getName()) {
                        case "getProperty":
                            return copy.get((String) args[0]);
                        case "getDataFile":
                            return dataDir == null ? null : new File(dataDir.toFile(), (String) args[0]);
                        case "toString":
                            return "BundleContext" + copy;
                        case "hashCode":
                            return System.identityHashCode(self);
                        case "equals":
                            return self == args[0];
                        default:
                            throw new UnsupportedOperationException("Components.bundleContext does not implement "
                                    + method.getName() + "; extend it if a component needs it");
                    }
                });
    }

    /** The property name of a component property type's method (DS 1.4 §112.8.2.2). */
    public static String propertyName(String method) {
        StringBuilder name = new StringBuilder(method.length());
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (c == '$') {
                if (method.startsWith("$_$", i)) {
                    name.append('-');
                    i += 2;
                } else if (method.startsWith("$$", i)) {
                    name.append('$');
                    i++;
                }
            } else if (c == '_') {
                if (method.startsWith("__", i)) {
                    name.append('_');
                    i++;
                } else {
                    name.append('.');
                }
            } else {
                name.append(c);
            }
        }
        return name.toString();
    }

    private static Object convert(Object value, Class<?> type, String what) {
        if (type.isArray()) {
            List<?> items = value == null ? List.of()
                    : value instanceof Collection<?> c ? List.copyOf(c)
                    : value.getClass().isArray() ? arrayToList(value) : List.of(value);
            Object array = Array.newInstance(type.getComponentType(), items.size());
            for (int i = 0; i < items.size(); i++) {
                Array.set(array, i, convert(items.get(i), type.getComponentType(), what));
            }
            return array;
        }
        if (value instanceof Collection<?> c) {
            value = c.isEmpty() ? null : c.iterator().next();
        } else if (value != null && value.getClass().isArray()) {
            value = Array.getLength(value) == 0 ? null : Array.get(value, 0);
        }
        try {
            if (type == String.class) {
                return value == null ? null : String.valueOf(value);
            }
            if (type.isEnum()) {
                return value == null ? null : enumValue(type, String.valueOf(value));
            }
            String text = value == null ? null : String.valueOf(value).trim();
            if (type == boolean.class) {
                return text != null && Boolean.parseBoolean(text);
            }
            if (type == char.class) {
                return text == null || text.isEmpty() ? '\0' : text.charAt(0);
            }
            if (value instanceof Number n) {
                text = n instanceof Double || n instanceof Float ? n.toString() : Long.toString(n.longValue());
            }
            if (text == null || text.isEmpty()) {
                return zero(type);
            }
            if (type == int.class) {
                return Integer.parseInt(text);
            }
            if (type == long.class) {
                return Long.parseLong(text);
            }
            if (type == short.class) {
                return Short.parseShort(text);
            }
            if (type == byte.class) {
                return Byte.parseByte(text);
            }
            if (type == double.class) {
                return Double.parseDouble(text);
            }
            if (type == float.class) {
                return Float.parseFloat(text);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": cannot convert " + value + " to " + type.getSimpleName(), e);
        }
        throw new IllegalArgumentException(what + ": unsupported type " + type.getName());
    }

    private static List<Object> arrayToList(Object array) {
        Object[] items = new Object[Array.getLength(array)];
        for (int i = 0; i < items.length; i++) {
            items[i] = Array.get(array, i);
        }
        return List.of(items);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Class<?> type, String name) {
        return Enum.valueOf((Class) type, name);
    }

    private static Object zero(Class<?> type) {
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == short.class) {
            return (short) 0;
        }
        if (type == byte.class) {
            return (byte) 0;
        }
        if (type == double.class) {
            return 0d;
        }
        return 0f;
    }
}
