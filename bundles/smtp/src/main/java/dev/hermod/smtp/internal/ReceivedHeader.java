package dev.hermod.smtp.internal;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The Received trace field (RFC 5321 §4.4), protocol names of RFC 3848 (ESMTPSA, LMTPS, ...). */
final class ReceivedHeader {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private ReceivedHeader() {
    }

    static String with(boolean lmtp, boolean esmtp, boolean tls, boolean auth) {
        String base = lmtp ? "LMTP" : esmtp ? "ESMTP" : "SMTP";
        if (!esmtp && !lmtp) {
            return base;
        }
        return base + (tls ? "S" : "") + (auth ? "A" : "");
    }

    static String build(String helo, String clientIp, String host, String with, String tlsInfo, String id,
                        String forRecipient, ZonedDateTime now) {
        StringBuilder b = new StringBuilder("Received: from ").append(helo == null ? "unknown" : clean(helo))
                .append(" ([").append(clientIp).append("])\r\n\tby ").append(host).append(" (Hermod) with ")
                .append(with);
        if (tlsInfo != null) {
            b.append("\r\n\t(").append(tlsInfo).append(')');
        }
        b.append("\r\n\tid ").append(id);
        if (forRecipient != null) {
            b.append("\r\n\tfor <").append(forRecipient).append('>');
        }
        return b.append("; ").append(DATE.format(now)).append("\r\n").toString();
    }

    // The client's EHLO argument is untrusted: no controls, no parentheses that would break the comment.
    private static String clean(String helo) {
        StringBuilder b = new StringBuilder();
        helo.codePoints().limit(255).forEach(c -> b.appendCodePoint(c < 33 || c == 127 || c == '(' || c == ')' ? '_' : c));
        return b.toString();
    }
}
