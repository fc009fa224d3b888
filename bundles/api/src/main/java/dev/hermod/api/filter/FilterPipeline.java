package dev.hermod.api.filter;

import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.ReversePath;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The core's chain of {@link MessageFilter}s for the SMTP command stages, as protocol servers call it.
 * Registered by the core; thread safe.
 *
 * <p>At each stage the filters that name it in {@value MessageFilter#STAGES} are called one after another,
 * highest {@code service.ranking} first (lowest service id on a tie). {@link Verdict.Accept},
 * {@link Verdict.Discard}, {@link Verdict.Reject} and {@link Verdict.TempFail} end the stage: no further
 * filter is asked. {@link Verdict.FileInto} and {@link Verdict.ModifyHeaders} are kept and the next filter
 * is asked. The result is {@link Verdict#proceed()} when every filter proceeded, otherwise the verdicts
 * in the order they came (one, or a {@link Verdict.Combined}). The server:
 * <ul>
 *   <li>answers the command with the reply of a {@link Verdict.Reject} or {@link Verdict.TempFail} (at
 *       {@code CONNECT} it greets with it and closes the connection; at {@code RCPT} the recipient is not
 *       added);</li>
 *   <li>otherwise goes on, and hands the {@link Verdict.Discard}, {@link Verdict.FileInto} and
 *       {@link Verdict.ModifyHeaders} verdicts of the transaction to
 *       {@link dev.hermod.api.delivery.Delivery#deliver(dev.hermod.api.mail.Envelope, SessionInfo,
 *       java.io.InputStream, String, java.util.List)} with the message, where they take effect as if the
 *       first {@code DATA} filter had returned them. Verdicts at {@code CONNECT} and {@code EHLO} hold for
 *       every transaction of the session, those at {@code MAIL} and {@code RCPT} for one.</li>
 * </ul>
 * The message-level stages ({@link FilterStage#DATA} and {@link FilterStage#DELIVERY}) run inside
 * {@link dev.hermod.api.delivery.Delivery}.
 *
 * <p>A filter that throws is logged and skipped: a broken plug-in does not stop mail. Every method may
 * block on what the filters do (DNS, a milter); callers must not call them on a network event loop.
 */
@ProviderType
public interface FilterPipeline {

    /**
     * A client connected.
     *
     * @param session the session, not {@code null}
     * @return the verdict that ended the stage, or {@link Verdict#proceed()}
     */
    Verdict connect(SessionInfo session);

    /**
     * {@code EHLO}, {@code HELO} or {@code LHLO}.
     *
     * @param session the session, with the new {@code helo}, not {@code null}
     * @param helo    the name the client gave, not {@code null}
     * @return the verdict that ended the stage, or {@link Verdict#proceed()}
     */
    Verdict ehlo(SessionInfo session, String helo);

    /**
     * {@code MAIL FROM}, after its syntax was checked.
     *
     * @param session the session, not {@code null}
     * @param sender  the reverse-path, not {@code null}
     * @return the verdict that ended the stage, or {@link Verdict#proceed()}
     */
    Verdict mail(SessionInfo session, ReversePath sender);

    /**
     * {@code RCPT TO}, after the directory accepted the recipient.
     *
     * @param session   the session, not {@code null}
     * @param recipient the forward-path's mailbox, not {@code null}
     * @return the verdict that ended the stage, or {@link Verdict#proceed()}
     */
    Verdict rcpt(SessionInfo session, Address recipient);
}
