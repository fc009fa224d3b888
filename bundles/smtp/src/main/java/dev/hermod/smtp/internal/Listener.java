package dev.hermod.smtp.internal;

import dev.hermod.api.auth.Authenticator;
import dev.hermod.api.delivery.Delivery;
import dev.hermod.api.filter.FilterPipeline;
import io.netty.handler.ssl.SslContext;
import java.util.concurrent.Executor;

/** What every session of one listener shares: its settings and the services it uses. */
record Listener(String protocol, String name, String hostname, SslContext tls, boolean implicitTls, int maxLine,
                long maxSize, int maxRecipients, int maxErrors, boolean auth, boolean senderCheck, boolean vrfy, boolean expn, Delivery delivery,
                Authenticator authenticator, FilterPipeline filters, Executor executor, Outbound outbound,
                boolean sentCopy) {

    boolean lmtp() {
        return "lmtp".equals(protocol);
    }

    boolean submission() {
        return "submission".equals(protocol);
    }
}
