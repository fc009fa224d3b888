package dev.hermod.sieve.internal;

import dev.hermod.api.mail.Address;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The notification methods this server knows: {@code mailto:} (RFC 5436) with one address. */
final class Notifications {

    private Notifications() {
    }

    /** @return whether the URI is a mailto URI whose address parses */
    static boolean valid(String uri) {
        return address(uri) != null;
    }

    /** @return the address of a mailto URI (without its query), or {@code null} */
    static Address address(String uri) {
        if (uri == null || !uri.toLowerCase(Locale.ROOT).startsWith("mailto:")) {
            return null;
        }
        String to = uri.substring(7);
        int query = to.indexOf('?');
        if (query >= 0) {
            to = to.substring(0, query);
        }
        try {
            // RFC 6068 percent-decoding; '+' is a literal character in mailto, not a space
            to = URLDecoder.decode(to.replace("+", "%2B"), StandardCharsets.UTF_8);
            if (to.contains(",")) {
                return null; // one recipient only
            }
            return Address.parse(to);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
