package dev.hermod.core.internal.auth;

import dev.hermod.api.auth.AuthStep.Reason;
import java.nio.charset.StandardCharsets;

/**
 * SASL LOGIN (draft-murchison-sasl-login): the server asks "Username:" then "Password:". An initial
 * response, when a client sends one, is the user name.
 */
final class LoginMechanism implements Mechanism {

    private static final byte[] USERNAME = "Username:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PASSWORD = "Password:".getBytes(StandardCharsets.US_ASCII);

    private int state;
    private String user;

    @Override
    public Result next(byte[] response) {
        switch (state) {
            case 0 -> {
                if (response == null) {
                    state = 1;
                    return new Send(USERNAME);
                }
                return user(response);
            }
            case 1 -> {
                return response == null ? new Fail(Reason.MALFORMED, "Expected a user name") : user(response);
            }
            case 2 -> {
                if (response == null) {
                    return new Fail(Reason.MALFORMED, "Expected a password");
                }
                state = 3;
                return new CheckPassword(user, new String(response, StandardCharsets.UTF_8));
            }
            default -> {
                return new Fail(Reason.MALFORMED, "The exchange is over");
            }
        }
    }

    private Result user(byte[] response) {
        user = new String(response, StandardCharsets.UTF_8);
        if (user.isEmpty() || user.indexOf('\0') >= 0) {
            return new Fail(Reason.MALFORMED, "Invalid user name");
        }
        state = 2;
        return new Send(PASSWORD);
    }
}
