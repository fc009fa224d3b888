package dev.hermod.smtp.internal;

import dev.hermod.api.auth.Authenticator;
import dev.hermod.api.delivery.Delivery;
import io.netty.handler.ssl.SslContext;
import java.util.concurrent.Executor;

/** What every session of one listener shares: its settings and the services it uses. */
record Listener(String protocol, String hostname, SslContext tls, boolean implicitTls, int maxLine, long maxSize,
                int maxRecipients, int maxErrors, boolean auth, boolean vrfy, Delivery delivery,
                Authenticator authenticator, Executor executor) {

    boolean lmtp() {
        return "lmtp".equals(protocol);
    }

    boolean submission() {
        return "submission".equals(protocol);
    }
}
