package dev.hermod.smtp.internal;

import dev.hermod.api.auth.Authenticator;
import dev.hermod.api.delivery.Delivery;
import dev.hermod.api.filter.FilterPipeline;
import dev.hermod.testing.Components;
import java.util.HashMap;
import java.util.Map;

/** An SMTP (MTA) or LMTP listener on 127.0.0.1 at a free port, for other bundles' end-to-end tests. */
public final class SmtpTestAccess implements AutoCloseable {

    private final SmtpServer server;

    /** @param protocol {@code smtp} or {@code lmtp} */
    public SmtpTestAccess(String protocol, Delivery delivery, Authenticator auth, FilterPipeline filters)
            throws Exception {
        Map<String, Object> config = new HashMap<>(Map.of("protocol", protocol, "host", "127.0.0.1", "port", 0,
                "security", "none", "hostname", "mx.example.org"));
        server = new SmtpServer(Components.config(SmtpServer.Config.class, config), config, delivery, auth, filters);
    }

    public int port() {
        return server.address().getPort();
    }

    @Override
    public void close() {
        server.deactivate();
    }
}
