package dev.hermod.outbound.internal;

/** How a session to one destination uses TLS. */
enum TlsMode {
    /** Plain text; STARTTLS is not used even if offered. */
    NONE,
    /**
     * STARTTLS when the server offers it, certificate not verified (RFC 7435 opportunistic security: better than
     * plain text against passive listeners); plain text when it is not offered or refused with a non-220 reply.
     */
    OPPORTUNISTIC,
    /** STARTTLS must be offered and succeed (verified as the route says), else a temporary failure 4.7.5. */
    REQUIRED,
    /** TLS from the first byte (submissions, RFC 8314 §3.3), before the greeting. */
    IMPLICIT
}
