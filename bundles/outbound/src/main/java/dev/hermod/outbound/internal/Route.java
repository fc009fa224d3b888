package dev.hermod.outbound.internal;

import dev.hermod.api.mail.SmtpReply;
import java.util.List;
import java.util.Objects;

/**
 * Where a domain's mail goes: the hosts to try in order with the session policy for them, or why there is no
 * route (a reply to give every recipient).
 *
 * @param hosts   the addresses to try, in order; empty when {@code failure} is set
 * @param policy  the session policy for every host, never {@code null}
 * @param failure why there is no route, or {@code null}; its class (4xx or 5xx) says whether to retry
 */
record Route(List<Destination> hosts, SessionPolicy policy, SmtpReply failure) {

    /** Checks and copies. */
    Route {
        hosts = List.copyOf(hosts);
        Objects.requireNonNull(policy, "policy");
        if (failure == null && hosts.isEmpty()) {
            throw new IllegalArgumentException("a route without hosts needs a failure reply");
        }
    }

    /** @return a route to these hosts */
    static Route to(List<Destination> hosts, SessionPolicy policy) {
        return new Route(hosts, policy, null);
    }

    /** @return no route, for the reason given */
    static Route failed(SmtpReply failure) {
        return new Route(List.of(), SessionPolicy.OPPORTUNISTIC, Objects.requireNonNull(failure, "failure"));
    }
}
