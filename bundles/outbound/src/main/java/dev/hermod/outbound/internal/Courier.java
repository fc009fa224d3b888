package dev.hermod.outbound.internal;

import dev.hermod.api.mail.SmtpReply;
import dev.hermod.api.outbound.OutboundMessage;
import dev.hermod.api.outbound.TransportResult;
import dev.hermod.api.outbound.TransportResult.Outcome;
import dev.hermod.api.outbound.TransportResult.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one message: routes its domain, takes a slot of the domain's connection limit, and tries the route's
 * hosts in order (RFC 5321 §5.1) — a pooled session first, else a new one — until one runs the transaction.
 * A host that cannot take the message ({@link HostFailure}: refused connection, time-out, greeting refused, TLS
 * required and not had) passes it on to the next (a pooled session that broke is first replaced by a new one to
 * the same host); once a host answered {@code MAIL}, its replies decide.
 * When every host failed, every recipient gets the last host's reply: permanent only if every host refused with a
 * 5xx, else temporary.
 */
final class Courier {

    private static final Logger LOG = LoggerFactory.getLogger(Courier.class);

    private final Settings settings;
    private final Router router;
    private final ConnectionPool pool;
    private final DomainLimits limits;
    private final TlsContexts tls;
    private final WriteWatchdog watchdog;

    /**
     * @param settings the configuration
     * @param router   finds the hosts
     * @param pool     idle sessions
     * @param limits   the per-domain limit
     * @param tls      TLS client configurations
     * @param watchdog guards writes
     */
    Courier(Settings settings, Router router, ConnectionPool pool, DomainLimits limits, TlsContexts tls,
            WriteWatchdog watchdog) {
        this.settings = settings;
        this.router = router;
        this.pool = pool;
        this.limits = limits;
        this.tls = tls;
        this.watchdog = watchdog;
    }

    /**
     * @param message the message
     * @return one outcome per recipient, never {@code null}
     */
    TransportResult send(OutboundMessage message) {
        Route route = router.route(message.domain());
        if (route.failure() != null) {
            LOG.info("{}: no route to {}: {}", message.id(), message.domain(), route.failure());
            return all(message, route.failure(), null);
        }
        try {
            if (!limits.acquire(message.domain(), settings.connectionWait())) {
                return all(message, new SmtpReply(451, "4.4.5", "Already " + settings.connectionsPerDomain()
                        + " deliveries in progress to " + message.domain() + "; will retry"), null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return all(message, new SmtpReply(451, "4.3.0", "Delivery interrupted (the transport is stopping)"), null);
        }
        try {
            return tryHosts(message, route);
        } finally {
            limits.release(message.domain());
        }
    }

    private TransportResult tryHosts(OutboundMessage message, Route route) {
        HostFailure last = null;
        Destination lastHost = null;
        boolean allPermanent = true;
        for (Destination host : route.hosts()) {
            ConnectionPool.Key key = ConnectionPool.Key.of(host, route.policy());
            try {
                SmtpSession session = pool.take(key);
                Transaction.Result result;
                if (session == null) {
                    session = open(host, route.policy());
                    result = Transaction.run(session, message);
                } else {
                    try {
                        result = Transaction.run(session, message);
                    } catch (HostFailure closedWhileIdle) {
                        // The server dropped the idle connection just after RSET: try once on a new one.
                        session = open(host, route.policy());
                        result = Transaction.run(session, message);
                    }
                }
                if (result.reusable()) {
                    pool.offer(key, session);
                } else {
                    session.connection().close();
                }
                log(message, host, result);
                return new TransportResult(result.outcomes(), host.toString());
            } catch (HostFailure e) {
                LOG.info("{}: {} could not take the message for {}: {}", message.id(), host, message.domain(),
                        e.reply());
                last = e;
                lastHost = host;
                allPermanent &= e.reply().isPermanent();
            }
        }
        SmtpReply reply = last.reply();
        if (!allPermanent && reply.isPermanent()) {
            reply = new SmtpReply(451, "4.4.0", HostFailure.oneLine(reply.toString()));
        }
        return all(message, reply, lastHost);
    }

    private SmtpSession open(Destination host, SessionPolicy policy) throws HostFailure {
        return SmtpSession.open(host, policy, settings.hostname(), settings.timeouts(), tls, watchdog);
    }

    private static void log(OutboundMessage message, Destination host, Transaction.Result result) {
        for (Outcome o : result.outcomes()) {
            LOG.info("{}: to=<{}> relay={} status={} reply={}", message.id(), o.recipient(), host, o.status(), o.reply());
        }
    }

    private static TransportResult all(OutboundMessage message, SmtpReply reply, Destination host) {
        Status status = reply.isPermanent() ? Status.PERMANENT_FAILURE : Status.TEMPORARY_FAILURE;
        String remote = host == null ? null : host.toString();
        return new TransportResult(message.recipients().stream()
                .map(r -> new Outcome(r, status, reply, remote)).toList(), remote);
    }
}
