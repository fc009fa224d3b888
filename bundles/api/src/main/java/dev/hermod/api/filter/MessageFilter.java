package dev.hermod.api.filter;

import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.Envelope;
import dev.hermod.api.mail.ReversePath;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Judges SMTP sessions and messages at the stages it registers for, and returns a {@link Verdict}.
 *
 * <p>Every method defaults to {@link Verdict#proceed()}; a filter overrides those of the stages it names in
 * {@value #STAGES}. See the package documentation for order and failure handling.
 *
 * <h2>Service properties</h2>
 * <ul>
 *   <li>{@value #STAGES} (String or String[]) — the {@link FilterStage} names the filter wants, in any case,
 *       e.g. {@code {"rcpt", "data"}}; when absent, the filter is called at every stage. Read it with
 *       {@link FilterStage#fromServiceProperty(Object)}.</li>
 *   <li>{@code service.ranking} (Integer) — order: higher first. Suggested bands: policy and allow-lists
 *       1000, spam and virus scanners 0, user-level filing (Sieve) -1000.</li>
 * </ul>
 *
 * <h2>Threads and timing</h2>
 * Implementations are thread safe: one filter serves all sessions concurrently. The core calls filters off
 * the network event loop, so a filter may block on I/O (a milter socket, a DNS query), but every call holds
 * a client waiting: the core abandons a call after a configured time limit and answers a temporary
 * failure. A filter must not keep the objects it is given beyond the call.
 *
 * <h2>Errors</h2>
 * A runtime exception from a method, {@link dev.hermod.api.mail.TemporaryFailureException} included, makes
 * the core answer {@code 451 4.3.0} (or keep the message queued, at delivery) and log the exception. Return
 * {@link Verdict#reject} or {@link Verdict#tempFail} to choose the reply.
 */
@ConsumerType
public interface MessageFilter {

    /** Service property: the names of the {@link FilterStage}s at which the filter is called. */
    String STAGES = "hermod.filter.stage";

    /**
     * A client connected, before the greeting. {@link Verdict.Reject} or {@link Verdict.TempFail} replaces
     * the greeting (e.g. {@code 554} or {@code 421}), after which the session accepts only {@code QUIT}.
     *
     * @param session the session, never {@code null}
     * @return the verdict, never {@code null}
     */
    default Verdict onConnect(SessionInfo session) {
        return Verdict.proceed();
    }

    /**
     * The client introduced itself with {@code EHLO}, {@code HELO} or {@code LHLO}. A rejection answers the
     * command; the client may try again.
     *
     * @param session the session, its {@code helo} already set to {@code helo}; never {@code null}
     * @param helo    the name the client gave, as received, never {@code null}
     * @return the verdict, never {@code null}
     */
    default Verdict onEhlo(SessionInfo session, String helo) {
        return Verdict.proceed();
    }

    /**
     * The client started a transaction with {@code MAIL FROM}. A rejection answers the command.
     *
     * @param session the session, never {@code null}
     * @param sender  the reverse-path, {@link ReversePath#NULL} for a bounce; never {@code null}
     * @return the verdict, never {@code null}
     */
    default Verdict onMail(SessionInfo session, ReversePath sender) {
        return Verdict.proceed();
    }

    /**
     * The client named a recipient with {@code RCPT TO}, and the directory (for local domains) or relay
     * rules accepted it. A rejection refuses this recipient only.
     *
     * @param session   the session, never {@code null}
     * @param recipient the recipient, never {@code null}
     * @return the verdict, never {@code null}
     */
    default Verdict onRcpt(SessionInfo session, Address recipient) {
        return Verdict.proceed();
    }

    /**
     * The whole message was received, before the reply to the final dot. A rejection refuses the message
     * for all recipients (under LMTP, the same reply for each).
     *
     * @param session  the session, never {@code null}
     * @param envelope the envelope with all accepted recipients, never {@code null}
     * @param content  the message, never {@code null}
     * @return the verdict, never {@code null}
     */
    default Verdict onData(SessionInfo session, Envelope envelope, MessageContent content) {
        return Verdict.proceed();
    }

    /**
     * The message is about to be stored in one local account. It is the stage for filing (Sieve). A
     * rejection here comes after the message was accepted, so the core sends a bounce (a DSN) to the
     * reverse-path, unless it is null; a temporary failure keeps the message queued for another try.
     *
     * @param delivery the delivery, never {@code null}
     * @return the verdict, never {@code null}
     */
    default Verdict onDelivery(DeliveryContext delivery) {
        return Verdict.proceed();
    }
}
