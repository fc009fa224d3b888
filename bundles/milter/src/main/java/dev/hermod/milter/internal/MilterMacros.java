package dev.hermod.milter.internal;

import dev.hermod.api.filter.SessionInfo;
import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.Envelope;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Sendmail macros sent ({@code SMFIC_MACRO}) before each step, those rspamd and spamass-milter read:
 * <ul>
 *   <li>connect: {@code j} (this server's host name), {@code {daemon_name}} (the listener), {@code _}
 *       ({@code helo [ip]}), {@code {client_addr}}, {@code {client_port}}, {@code {client_name}} (the HELO
 *       name or {@code [ip]}: Hermod does no reverse lookup), {@code {if_name}};</li>
 *   <li>HELO: {@code {tls_version}} ({@code TLS}, only when the session is protected; the exact version is
 *       not known to filters);</li>
 *   <li>MAIL: {@code {i}} (the queue id: the session id), {@code {mail_addr}}, {@code {auth_authen}} when
 *       the client authenticated;</li>
 *   <li>RCPT: {@code {rcpt_addr}};</li>
 *   <li>end of message: {@code {i}}.</li>
 * </ul>
 */
final class MilterMacros {

    private MilterMacros() {}

    /** @return the macros for the connect step, in a stable order */
    static Map<String, String> connect(String hostName, SessionInfo session) {
        InetAddress ip = unmap(session.remote().getAddress());
        String address = text(ip);
        String clientName = session.helo() != null && !session.helo().isBlank() ? session.helo() : "[" + address + "]";
        Map<String, String> m = new LinkedHashMap<>();
        m.put("j", hostName);
        m.put("{daemon_name}", session.listener());
        m.put("{if_name}", hostName);
        m.put("_", clientName + " [" + address + "]");
        m.put("{client_addr}", address);
        m.put("{client_port}", Integer.toString(session.remote().getPort()));
        m.put("{client_name}", clientName);
        return m;
    }

    /** @return the macros for the HELO step */
    static Map<String, String> helo(SessionInfo session) {
        Map<String, String> m = new LinkedHashMap<>();
        if (session.tls()) {
            m.put("{tls_version}", "TLS");
        }
        return m;
    }

    /** @return the macros for the MAIL step */
    static Map<String, String> mail(SessionInfo session, Envelope envelope) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("{i}", session.sessionId());
        m.put("{mail_addr}", envelope.reversePath().mailbox().map(Address::toString).orElse(""));
        String user = session.authenticatedUser() != null ? session.authenticatedUser() : envelope.authenticatedUser();
        if (user != null) {
            m.put("{auth_authen}", user);
        }
        return m;
    }

    /** @return the macros for one RCPT step */
    static Map<String, String> rcpt(Address recipient) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("{rcpt_addr}", recipient.toString());
        return m;
    }

    /** @return the macros for the end of message */
    static Map<String, String> endOfMessage(SessionInfo session) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("{i}", session.sessionId());
        return m;
    }

    /**
     * @param ip an address, not {@code null}
     * @return an IPv4-mapped IPv6 address as the IPv4 address; any other address unchanged
     */
    static InetAddress unmap(InetAddress ip) {
        if (ip instanceof Inet6Address) {
            byte[] b = ip.getAddress();
            boolean mapped = b[10] == (byte) 0xff && b[11] == (byte) 0xff;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = b[i] == 0;
            }
            if (mapped) {
                try {
                    return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return ip;
    }

    /** @return the address as text without host name or scope, e.g. {@code 192.0.2.1} or {@code 2001:db8::1} */
    static String text(InetAddress ip) {
        String s = ip.getHostAddress();
        int percent = s.indexOf('%');
        return ip instanceof Inet4Address || percent < 0 ? s : s.substring(0, percent);
    }
}
