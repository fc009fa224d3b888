package dev.hermod.core.internal.auth;

import dev.hermod.api.auth.AuthStep.Reason;
import java.nio.charset.StandardCharsets;

/**
 * SASL PLAIN (RFC 4616): one message {@code [authzid] NUL authcid NUL passwd}. Acting as another user
 * (an authzid different from the authcid) is refused.
 */
final class PlainMechanism implements Mechanism {

    private boolean asked;

    @Override
    public Result next(byte[] response) {
        if (response == null) {
            if (asked) {
                return new Fail(Reason.MALFORMED, "Expected a PLAIN response");
            }
            asked = true;
            return new Send(new byte[0]);
        }
        String message = new String(response, StandardCharsets.UTF_8);
        int first = message.indexOf('\0');
        int second = first < 0 ? -1 : message.indexOf('\0', first + 1);
        if (first < 0 || second < 0 || message.indexOf('\0', second + 1) >= 0) {
            return new Fail(Reason.MALFORMED, "PLAIN response must be [authzid] NUL authcid NUL password");
        }
        String authzid = message.substring(0, first);
        String authcid = message.substring(first + 1, second);
        String password = message.substring(second + 1);
        if (authcid.isEmpty()) {
            return new Fail(Reason.MALFORMED, "PLAIN response has an empty user name");
        }
        if (!authzid.isEmpty() && !authzid.equals(authcid)) {
            return new Fail(Reason.INVALID_CREDENTIALS, "Authorization as another user is not allowed");
        }
        return new CheckPassword(authcid, password);
    }
}
