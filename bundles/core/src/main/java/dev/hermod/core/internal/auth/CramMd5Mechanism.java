package dev.hermod.core.internal.auth;

import dev.hermod.api.auth.AuthStep.Reason;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * SASL CRAM-MD5 (RFC 2195): the server sends a unique challenge in msg-id form; the client answers
 * {@code user SP hex(HMAC-MD5(secret, challenge))}. It needs the secret in the clear, so it is offered
 * only when the directory can give it.
 */
final class CramMd5Mechanism implements Mechanism {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] challenge;
    private boolean sent;

    CramMd5Mechanism(String hostname) {
        challenge = ("<" + Long.toUnsignedString(RANDOM.nextLong()) + "." + System.currentTimeMillis() + "@" + hostname + ">")
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public Result next(byte[] response) {
        if (!sent) {
            sent = true;
            // RFC 2195 has no initial response: whatever came with the command is ignored.
            return new Send(challenge);
        }
        if (response == null) {
            return new Fail(Reason.MALFORMED, "Expected a CRAM-MD5 response");
        }
        String text = new String(response, StandardCharsets.UTF_8);
        int space = text.lastIndexOf(' ');
        if (space <= 0 || !text.substring(space + 1).matches("[0-9a-fA-F]{32}")) {
            return new Fail(Reason.MALFORMED, "CRAM-MD5 response must be: user SP 32 hex digits");
        }
        return new CheckDigest(text.substring(0, space), challenge, text.substring(space + 1).toLowerCase(java.util.Locale.ROOT));
    }
}
