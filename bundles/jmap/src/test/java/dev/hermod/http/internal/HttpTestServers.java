package dev.hermod.http.internal;

import dev.hermod.api.http.HttpHandler;
import dev.hermod.testing.Components;
import java.util.HashMap;
import java.util.Map;

/** Starts the real HTTP listener outside a framework and binds a handler as DS would. */
public final class HttpTestServers {

    private HttpTestServers() {
    }

    public static HttpServer start(Map<String, Object> extra) throws Exception {
        Map<String, Object> config = new HashMap<>(Map.of("protocol", "http", "host", "127.0.0.1", "port", 0,
                "security", "none", "hostname", "mail.example.org", "workers", 8, "name", "default"));
        config.putAll(extra);
        return new HttpServer(Components.config(HttpServer.Config.class, config), config);
    }

    public static void bind(HttpServer server, HttpHandler handler, Map<String, Object> properties) {
        server.bindHandler(handler, properties);
    }

    public static void unbind(HttpServer server, HttpHandler handler) {
        server.unbindHandler(handler);
    }

    public static void stop(HttpServer server) {
        server.deactivate();
    }
}
