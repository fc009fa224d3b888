package dev.hermod.managesieve.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The capability lines of RFC 5804 §1.7, sent in the greeting, after STARTTLS and for CAPABILITY.
 *
 * <ul>
 *   <li>{@code IMPLEMENTATION}, {@code VERSION "1.0"} (this protocol's RFC), {@code SIEVE} (the
 *       extensions scripts may {@code require}), {@code MAXREDIRECTS};</li>
 *   <li>{@code SASL}, the mechanisms the Authenticator offers on this connection (possibly none before
 *       TLS, which is allowed only while {@code STARTTLS} is offered), and {@code STARTTLS}, before
 *       authentication only;</li>
 *   <li>{@code OWNER}, the logged-in account, after authentication;</li>
 *   <li>{@code UNAUTHENTICATE} (RFC 5804 §2.14.1) always: the server supports the command, though it is
 *       valid only once authenticated;</li>
 *   <li>{@code NOTIFY "mailto"}: the methods of the {@code enotify} extension (RFC 5435, RFC 5804 §1.7).</li>
 * </ul>
 */
final class Capabilities {

    /**
     * The extensions the Sieve bundle accepts in {@code require} for users' scripts, in the SIEVE
     * capability's order. The comparators {@code i;octet} and {@code i;ascii-casemap} are not listed: every
     * Sieve implementation has them (RFC 5228 §2.7.3). The vendor extensions of trusted scripts are not
     * offered to users.
     */
    static final String SIEVE_EXTENSIONS = String.join(" ", "fileinto", "reject", "ereject", "envelope",
            "encoded-character", "imap4flags", "variables", "vacation", "vacation-seconds", "relational",
            "comparator-i;ascii-numeric", "subaddress", "body", "copy", "date", "index", "editheader", "mailbox",
            "regex", "spamtest", "spamtestplus", "virustest", "duplicate", "include", "environment", "enotify");

    /** The IMPLEMENTATION capability. */
    static final String IMPLEMENTATION = "Hermod ManageSieve";

    private Capabilities() {
    }

    /**
     * @param mechanisms the SASL mechanisms on offer now
     * @param startTls whether STARTTLS is on offer now
     * @param owner the logged-in account, or {@code null} before authentication
     * @param maxRedirects the redirect limit scripts run with
     * @return the capability lines, without CRLF
     */
    static List<String> lines(List<String> mechanisms, boolean startTls, String owner, int maxRedirects) {
        List<String> lines = new ArrayList<>();
        lines.add(Wire.string("IMPLEMENTATION") + " " + Wire.string(IMPLEMENTATION));
        if (owner == null) {
            lines.add(Wire.string("SASL") + " " + Wire.string(String.join(" ", mechanisms)));
        }
        lines.add(Wire.string("SIEVE") + " " + Wire.string(SIEVE_EXTENSIONS));
        if (startTls && owner == null) {
            lines.add(Wire.string("STARTTLS"));
        }
        lines.add(Wire.string("NOTIFY") + " " + Wire.string("mailto"));
        lines.add(Wire.string("MAXREDIRECTS") + " " + Wire.string(Integer.toString(maxRedirects)));
        if (owner != null) {
            lines.add(Wire.string("OWNER") + " " + Wire.string(owner));
        }
        lines.add(Wire.string("UNAUTHENTICATE"));
        lines.add(Wire.string("VERSION") + " " + Wire.string("1.0"));
        return lines;
    }
}
