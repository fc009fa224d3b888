package dev.hermod.imap.internal;

import dev.hermod.api.auth.Authenticator;
import dev.hermod.api.mailbox.MailStore;
import dev.hermod.testing.Components;
import java.util.HashMap;
import java.util.Map;

/** An IMAP listener on 127.0.0.1 at a free port, for other bundles' end-to-end tests. */
public final class ImapTestAccess implements AutoCloseable {

    private final ImapServer server;

    public ImapTestAccess(MailStore store, Authenticator auth) throws Exception {
        Map<String, Object> config = new HashMap<>(Map.of("protocol", "imap", "host", "127.0.0.1", "port", 0,
                "security", "none", "hostname", "imap.example.org", "workers", 4));
        server = new ImapServer(Components.config(ImapServer.Config.class, config), config, store, auth);
    }

    public int port() {
        return server.address().getPort();
    }

    @Override
    public void close() {
        server.deactivate();
    }
}
