package dev.hermod.outbound.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The transport's configuration, checked and converted from {@link SmtpTransport.Config}.
 *
 * @param hostname             the name given in EHLO/HELO
 * @param smtpPort             the port of MX hosts
 * @param dnsServers           the DNS servers ({@code host[:port]}), empty for the system's
 * @param dnsTimeout           one DNS query's time-out
 * @param relay                the relay host, or {@code null}
 * @param tlsRequiredDomains   domains whose MX hosts must offer TLS with a verified certificate, lower case
 * @param trustFile            PEM certificates trusted for verified TLS instead of the JDK's, or {@code null}
 * @param timeouts             the session time-outs
 * @param connectionsPerDomain how many sessions at once to one destination domain
 * @param connectionWait       how long a delivery waits for a free session to its domain
 * @param idleTime             how long an idle session is kept for reuse; zero for none
 * @param maxTransactions      how many transactions one session carries before it is closed
 * @param mtaSts               MTA-STS (RFC 8461) for MX delivery
 */
record Settings(String hostname, int smtpPort, List<String> dnsServers, Duration dnsTimeout, Relay relay,
                Set<String> tlsRequiredDomains, Path trustFile, Timeouts timeouts, int connectionsPerDomain,
                Duration connectionWait, Duration idleTime, int maxTransactions, MtaStsSettings mtaSts) {

    /**
     * The MTA-STS keys.
     *
     * @param enabled   whether policies are looked up and applied ({@code mta-sts.enabled})
     * @param trustFile PEM certificates trusted for the policy hosts instead of the JDK's trust store, or
     *                  {@code null} ({@code mta-sts.trust.file})
     * @param timeout   bounds one policy fetch ({@code mta-sts.timeout}; RFC 8461 §3.3: at most a minute)
     * @param port      the policy hosts' HTTPS port ({@code mta-sts.port}; 443, other values for tests)
     */
    record MtaStsSettings(boolean enabled, Path trustFile, Duration timeout, int port) {
    }

    /** Copies. */
    Settings {
        dnsServers = List.copyOf(dnsServers);
        tlsRequiredDomains = Set.copyOf(tlsRequiredDomains);
    }

    /**
     * Reads and checks a configuration.
     *
     * @param c   the configuration
     * @param env the environment, for {@code relay.auth.password.env}
     * @return the settings
     * @throws IllegalArgumentException naming the key that is wrong and why
     */
    static Settings of(SmtpTransport.Config c, Map<String, String> env) {
        String hostname = c.hostname().isBlank() ? localHostName() : c.hostname().strip();
        if (!hostname.matches("[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\]|\\[IPv6:[0-9A-Fa-f:.]+\\]")) {
            throw new IllegalArgumentException("hostname must be a domain name or an address literal: " + hostname);
        }
        Timeouts timeouts = new Timeouts(seconds(c.timeout_connect(), "timeout.connect"),
                seconds(c.timeout_greeting(), "timeout.greeting"), seconds(c.timeout_command(), "timeout.command"),
                seconds(c.timeout_data_block(), "timeout.data.block"), seconds(c.timeout_data_end(), "timeout.data.end"));
        Path trust = c.tls_trust_file().isBlank() ? null : Path.of(c.tls_trust_file().strip());
        if (c.connections_per_domain() < 1) {
            throw new IllegalArgumentException("connections.per.domain must be at least 1");
        }
        return new Settings(hostname.toLowerCase(Locale.ROOT), port(Integer.toString(c.smtp_port()), "smtp.port"),
                list(c.dns_servers()), seconds(c.dns_timeout(), "dns.timeout"), relay(c, env),
                Set.copyOf(lower(list(c.tls_required_domains()))), trust, timeouts, c.connections_per_domain(),
                seconds(c.connections_wait(), "connections.wait"),
                Duration.ofSeconds(Math.max(0, c.connection_idle_time())), Math.max(1, c.connection_max_messages()),
                new MtaStsSettings(c.mta$_$sts_enabled(),
                        c.mta$_$sts_trust_file().isBlank() ? null : Path.of(c.mta$_$sts_trust_file().strip()),
                        seconds(c.mta$_$sts_timeout(), "mta-sts.timeout"),
                        port(Integer.toString(c.mta$_$sts_port()), "mta-sts.port")));
    }

    private static Relay relay(SmtpTransport.Config c, Map<String, String> env) {
        if (c.relay_host().isBlank()) {
            return null;
        }
        String host = c.relay_host().strip();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        TlsMode tls = switch (c.relay_security().strip().toLowerCase(Locale.ROOT)) {
            case "none" -> TlsMode.NONE;
            case "starttls" -> TlsMode.REQUIRED;
            case "implicit_tls" -> TlsMode.IMPLICIT;
            default -> throw new IllegalArgumentException("relay.security must be none, starttls or implicit_tls: "
                    + c.relay_security());
        };
        int port = c.relay_port() == 0 ? (tls == TlsMode.IMPLICIT ? 465 : 25)
                : port(Integer.toString(c.relay_port()), "relay.port");
        String user = c.relay_auth_username().isBlank() ? null : c.relay_auth_username().strip();
        String password = password(c, env);
        if (user == null && password != null || user != null && password == null) {
            throw new IllegalArgumentException("relay.auth.username and a relay password (.relay.auth.password,"
                    + " relay.auth.password, relay.auth.password.env or relay.auth.password.file) go together");
        }
        SessionPolicy policy = new SessionPolicy(tls, c.relay_tls_verify(), "relay.security=" + c.relay_security().strip(),
                user, password, c.relay_auth_plaintext());
        return new Relay(host, port, policy, new LinkedHashSet<>(lower(list(c.relay_domains()))));
    }

    private static String password(SmtpTransport.Config c, Map<String, String> env) {
        if (!c._relay_auth_password().isEmpty()) {
            return c._relay_auth_password();
        }
        if (!c.relay_auth_password().isEmpty()) {
            return c.relay_auth_password();
        }
        if (!c.relay_auth_password_env().isBlank()) {
            String value = env.get(c.relay_auth_password_env().strip());
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("relay.auth.password.env names " + c.relay_auth_password_env()
                        + ", which is not set in the server's environment");
            }
            return value;
        }
        if (!c.relay_auth_password_file().isBlank()) {
            Path file = Path.of(c.relay_auth_password_file().strip());
            try {
                return Files.readString(file).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read relay.auth.password.file " + file + ": " + e, e);
            }
        }
        return null;
    }

    /** Splits each entry on commas and white space, so both a list and one comma-separated string work. */
    static List<String> list(String[] values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                for (String part : v.split("[,\\s]+")) {
                    if (!part.isBlank()) {
                        out.add(part.strip());
                    }
                }
            }
        }
        return out;
    }

    private static List<String> lower(List<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }

    private static Duration seconds(int value, String key) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be at least 1 second: " + value);
        }
        return Duration.ofSeconds(value);
    }

    /**
     * @param text a port number
     * @param key  the configuration key, for the message
     * @return the port
     * @throws IllegalArgumentException if it is not 1..65535
     */
    static int port(String text, String key) {
        try {
            int port = Integer.parseInt(text.strip());
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(key + ": bad port " + text);
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
