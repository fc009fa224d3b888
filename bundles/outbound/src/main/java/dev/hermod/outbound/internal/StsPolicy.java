package dev.hermod.outbound.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A domain's MTA-STS policy (RFC 8461 §3.2), as served at {@code https://mta-sts.<domain>/.well-known/mta-sts.txt}:
 *
 * <pre>
 * version: STSv1
 * mode: enforce
 * mx: mail.example.com
 * mx: *.example.net
 * max_age: 86400
 * </pre>
 *
 * @param mode   what the sender does when an MX host does not satisfy the policy, never {@code null}
 * @param mx     the MX host patterns, lower case without a final dot: a host name, or {@code *.} followed by a
 *               domain, which stands for exactly one more label (RFC 8461 §4.1); empty only for {@link Mode#NONE}
 * @param maxAge how long the policy may be cached, at most {@link #MAX_AGE_LIMIT}
 */
record StsPolicy(Mode mode, List<String> mx, Duration maxAge) {

    /** The longest {@code max_age} RFC 8461 §3.2 allows: 31557600 seconds, about a year. */
    static final long MAX_AGE_LIMIT = 31_557_600L;

    /** The policy's {@code mode} (RFC 8461 §5). */
    enum Mode {
        /** Deliver only to MX hosts that match a pattern and present a valid certificate over TLS. */
        ENFORCE,
        /** Deliver as without a policy, but report (here: log) what would have failed. */
        TESTING,
        /** The domain has no active policy (used to withdraw one, RFC 8461 §8.3). */
        NONE;

        /** @return the name as written in a policy */
        String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Checks and copies. */
    StsPolicy {
        Objects.requireNonNull(mode, "mode");
        mx = List.copyOf(mx);
        Objects.requireNonNull(maxAge, "maxAge");
        if (mode != Mode.NONE && mx.isEmpty()) {
            throw new IllegalArgumentException("a policy in mode " + mode.text() + " needs at least one mx");
        }
    }

    /**
     * Parses a policy body (RFC 8461 §3.2). Lines end with CRLF (a bare LF is accepted as well); each is
     * {@code key: value} with optional white space around the value. {@code version} must be {@code STSv1};
     * {@code mode} and {@code max_age} are required, and {@code mx} at least once unless the mode is
     * {@code none}. A key the RFC does not define is ignored (§3.2: extension fields); of a repeated
     * {@code version}, {@code mode} or {@code max_age} the first counts. A {@code max_age} above
     * {@link #MAX_AGE_LIMIT} is lowered to it.
     *
     * @param text the body as received
     * @return the policy
     * @throws IllegalArgumentException if it is not a valid policy; the message says why
     */
    static StsPolicy parse(String text) {
        String version = null;
        String mode = null;
        String maxAge = null;
        List<String> mx = new ArrayList<>();
        for (String raw : text.split("\r?\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("policy line without key: value: " + HostFailure.oneLine(line));
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "version" -> version = version == null ? value : version;
                case "mode" -> mode = mode == null ? value : mode;
                case "max_age" -> maxAge = maxAge == null ? value : maxAge;
                case "mx" -> mx.add(pattern(value));
                default -> {
                    // an extension field (sts-policy-ext-name): ignored
                }
            }
        }
        if (!"STSv1".equals(version)) {
            throw new IllegalArgumentException(version == null ? "policy without version"
                    : "policy version is not STSv1: " + HostFailure.oneLine(version));
        }
        if (mode == null) {
            throw new IllegalArgumentException("policy without mode");
        }
        Mode m = switch (mode) {
            case "enforce" -> Mode.ENFORCE;
            case "testing" -> Mode.TESTING;
            case "none" -> Mode.NONE;
            default -> throw new IllegalArgumentException("policy mode is not enforce, testing or none: "
                    + HostFailure.oneLine(mode));
        };
        if (maxAge == null || !maxAge.matches("[0-9]{1,10}")) {
            throw new IllegalArgumentException(maxAge == null ? "policy without max_age"
                    : "policy max_age is not 1 to 10 digits: " + HostFailure.oneLine(maxAge));
        }
        return new StsPolicy(m, mx, Duration.ofSeconds(Math.min(Long.parseLong(maxAge), MAX_AGE_LIMIT)));
    }

    private static String pattern(String value) {
        String p = value.toLowerCase(Locale.ROOT);
        if (p.endsWith(".")) {
            p = p.substring(0, p.length() - 1);
        }
        String name = p.startsWith("*.") ? p.substring(2) : p;
        if (name.isEmpty() || !name.matches("[a-z0-9_-]+(\\.[a-z0-9_-]+)*")) {
            throw new IllegalArgumentException("policy mx is not a host name or *.domain: "
                    + HostFailure.oneLine(value));
        }
        return p;
    }

    /**
     * Whether an MX host is allowed (RFC 8461 §4.1): equal to a pattern, or one label followed by the domain of a
     * {@code *.} pattern — {@code *.example.com} matches {@code mx.example.com}, but neither {@code example.com}
     * nor {@code a.b.example.com}. Case and a final dot do not matter.
     *
     * @param host an MX host name
     * @return whether a pattern matches it
     */
    boolean matches(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        for (String p : mx) {
            if (p.startsWith("*.")) {
                int dot = h.indexOf('.');
                if (dot > 0 && h.substring(dot + 1).equals(p.substring(2))) {
                    return true;
                }
            } else if (p.equals(h)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "mode " + mode.text() + ", mx " + String.join(" ", mx) + ", max_age " + maxAge.toSeconds();
    }
}
