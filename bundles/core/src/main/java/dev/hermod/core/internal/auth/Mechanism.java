package dev.hermod.core.internal.auth;

import dev.hermod.api.auth.AuthStep;

/** The client-facing half of one SASL mechanism's exchange; the authenticator checks what it yields. */
interface Mechanism {

    /** What the mechanism has gathered: a challenge to send, or credentials to check. */
    sealed interface Result {}

    /** Send this challenge. */
    record Send(byte[] challenge) implements Result {}

    /** Check a name and password. */
    record CheckPassword(String login, String password) implements Result {}

    /** Check a CRAM-MD5 response: the digest must be HMAC-MD5 of the challenge keyed with the clear secret. */
    record CheckDigest(String login, byte[] challenge, String hexDigest) implements Result {}

    /** Give up with this outcome. */
    record Fail(AuthStep.Reason reason, String message) implements Result {}

    /** @param response the client's response, or {@code null} when none was sent yet (no initial response) */
    Result next(byte[] response);
}
