package dev.hermod.dkim.internal;

import dev.hermod.api.filter.HeaderChange;
import dev.hermod.api.filter.MessageContent;
import dev.hermod.api.filter.MessageFilter;
import dev.hermod.api.filter.SessionInfo;
import dev.hermod.api.filter.Verdict;
import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.Envelope;
import dev.hermod.api.mail.MailboxRole;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code DATA}-stage {@link MessageFilter} that checks SPF, DKIM and DMARC, writes the results in an
 * {@code Authentication-Results} field and applies the sender's DMARC policy. Configured by PID
 * {@code mailauth}; runs on its defaults without a configuration. See the package documentation.
 */
@Component(service = MessageFilter.class, configurationPid = MailAuthFilter.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = {MessageFilter.STAGES + "=DATA", "service.ranking:Integer=100"})
@Designate(ocd = MailAuthFilter.Config.class)
public final class MailAuthFilter implements MessageFilter {

    static final String PID = "mailauth";

    private static final Logger LOG = LoggerFactory.getLogger(MailAuthFilter.class);

    @ObjectClassDefinition(name = "Hermod mail authentication",
            description = "SPF, DKIM and DMARC checks of inbound mail, recorded in Authentication-Results.")
    public @interface Config {
        @AttributeDefinition(description = "Apply the sender's DMARC policy: p=reject refuses the message (550 5.7.1),"
                + " p=quarantine files it into the Junk mailbox. False: only record the result.")
        boolean dmarc_enforce() default true;

        @AttributeDefinition(description = "Refuse (550 5.7.23) mail whose SPF result is fail (-all) when the From"
                + " domain publishes no DMARC policy.")
        boolean spf_fail_reject() default false;

        @AttributeDefinition(description = "DNS resolvers to ask, host[:port] or [ipv6]:port, comma-separated."
                + " Empty: the system's resolvers (/etc/resolv.conf).")
        String dns_servers() default "";

        @AttributeDefinition(description = "Seconds one DNS query may take over all resolvers.", min = "1")
        int dns_timeout() default 5;

        @AttributeDefinition(description = "Answer 451 4.7.5 when DMARC cannot be evaluated because of a DNS error."
                + " False: accept the message with dmarc=temperror recorded.")
        boolean dns_tempfail() default false;

        @AttributeDefinition(description = "The authserv-id written in Authentication-Results (RFC 8601 §2.5);"
                + " fields from elsewhere claiming it are removed. Empty: this host's name.")
        String authserv_id() default "";

        @AttributeDefinition(description = "Client networks (CIDR) whose mail is not checked. Set it empty to check"
                + " every client, loopback included.")
        String[] trusted_networks() default {"127.0.0.0/8", "::1/128"};

        @AttributeDefinition(description = "Order among DATA filters: higher first.")
        int service_ranking() default 100;
    }

    private final SpfChecker spf;
    private final DkimVerifier dkim;
    private final DmarcEvaluator dmarc;
    private final String authservId;
    private final List<Cidr> trusted;
    private final boolean enforce;
    private final boolean spfFailReject;
    private final boolean dnsTempfail;

    /**
     * @param config the configuration
     * @throws IllegalArgumentException if a DNS server or trusted network is malformed
     */
    @Activate
    public MailAuthFilter(Config config) {
        List<String> servers = split(config.dns_servers());
        DnsLookup dns = new DnsLookup(servers, Duration.ofSeconds(Math.max(1, config.dns_timeout())));
        this.spf = new SpfChecker(dns);
        this.dkim = new DkimVerifier(dns, Clock.systemUTC());
        this.dmarc = new DmarcEvaluator(dns, () -> ThreadLocalRandom.current().nextInt(100));
        this.authservId = config.authserv_id().isBlank() ? hostName() : config.authserv_id().strip();
        List<Cidr> nets = new ArrayList<>();
        for (String entry : config.trusted_networks() == null ? new String[0] : config.trusted_networks()) {
            for (String net : split(entry)) {
                nets.add(Cidr.parse(net));
            }
        }
        this.trusted = List.copyOf(nets);
        this.enforce = config.dmarc_enforce();
        this.spfFailReject = config.spf_fail_reject();
        this.dnsTempfail = config.dns_tempfail();
    }

