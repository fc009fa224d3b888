/**
 * Mail authentication of inbound mail: a {@link dev.hermod.api.filter.MessageFilter} at the {@code DATA} stage
 * ({@code hermod.filter.stage=DATA}, {@code service.ranking} 100) that checks SPF (RFC 7208), DKIM signatures
 * (RFC 6376) and DMARC (RFC 7489), records them in one {@code Authentication-Results} field (RFC 8601) added at
 * the top of the header, and applies the From domain's DMARC policy. Configured by PID {@code mailauth}
 * ({@code etc/mailauth.cfg}, optional); nothing is exported. Outgoing mail is signed by
 * {@link dev.hermod.dkim.internal.DkimSigner} (see <a href="#signing">DKIM signing</a>).
 *
 * <pre>
 * dmarc.enforce = true
 * spf.fail.reject = false
 * dns.servers = 127.0.0.1:53, [::1]:53
 * dns.timeout = 5
 * dns.tempfail = false
 * authserv.id = mx.example.org
 * trusted.networks = 127.0.0.0/8, ::1/128, 10.0.0.0/8
 * </pre>
 *
 * <h2>What is checked</h2>
 * Nothing for a session that authenticated (SMTP AUTH) or a client in {@code trusted.networks}; the other
 * messages get:
 * <ul>
 *   <li><b>SPF</b> ({@link dev.hermod.dkim.internal.SpfChecker}): the client address against the MAIL FROM
 *       domain, or, for the null reverse path {@code <>}, against the HELO name (RFC 7208 §2.4). All
 *       mechanisms; {@code exp} is not fetched; the {@code p} macro expands to {@code unknown}. At most 10
 *       DNS-querying terms and 2 void lookups per check, else {@code permerror}.</li>
 *   <li><b>DKIM</b> ({@link dev.hermod.dkim.internal.DkimVerifier}): every {@code DKIM-Signature}, each
 *       reported: {@code rsa-sha256} and {@code ed25519-sha256} (RFC 8463) count; {@code rsa-sha1} is verified
 *       but reported as {@code policy} (RFC 8301) and does not count for DMARC; RSA keys under 1024 bits are
 *       refused. {@code l=}, {@code x=}, {@code t=s} and {@code h=} of keys are honoured.</li>
 *   <li><b>DMARC</b> ({@link dev.hermod.dkim.internal.DmarcEvaluator}): the policy of the From domain or its
 *       organizational domain, whose computation ({@link dev.hermod.dkim.internal.OrganizationalDomain}) is a
 *       fixed rule, not the Public Suffix List — see its limitation. No aggregate or failure reports are
 *       sent.</li>
 * </ul>
 *
 * <h2>Verdicts</h2>
 * <ul>
 *   <li>Always (when checked): {@code Authentication-Results: <authserv.id>; spf=pass
 *       smtp.mailfrom=example.com; dkim=pass header.d=example.com header.s=sel header.b=abcdEFGH; dmarc=pass
 *       (p=reject) header.from=example.com} added first. Fields already in the message that claim our
 *       authserv-id are removed (RFC 8601 §5), also from trusted and authenticated clients.</li>
 *   <li>DMARC {@code fail} with {@code dmarc.enforce}: {@code p=reject} → {@code 550 5.7.1};
 *       {@code p=quarantine} → the header and a {@code FileInto} of the Junk mailbox; {@code pct=} sampling
 *       weakens the policy one step for the messages outside the sample.</li>
 *   <li>DMARC {@code temperror} (a DNS failure): the message is accepted with the header, or answered
 *       {@code 451 4.7.5} when {@code dns.tempfail} is set. A policy is never applied on a DNS error.</li>
 *   <li>SPF {@code fail} when the From domain has no DMARC policy and {@code spf.fail.reject} is set:
 *       {@code 550 5.7.23} (RFC 7372).</li>
 * </ul>
 *
 * <h2>DNS</h2>
 * dnsjava ({@link dev.hermod.dkim.internal.DnsLookup}) sends each query to {@code dns.servers} or to the
 * system's resolvers, which should be a validating, caching recursive resolver near the server: nothing is
 * cached here. Truncated UDP answers are retried over TCP. dnsjava's packages that this bundle uses are
 * copied into it; it imports only the Hermod API, slf4j and JDK packages.
 *
 * <h2 id="signing">DKIM signing</h2>
 * {@link dev.hermod.dkim.internal.DkimSigner} is the {@link dev.hermod.api.crypto.MessageSigner} (service property
 * {@code name=dkim}) and the {@link dev.hermod.api.crypto.DkimKeyAdmin} behind {@code hermod:dkim-create} and
 * {@code hermod:dkim-list}. Configured by PID {@code dkim.signer} ({@code etc/dkim.signer.cfg}, optional under
 * Karaf):
 * <pre>
 * keys.directory = ${karaf.etc}/dkim
 * headers = from, to, cc, subject, date, message-id, reply-to, in-reply-to, references, mime-version, \
 *           content-type, content-transfer-encoding, list-*
 * oversign = from
 * selector.example.com = rsa202611, ed202611
 * </pre>
 * <ul>
 *   <li><b>Keys</b> ({@link dev.hermod.dkim.internal.DkimKeys}, {@link dev.hermod.dkim.internal.SigningKeys}): one
 *       file {@code <domain>.<selector>.key} per key in {@code keys.directory} (default {@code ${karaf.etc}/dkim};
 *       without Karaf it must be set), holding a PKCS#8 PEM RSA or Ed25519 private key ({@code openssl genpkey}
 *       writes them too), mode 600 in a directory of mode 700. A domain can sign when it has a key file; it signs
 *       with the newest key (file modification time) of each algorithm, RSA first, so an RSA and an Ed25519 key
 *       give two signatures (RFC 8463 §4). {@code selector.<domain>} pins the selectors instead, e.g. to keep the
 *       old key while the new one's DNS record propagates. Keys are picked up and rotated without a restart. A
 *       key file that cannot be read or parsed is a temporary failure, so mail waits rather than leave unsigned.
 *       Selectors are one DNS label; the domain is stored in its ASCII (A-label) form.</li>
 *   <li><b>Signatures</b> ({@link dev.hermod.dkim.internal.SignatureField}): {@code rsa-sha256} or
 *       {@code ed25519-sha256}, {@code c=relaxed/relaxed}, {@code d=} the sending domain, {@code t=} the signing
 *       time, no {@code x=}, {@code l=} or {@code i=}. {@code h=} lists each instance of the {@code headers}
 *       present, then the {@code oversign} names once more (RFC 6376 §8.15: From cannot be added). The field
 *       is folded into lines of at most 78 octets.</li>
 *   <li><b>Streaming</b>: the header is read into memory, the body only flows through the relaxed
 *       canonicalization into SHA-256 ({@link dev.hermod.dkim.internal.RelaxedBodyHash}), once for all keys.</li>
 * </ul>
 *
 * <h2>Limits</h2>
 * The message is read into memory once per check (not when signing). The organizational domain rule, the {@code p} macro, and
 * the missing {@code exp} explanations are documented simplifications.
 */
package dev.hermod.dkim.internal;
