package dev.hermod.outbound.internal;

import java.util.Locale;
import java.util.Set;

/**
 * A relay host (smart host) that takes mail for all domains or for some.
 *
 * @param host    the relay's name or address, checked against its certificate when TLS is verified
 * @param port    its port
 * @param policy  TLS and AUTH for sessions to it
 * @param domains the recipient domains it takes, lower case; empty for all
 */
record Relay(String host, int port, SessionPolicy policy, Set<String> domains) {

    /** Copies. */
    Relay {
        domains = Set.copyOf(domains);
    }

    /**
     * @param domain a recipient domain, lower case
     * @return whether mail to it goes through this relay: every domain when the list is empty, else a listed
     *         domain or a subdomain of one written {@code .example.com}
     */
    boolean takes(String domain) {
        if (domains.isEmpty()) {
            return true;
        }
        String d = domain.toLowerCase(Locale.ROOT);
        if (domains.contains(d)) {
            return true;
        }
        for (int dot = d.indexOf('.'); dot >= 0; dot = d.indexOf('.', dot + 1)) {
            if (domains.contains(d.substring(dot))) {
                return true;
            }
        }
        return false;
    }
}
