package dev.hermod.http.internal;

import dev.hermod.api.http.HttpHandler;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** The handlers of a listener by path prefix; changed as services come and go, read by every request. */
final class Routes {

    private static final Comparator<Route> ORDER = Comparator.comparingInt((Route r) -> -r.prefix().length())
            .thenComparing(Comparator.comparingInt(Route::ranking).reversed())
            .thenComparingLong(Route::serviceId);

    private final CopyOnWriteArrayList<Route> routes = new CopyOnWriteArrayList<>();

    synchronized void add(HttpHandler handler, Map<String, Object> properties) {
        List<Route> next = new ArrayList<>(routes);
        for (String prefix : strings(properties.get(HttpHandler.PATH))) {
            next.add(new Route(normalize(prefix), handler, Set.copyOf(strings(properties.get(HttpHandler.LISTENER))),
                    maxBody(properties.get(HttpHandler.MAX_BODY_SIZE)), intValue(properties.get("service.ranking")),
                    properties.get("service.id") instanceof Number id ? id.longValue() : Long.MAX_VALUE));
        }
        next.sort(ORDER);
        routes.clear();
        routes.addAll(next);
    }

    synchronized void remove(HttpHandler handler) {
        routes.removeIf(r -> r.handler() == handler);
    }

    /**
     * @return the route with the longest prefix of {@code path} served on {@code listener}, or null
     */
    Route match(String path, String listener) {
        for (Route route : routes) {
            if (route.matches(path) && (route.listeners().isEmpty() || route.listeners().contains(listener))) {
                return route;
            }
        }
        return null;
    }

    private static String normalize(String prefix) {
        String p = prefix.trim();
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof String s) {
            return List.of(s);
        }
        if (value instanceof String[] a) {
            return List.of(a);
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of(value.toString());
    }

    private static long maxBody(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value != null) {
            try {
                return Long.parseLong(value.toString().trim());
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    private static int intValue(Object value) {
        return value instanceof Number n ? n.intValue() : 0;
    }

    /**
     * One prefix of one handler.
     *
     * @param maxBody the handler's own body limit, -1 for the listener's default
     */
    record Route(String prefix, HttpHandler handler, Set<String> listeners, long maxBody, int ranking, long serviceId) {

        boolean matches(String path) {
            if (prefix.equals("/")) {
                return true;
            }
            return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
        }

        String subPath(String path) {
            return prefix.equals("/") ? path : path.substring(prefix.length());
        }
    }
}
