package dev.hermod.outbound.internal;

import dev.hermod.api.mail.SmtpReply;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reply of the remote server as read: its code and the text of each line (RFC 5321 §4.2: {@code code "-"
 * text} for all lines but the last, {@code code " " text} for the last).
 *
 * @param code  the three-digit code
 * @param lines the text after the code and separator of each line, at least one (possibly empty)
 */
record Reply(int code, List<String> lines) {

    private static final Pattern ENHANCED = Pattern.compile("([245])\\.([0-9]{1,3})\\.([0-9]{1,3})(?: |$)");
    private static final int MAX_TEXT = 900;

    /** Copies. */
    Reply {
        lines = List.copyOf(lines);
    }

    /** @return 2xx */
    boolean isPositiveCompletion() {
        return code >= 200 && code < 300;
    }

    /** @return 4xx */
    boolean isTransient() {
        return code >= 400 && code < 500;
    }

    /** @return 5xx */
    boolean isPermanent() {
        return code >= 500 && code < 600;
    }

    /**
     * The reply as the API's value: the enhanced status code of the first line when it has one whose class
     * matches the code (RFC 2034 §4), the lines' texts without it joined by a space, control characters replaced
     * by {@code ?}, cut to 900 characters.
     *
     * @return the reply, never {@code null}
     */
    SmtpReply smtpReply() {
        String enhanced = null;
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            String t = line;
            Matcher m = ENHANCED.matcher(t);
            if (m.lookingAt() && Integer.parseInt(m.group(1)) == code / 100) {
                String status = m.group(1) + "." + m.group(2) + "." + m.group(3);
                if (enhanced == null && text.isEmpty()) {
                    enhanced = status;
                }
                if (status.equals(enhanced)) {
                    t = t.substring(m.end());
                }
            }
            if (!text.isEmpty() && !t.isEmpty()) {
                text.append(' ');
            }
            text.append(t.strip());
        }
        String clean = text.toString().codePoints()
                .map(c -> c != '\t' && Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        if (clean.length() > MAX_TEXT) {
            clean = clean.substring(0, MAX_TEXT) + "...";
        }
        int apiCode = code >= 200 && code < 600 ? code : 451;
        return new SmtpReply(apiCode, apiCode == code ? enhanced : null, clean);
    }

    /** @return the reply as one line, e.g. {@code 250 2.0.0 Ok} */
    @Override
    public String toString() {
        return smtpReply().toString();
    }
}
