package dev.hermod.imap.internal;

import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IDLE (RFC 2177, RFC 9051 §6.3.13): the session subscribes to the account's change notifications and
 * sends what changed in the selected mailbox (EXISTS, EXPUNGE, FETCH FLAGS) as it happens, until the
 * client sends {@code DONE}.
 */
final class IdleProcessor implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(IdleProcessor.class);

    @Override
    public Set<String> commands() {
        return Set.of("IDLE");
    }

    @Override
    public boolean allowed(String name, SessionState state) {
        return state == SessionState.AUTHENTICATED || state == SessionState.SELECTED;
    }

    @Override
    public String process(Command c, ImapSession session) {
        c.args().end();
        session.send("+ idling");
        try {
            session.idle(session.account().subscribe(state -> session.serial().execute(() -> {
                if (session.idle() != null) {
                    session.updates(true);
                    session.flush();
                }
            })));
        } catch (RuntimeException e) {
            LOG.debug("No change notifications; IDLE reports changes at DONE only", e);
        }
        // what changed before the subscription took effect
        session.updates(true);
        session.expectContinuation(line -> {
            stop(session);
            if (line.equalsIgnoreCase("DONE")) {
                session.complete(c, "IDLE terminated");
            } else {
                session.fail(c.tag(), ImapException.bad("Expected DONE"), true);
                session.resume();
            }
        });
        session.resume();
        return null;
    }

    /** Ends the subscription of an IDLE in progress, if any. */
    static void stop(ImapSession session) {
        AutoCloseable subscription = session.idle();
        session.idle(null);
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.debug("Closing a change subscription failed", e);
            }
        }
    }
}