    @Override
    public Verdict onData(SessionInfo session, Envelope envelope, MessageContent content) {
        List<HeaderChange> changes = removeForgedResults(content);
        InetAddress ip = Cidr.unmap(session.remote().getAddress());
        if (session.authenticatedUser() != null || trusted.stream().anyMatch(n -> n.contains(ip))) {
            return changes.isEmpty() ? Verdict.proceed() : new Verdict.ModifyHeaders(changes);
        }
        RawMessage message;
        try (InputStream in = content.open()) {
            message = RawMessage.parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spooled message", e);
        }
        AuthenticationResults results = new AuthenticationResults(authservId);

        SpfChecker.Outcome spfOutcome = checkSpf(ip, session, envelope, results);
        List<DkimResult> dkimResults = dkim.verify(message);
        if (dkimResults.isEmpty()) {
            results.add("dkim", "none", null);
        }
        for (DkimResult r : dkimResults) {
            String b = r.signatureText() == null ? null
                    : r.signatureText().substring(0, Math.min(8, r.signatureText().length()));
            results.add("dkim", r.result(), r.reason(), "header.d", r.domain(), "header.s", r.selector(), "header.b", b);
        }
        DmarcEvaluator.Outcome d = dmarc.evaluate(FromDomain.of(content.header("From")), spfOutcome, dkimResults);
        String comment = d.policy() == null ? d.reason()
                : "p=" + d.policy().keyword() + ("fail".equals(d.result()) ? " dis=" + d.disposition().keyword() : "");
        results.add("dmarc", d.result(), comment, "header.from", d.fromDomain());

        changes.add(HeaderChange.addFirst(AuthenticationResults.FIELD, results.value()));
        Verdict headers = new Verdict.ModifyHeaders(changes);
        LOG.debug("session {}: {}", session.sessionId(), results.value());

        if ("temperror".equals(d.result()) && dnsTempfail) {
            return Verdict.tempFail(451, "4.7.5", "DMARC check of " + d.fromDomain()
                    + " failed on a DNS error, try again later");
        }
        if ("fail".equals(d.result()) && enforce) {
            if (d.disposition() == DmarcRecord.Policy.REJECT) {
                return Verdict.reject(550, "5.7.1", "Message refused: it fails the DMARC policy of " + d.fromDomain()
                        + " (neither SPF nor DKIM pass for that domain)");
            }
            if (d.disposition() == DmarcRecord.Policy.QUARANTINE) {
                return new Verdict.Combined(List.of(headers,
                        new Verdict.FileInto(null, MailboxRole.JUNK, Set.of(), false)));
            }
        }
        if (spfFailReject && spfOutcome != null && spfOutcome.result() == SpfResult.FAIL && d.policy() == null) {
            return Verdict.reject(550, "5.7.23", "Message refused: " + spfOutcome.domain()
                    + " does not allow " + ip.getHostAddress() + " to send its mail (SPF fail)");
        }
        return headers;
    }

    /**
     * SPF checks the MAIL FROM domain, or for the null reverse path the HELO name as {@code postmaster@helo}
     * (RFC 7208 §2.4). An address literal or a missing HELO gives {@code none}.
     */
    private SpfChecker.Outcome checkSpf(InetAddress ip, SessionInfo session, Envelope envelope,
                                        AuthenticationResults results) {
        Address sender = envelope.reversePath().address();
        String helo = session.helo() != null ? session.helo() : envelope.helo();
        if (sender != null && !sender.domain().startsWith("[")) {
            SpfChecker.Outcome o = spf.check(ip, sender.localPart() + "@" + sender.domain(), helo);
            results.add("spf", o.result().keyword(), o.reason(), "smtp.mailfrom", o.domain());
            return o;
        }
        if (sender == null && helo != null && SpfChecker.isDomainName(helo)) {
            SpfChecker.Outcome o = spf.check(ip, "postmaster@" + helo.toLowerCase(Locale.ROOT), helo);
            results.add("spf", o.result().keyword(), o.reason(), "smtp.helo", o.domain());
            return o;
        }
        results.add("spf", "none", "no domain to check", sender == null ? "smtp.helo" : "smtp.mailfrom",
                sender == null ? helo : sender.domain());
        return null;
    }

    /**
     * RFC 8601 §5: fields claiming our authserv-id that came with the message are forgeries (or relics) and are
     * deleted, bottom first so that the occurrence numbers stay right.
     */
    private List<HeaderChange> removeForgedResults(MessageContent content) {
        List<String> existing = content.header(AuthenticationResults.FIELD);
        List<HeaderChange> changes = new ArrayList<>();
        String ours = authservId.toLowerCase(Locale.ROOT);
        for (int i = existing.size(); i >= 1; i--) {
            if (AuthenticationResults.authservIdOf(existing.get(i - 1)).equals(ours)) {
                changes.add(HeaderChange.remove(AuthenticationResults.FIELD, i));
            }
        }
        return changes;
    }

    private static List<String> split(String list) {
        if (list == null) {
            return List.of();
        }
        return Arrays.stream(list.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
