package dev.hermod.http.internal;

import dev.hermod.api.http.HttpHandler;
import dev.hermod.testing.Components;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The real HTTP listeners on 127.0.0.1, plain and implicit TLS (self-signed), with a bundle context whose
 * service registrations of {@link HttpHandler} reach both as the framework's would.
 */
public final class HttpTestServer implements AutoCloseable {

    private static final AtomicLong IDS = new AtomicLong(5000);

    private final HttpServer server;
    private final HttpServer tls;

    public HttpTestServer() throws Exception {
        server = listener("none", "default");
        tls = listener("implicit_tls", "tls");
    }

    private static HttpServer listener(String security, String name) throws Exception {
        Map<String, Object> config = new HashMap<>(Map.of("protocol", "http", "host", "127.0.0.1", "port", 0,
                "security", security, "hostname", "mail.example.org", "workers", 4, "name", name));
        return new HttpServer(Components.config(HttpServer.Config.class, config), config);
    }

    /** The plain listener's port. */
    public int port() {
        return server.address().getPort();
    }

    /** The TLS listener's port. */
    public int tlsPort() {
        return tls.address().getPort();
    }

    /** A bundle context that registers handlers with this listener and answers nothing else. */
    public BundleContext bundleContext() {
        return (BundleContext) Proxy.newProxyInstance(HttpTestServer.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (self, method, args) -> switch (method.getName()) {
                    case "registerService" -> register((HttpHandler) args[1], (Dictionary<?, ?>) args[2]);
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    case "toString" -> "BundleContext[http test]";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private ServiceRegistration<?> register(HttpHandler handler, Dictionary<?, ?> dictionary) {
        Map<String, Object> properties = new HashMap<>();
        for (Object key : Collections.list(dictionary.keys())) {
            properties.put((String) key, dictionary.get(key));
        }
        properties.put("service.id", IDS.incrementAndGet());
        server.bindHandler(handler, properties);
        tls.bindHandler(handler, properties);
        return (ServiceRegistration<?>) Proxy.newProxyInstance(HttpTestServer.class.getClassLoader(),
                new Class<?>[] {ServiceRegistration.class}, (self, method, args) -> {
                    if (method.getName().equals("unregister")) {
                        server.unbindHandler(handler);
                        tls.unbindHandler(handler);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Override
    public void close() {
        server.deactivate();
        tls.deactivate();
    }
}
