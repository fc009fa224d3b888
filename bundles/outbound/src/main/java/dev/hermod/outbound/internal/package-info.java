/**
 * Outbound SMTP: the {@link dev.hermod.api.outbound.OutboundTransport} named {@code smtp}, which the core's
 * outbound queue calls for each message and destination domain. Nothing is exported.
 *
 * <h2>Configuration</h2>
 * PID {@code transport.smtp} ({@code etc/transport.smtp.cfg}, optional; without it mail goes to the MX hosts
 * with opportunistic TLS):
 * <pre>
 * hostname = mail.example.org               # EHLO name; default: this host's canonical name
 * smtp.port = 25                            # port of MX hosts (tests point it elsewhere)
 * dns.servers = 127.0.0.1:53, [::1]:53      # default: the system's resolvers
 * dns.timeout = 10
 * relay.host = smtp.provider.example        # a smart host; empty: MX delivery
 * relay.port = 587                          # 0 (default): 465 for implicit_tls, else 25
 * relay.security = starttls                 # none | starttls (required) | implicit_tls
 * relay.tls.verify = true                   # certificate chain and host name of the relay
 * relay.domains =                           # empty: all mail; else these domains (.example.com: subdomains)
 * relay.auth.username = hermod
 * .relay.auth.password = ...                # or relay.auth.password, relay.auth.password.env / .file
 * relay.auth.plaintext = false              # AUTH without TLS only when true
 * tls.required.domains = bank.example       # MX TLS must succeed with a verified certificate
 * tls.trust.file =                          # PEM trust anchors instead of the JDK's
 * mta-sts.enabled = true                    # MTA-STS (RFC 8461) for MX delivery
 * mta-sts.trust.file =                      # PEM trust anchors for the policy hosts instead of the JDK's
 * mta-sts.timeout = 30                      # seconds for one policy fetch (RFC 8461 §3.3: at most 60)
 * mta-sts.port = 443                        # HTTPS port of the policy hosts (tests point it elsewhere)
 * timeout.connect = 30, timeout.greeting = 120, timeout.command = 120,
 * timeout.data.block = 180, timeout.data.end = 600          # seconds
 * connections.per.domain = 5, connections.wait = 60
 * connection.idle.time = 5, connection.max.messages = 100
 * </pre>
 *
 * <h2>Routing</h2>
 * A relay that takes the domain wins; otherwise {@link dev.hermod.outbound.internal.MxResolver} looks up the MX
 * records (RFC 5321 §5.1: preference order, random among equals, the domain's own A/AAAA without MX). Null MX
 * (RFC 7505) is {@code 556 5.1.10}, NXDOMAIN {@code 550 5.1.2}, both permanent; a DNS failure is {@code 451 4.4.3}.
 * Each address of each host is tried in turn until one takes the message: a refused connection, a time-out, a
 * refused greeting or EHLO, or TLS required and not available moves on to the next.
 *
 * <h2>MTA-STS</h2>
 * With {@code mta-sts.enabled} (the default), mail to MX hosts follows the recipient domain's MTA-STS policy
 * (RFC 8461; {@link dev.hermod.outbound.internal.MtaSts}, {@link dev.hermod.outbound.internal.Router}). Discovery:
 * the TXT record {@code _mta-sts.<domain>} ({@code v=STSv1; id=...}, §3.1) through the transport's DNS client;
 * then {@code https://mta-sts.<domain>/.well-known/mta-sts.txt} (§3.3), its address also from the DNS client,
 * the certificate verified against the JDK's trust store or {@code mta-sts.trust.file} and required to name the
 * policy host, no redirect followed, {@code 200} and {@code text/plain} required, at most 64 KB, one time-out
 * for the whole fetch ({@link dev.hermod.outbound.internal.StsPolicyFetcher}); the policy parsed as §3.2 says
 * ({@link dev.hermod.outbound.internal.StsPolicy}). Policies are cached in memory per domain, so a restart
 * fetches them again: a cached policy is used while unexpired ({@code max_age}) and the TXT {@code id} is the
 * same; a new {@code id} or expiry fetches again; when a fetch fails, an unexpired cached policy stays in force
 * (§5.1), else the domain is treated as having none. Mode {@code enforce}: only MX hosts matching an {@code mx}
 * pattern ({@code *.} stands for one label, §4.1) are tried, with STARTTLS required and the certificate
 * verified as for {@code tls.required.domains} (trusted chain, names the MX host); a host failing that is
 * skipped, and with none left every recipient gets {@code 451 4.7.5 MTA-STS policy of <domain>, mode enforce:
 * ...}. Mode {@code testing}: delivery as usual, and an MX host not matching, a missing STARTTLS and a
 * certificate that would not pass are logged as warnings. Mode {@code none}: no policy. Mail through the relay
 * (and to address literals) is not subject to MTA-STS.
 *
 * <h2>The session</h2>
 * EHLO (HELO if EHLO is refused); STARTTLS whenever offered, certificate not checked (RFC 7435), except for the
 * relay with {@code relay.security = starttls} and for {@code tls.required.domains}, where TLS must succeed and,
 * when verified, the certificate must chain to a trusted one and name the host (RFC 6125 as for HTTPS), else
 * {@code 451 4.7.5}; EHLO again after TLS (RFC 3207 §4.2). AUTH PLAIN, else LOGIN, to the relay — never without
 * TLS unless {@code relay.auth.plaintext}; a refused AUTH is temporary (a configuration error must not bounce
 * mail). Then one transaction ({@link dev.hermod.outbound.internal.Transaction}): PIPELINING when offered,
 * {@code SIZE=}, {@code BODY=8BITMIME}, {@code SMTPUTF8}, and {@code RET}/{@code ENVID} when the server offers
 * DSN; each RCPT refused with 4xx/5xx is a temporary/permanent failure of that recipient, and the reply after
 * the content decides for all accepted ones. Before anything is sent: SMTPUTF8 needed and not offered →
 * {@code 553 5.6.7} (RFC 6531 §3.4); 8-bit content to a server without 8BITMIME → {@code 554 5.6.3} (no
 * conversion to quoted-printable is done); larger than the server's SIZE → {@code 552 5.3.4}.
 *
 * <h2>Connections</h2>
 * Each call runs on the caller's thread (the queue's bounded pool) with blocking sockets; time-outs per
 * RFC 5321 §4.5.3.2 (shorter defaults for the greeting and commands), a blocked write is aborted by a watchdog.
 * After a transaction the session is kept idle {@code connection.idle.time} seconds per host, port and policy and
 * reused (after {@code RSET}) for the next message there; at most {@code connections.per.domain} deliveries run
 * at once per destination domain, others wait up to {@code connections.wait} seconds, then are deferred
 * ({@code 451 4.4.5}).
 *
 * <h2>Not done</h2>
 * DANE (RFC 7672): it needs DNSSEC-validated TLSA records, and no validating DNSSEC resolver is set up here (the
 * DNS client trusts whatever its resolver answers). TLSRPT (RFC 8460): MTA-STS failures are logged, not reported
 * to the domains. MTA-STS policies are not refreshed ahead of expiry (RFC 8461 suggests refreshing them), a failed
 * fetch is not remembered (the next delivery to the domain tries again), and the cache does not survive a
 * restart. Conversion of 8-bit content to 7 bit; per-recipient DSN parameters
 * ({@code NOTIFY}, {@code ORCPT}), which {@link dev.hermod.api.outbound.OutboundMessage} does not carry; CHUNKING;
 * detecting that an MX host is this server (a mail loop).
 */
package dev.hermod.outbound.internal;
