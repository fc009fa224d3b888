package dev.hermod.outbound.internal;

import dev.hermod.api.mail.SmtpReply;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where a domain's mail goes: to the relay host when one is configured and takes the domain, else to the
 * domain's MX hosts on {@code smtp.port}, with TLS required and verified for the domains of
 * {@code tls.required.domains} and opportunistic for the others — unless the domain has an MTA-STS policy
 * (RFC 8461, when {@code mta-sts.enabled}):
 * <ul>
 *   <li>mode {@code enforce} (§5): only the MX hosts that match one of the policy's {@code mx} patterns are
 *       tried, each with TLS required and a certificate that chains to a trusted one and names the MX host
 *       (RFC 6125; {@code tls.trust.file} or the JDK's trust store). None matching → {@code 451 4.7.5}; hosts
 *       that fail TLS are skipped like any host that cannot take the message, so when none is left the
 *       recipients get {@code 451 4.7.5} as well.</li>
 *   <li>mode {@code testing}: delivery as without a policy; an MX host that matches no pattern, a missing or
 *       refused STARTTLS, and a certificate that would not pass are logged as warnings.</li>
 *   <li>mode {@code none}, or no policy: as without MTA-STS.</li>
 * </ul>
 * Mail through the relay, and to address literals, is not subject to MTA-STS.
 */
final class Router {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private static final SessionPolicy TLS_REQUIRED =
            new SessionPolicy(TlsMode.REQUIRED, true, "tls.required.domains", null, null, false);

    private final Settings settings;
    private final MxResolver mx;
    private final MtaSts sts;

    /**
     * @param settings the configuration
     * @param mx       the MX resolver
     * @param sts      finds MTA-STS policies, or {@code null} when MTA-STS is off
     */
    Router(Settings settings, MxResolver mx, MtaSts sts) {
        this.settings = settings;
        this.mx = mx;
        this.sts = sts;
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
        if (route.failure() != null) {
            return route;
        }
        boolean tlsRequired = settings.tlsRequiredDomains().contains(domain);
        StsPolicy policy = sts == null || domain.startsWith("[") ? null : sts.policy(domain);
        if (policy != null && policy.mode() == StsPolicy.Mode.ENFORCE) {
            return enforce(domain, policy, route);
        }
        if (policy != null && policy.mode() == StsPolicy.Mode.TESTING) {
            String label = label(domain, policy);
            for (String host : names(route.hosts())) {
                if (!policy.matches(host)) {
                    LOG.warn("{}: MX host {} matches no mx of the policy ({}); delivering anyway", label, host,
                            String.join(" ", policy.mx()));
                }
            }
            return Route.to(route.hosts(), tlsRequired ? TLS_REQUIRED : SessionPolicy.audited(label));
        }
        return tlsRequired ? Route.to(route.hosts(), TLS_REQUIRED) : route;
    }

    /** Mode {@code enforce}: the matching hosts with verified TLS, or {@code 451 4.7.5} when none matches. */
    private static Route enforce(String domain, StsPolicy policy, Route route) {
        String label = label(domain, policy);
        List<Destination> allowed = new ArrayList<>();
        Set<String> refused = new LinkedHashSet<>();
        for (Destination host : route.hosts()) {
            if (policy.matches(host.host())) {
                allowed.add(host);
            } else {
                refused.add(host.host());
            }
        }
        if (allowed.isEmpty()) {
            return Route.failed(new SmtpReply(451, "4.7.5", label + ": no MX host (" + String.join(", ", refused)
                    + ") matches the policy's mx (" + String.join(" ", policy.mx()) + "); will retry"));
        }
        if (!refused.isEmpty()) {
            LOG.info("{}: skipping MX hosts that match no mx of the policy: {}", label, String.join(", ", refused));
        }
        return Route.to(allowed, new SessionPolicy(TlsMode.REQUIRED, true, label, null, null, false));
    }

    private static String label(String domain, StsPolicy policy) {
        return "MTA-STS policy of " + domain + ", mode " + policy.mode().text();
    }

    private static Set<String> names(List<Destination> hosts) {
        Set<String> names = new LinkedHashSet<>();
        hosts.forEach(h -> names.add(h.host()));
        return names;
    }
}
