package dev.hermod.milter.internal;

import dev.hermod.api.mail.SmtpReply;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the SMTP reply of {@code SMFIR_REPLYCODE}: {@code 550 5.7.1 text}, or several lines
 * ({@code 550-5.7.1 first} CRLF {@code 550 5.7.1 last}) whose texts are joined with a space, since a filter
 * verdict carries one line. {@code %%} (Sendmail's escape for {@code %}) becomes {@code %}. An enhanced status
 * code whose class does not match the reply code is left out.
 */
final class ReplyCodes {

    private static final Pattern LINE = Pattern.compile("([45][0-9][0-9])(?:[ -](?:([45]\\.[0-9]{1,3}\\.[0-9]{1,3})(?: |$))?(.*))?");

    private ReplyCodes() {}

    /**
     * @param text the reply as the milter sent it, without the final NUL
     * @return the reply, a 4xx or 5xx, never {@code null}
     * @throws MilterException if it is not a 4xx or 5xx SMTP reply
     */
    static SmtpReply parse(String text) throws MilterException {
        String code = null;
        String enhanced = null;
        List<String> texts = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches() || (code != null && !code.equals(m.group(1)))) {
                throw new MilterException("milter sent a malformed reply code: '" + text + "'");
            }
            code = m.group(1);
            if (m.group(2) != null && m.group(2).charAt(0) == code.charAt(0)) {
                enhanced = m.group(2);
            }
            if (m.group(3) != null && !m.group(3).isBlank()) {
                texts.add(m.group(3).strip().replace("%%", "%"));
            }
        }
        if (code == null) {
            throw new MilterException("milter sent an empty reply code");
        }
        String joined = String.join(" ", texts).replaceAll("[\\p{Cntrl}&&[^\t]]", " ");
        return new SmtpReply(Integer.parseInt(code), enhanced, joined);
    }
}
