package dev.hermod.core.internal.delivery;

import dev.hermod.api.filter.DeliveryContext;
import dev.hermod.api.filter.MessageContent;
import dev.hermod.api.filter.MessageFilter;
import dev.hermod.api.filter.SessionInfo;
import dev.hermod.api.filter.Verdict;
import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.Envelope;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the message-level filter stages: {@code DATA} once per message, {@code DELIVERY} once per account.
 * Each run starts from a {@link Decision} and returns the next one; changes to the message make a new spool
 * file and close the one they replace, unless it is the caller's.
 */
final class MessageStages {

    private static final Logger LOG = LoggerFactory.getLogger(MessageStages.class);

    /**
     * Where a message stands after some filters.
     *
     * @param message  the message as it is now, never {@code null}
     * @param fileInto where to store it, or {@code null} for the INBOX
     * @param discard  whether it is to be dropped silently
     * @param refusal  a {@link Verdict.Reject} or {@link Verdict.TempFail}, or {@code null}
     * @param done     whether a filter ended the stage early (accept, discard or refusal)
     */
    record Decision(SpooledMessage message, Verdict.FileInto fileInto, boolean discard, Verdict refusal,
                    boolean done) {

        static Decision of(SpooledMessage message) {
            return new Decision(message, null, false, null, false);
        }

        Decision with(SpooledMessage m) {
            return new Decision(m, fileInto, discard, refusal, done);
        }

        /** The same decision, ready for the next stage. */
        Decision next() {
            return new Decision(message, fileInto, discard, refusal, false);
        }
    }

    private final Path spoolDirectory;

    MessageStages(Path spoolDirectory) {
        this.spoolDirectory = spoolDirectory;
    }

    /** Applies verdicts given before the message arrived (SMTP command stages), as a first DATA filter would. */
    Decision early(Decision start, List<Verdict> verdicts) throws IOException {
        Decision d = start;
        for (Verdict v : verdicts) {
            d = apply(d, v, start.message(), "an SMTP command stage");
            if (d.done()) {
                break;
            }
        }
        return d;
    }

    /** The {@code DATA} stage. */
    Decision data(Decision start, List<MessageFilter> filters, SessionInfo session, Envelope envelope)
            throws IOException {
        return run(start, filters, f -> f.onData(session, envelope, current), "DATA");
    }

    /** The {@code DELIVERY} stage for one account. */
    Decision delivery(Decision start, List<MessageFilter> filters, Envelope envelope, Address recipient,
                      String account) throws IOException {
        return run(start, filters, f -> f.onDelivery(new Context(envelope, recipient, account, current)),
                "DELIVERY");
    }

    private MessageContent current;

    private Decision run(Decision start, List<MessageFilter> filters, Function<MessageFilter, Verdict> call,
                         String stage) throws IOException {
        Decision d = start;
        for (MessageFilter filter : filters) {
            if (d.done()) {
                break;
            }
            current = d.message();
            Verdict v;
            try {
                v = call.apply(filter);
            } catch (RuntimeException e) {
                LOG.warn("Message filter {} failed at {}; going on without it", filter.getClass().getName(), stage, e);
                continue;
            }
            d = apply(d, v, start.message(), filter.getClass().getName());
        }
        current = null;
        return d;
    }

    private Decision apply(Decision d, Verdict verdict, SpooledMessage keep, String by) throws IOException {
        for (Verdict v : Verdicts.flatten(verdict)) {
            if (v instanceof Verdict.ModifyHeaders m) {
                d = replace(d, HeaderEditor.apply(d.message(), m.changes(), spoolDirectory), keep);
            } else if (v instanceof Verdict.ReplaceBody r) {
                d = replace(d, HeaderEditor.replaceBody(d.message(), r.body(), spoolDirectory), keep);
            } else if (v instanceof Verdict.FileInto f) {
                d = new Decision(d.message(), f, false, null, false);
            } else if (v instanceof Verdict.Discard) {
                LOG.info("Message discarded by {}", by);
                return new Decision(d.message(), null, true, null, true);
            } else if (v instanceof Verdict.Accept) {
                return new Decision(d.message(), d.fileInto(), false, null, true);
            } else if (Verdicts.refusal(v)) {
                LOG.info("Message refused by {}: {}", by, v);
                return new Decision(d.message(), null, false, v, true);
            }
        }
        return d;
    }

    private static Decision replace(Decision d, SpooledMessage next, SpooledMessage keep) throws IOException {
        if (d.message() != keep) {
            d.message().close();
        }
        return d.with(next);
    }

    private record Context(Envelope envelope, Address recipient, String account, MessageContent content)
            implements DeliveryContext {
    }
}
