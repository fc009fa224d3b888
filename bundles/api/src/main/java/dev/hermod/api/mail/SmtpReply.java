package dev.hermod.api.mail;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One SMTP reply (RFC 5321 §4.2) with its optional enhanced status code (RFC 3463, RFC 2034), e.g.
 * {@code 550 5.1.1 No such user here}.
 *
 * @param code           the three-digit reply code, 200 to 599
 * @param enhancedStatus the enhanced status code {@code class.subject.detail}, or {@code null} for none;
 *                       its class must match the first digit of a 2xx, 4xx or 5xx code, and a 3xx reply
 *                       (such as {@code 354}) has none
 * @param text           the human-readable text, one line: no CR, LF or other control character except
 *                       tab; may be empty, never {@code null}
 */
public record SmtpReply(int code, String enhancedStatus, String text) {

    private static final Pattern ENHANCED = Pattern.compile("[245]\\.[0-9]{1,3}\\.[0-9]{1,3}");

    /**
     * Validates the reply.
     *
     * @param code the three-digit reply code, 200 to 599
     * @param enhancedStatus the enhanced status code {@code class.subject.detail}, or {@code null} for none;
     *                       its class must match the first digit of a 2xx, 4xx or 5xx code, and a 3xx reply
     *                       (such as {@code 354}) has none
     * @param text the human-readable text, one line: no CR, LF or other control character except tab; may be
     *             empty, never {@code null}
     * @throws NullPointerException     if {@code text} is {@code null}
     * @throws IllegalArgumentException if the code is outside 200..599, the enhanced status is malformed or
     *                                  its class does not match the code, or the text has control characters
     */
    public SmtpReply {
        Objects.requireNonNull(text, "text");
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("SMTP reply code must be 200..599: " + code);
        }
        if (enhancedStatus != null) {
            if (!ENHANCED.matcher(enhancedStatus).matches()) {
                throw new IllegalArgumentException("enhanced status must be class.subject.detail with class "
                        + "2, 4 or 5: " + enhancedStatus);
            }
            if (enhancedStatus.charAt(0) - '0' != code / 100) {
                throw new IllegalArgumentException("enhanced status " + enhancedStatus
                        + " does not match reply code " + code);
            }
        }
        if (text.chars().anyMatch(c -> c != '\t' && Character.isISOControl(c))) {
            throw new IllegalArgumentException("SMTP reply text must be one line without control characters");
        }
    }

    /** @return {@code true} for 2xx and 3xx replies (completion or intermediate) */
    public boolean isPositive() {
        return code < 400;
    }

    /** @return {@code true} for 4xx replies: the client should retry later */
    public boolean isTransient() {
        return code >= 400 && code < 500;
    }

    /** @return {@code true} for 5xx replies: the client must not retry as is */
    public boolean isPermanent() {
        return code >= 500;
    }

    /** @return the reply as one line without CRLF, e.g. {@code 550 5.1.1 No such user here} */
    @Override
    public String toString() {
        String prefix = enhancedStatus == null ? Integer.toString(code) : code + " " + enhancedStatus;
        return text.isEmpty() ? prefix : prefix + " " + text;
    }
}
