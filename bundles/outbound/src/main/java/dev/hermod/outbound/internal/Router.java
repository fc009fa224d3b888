package dev.hermod.outbound.internal;

import dev.hermod.api.mail.SmtpReply;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Decides where a domain's mail goes: to the relay host when one is configured and takes the domain, else to the
 * domain's MX hosts on {@code smtp.port}, with TLS required and verified for the domains of
 * {@code tls.required.domains} and opportunistic for the others.
 */
final class Router {

    private static final SessionPolicy TLS_REQUIRED =
            new SessionPolicy(TlsMode.REQUIRED, true, "tls.required.domains", null, null, false);

    private final Settings settings;
    private final MxResolver mx;

    /**
     * @param settings the configuration
     * @param mx       the MX resolver
     */
    Router(Settings settings, MxResolver mx) {
        this.settings = settings;
        this.mx = mx;
    }

    /**
     * @param domain the recipients' domain, lower case
     * @return the route, never {@code null}
     */
    Route route(String domain) {
        Relay relay = settings.relay();
        if (relay != null && relay.takes(domain)) {
            try {
                // The JDK's resolver, so that /etc/hosts names a relay as the admin expects.
                List<Destination> hosts = Arrays.stream(InetAddress.getAllByName(relay.host()))
                        .map(a -> new Destination(relay.host(), a, relay.port())).toList();
                return Route.to(hosts, relay.policy());
            } catch (UnknownHostException e) {
                return Route.failed(new SmtpReply(451, "4.4.3", "Cannot resolve the relay host " + relay.host()
                        + "; will retry"));
            }
        }
        Route route = mx.resolve(domain, settings.smtpPort());
        if (route.failure() == null && settings.tlsRequiredDomains().contains(domain)) {
            return Route.to(route.hosts(), TLS_REQUIRED);
        }
        return route;
    }
}
