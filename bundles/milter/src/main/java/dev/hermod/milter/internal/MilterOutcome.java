package dev.hermod.milter.internal;

import dev.hermod.api.filter.HeaderChange;
import dev.hermod.api.filter.Verdict;
import dev.hermod.api.mail.MailboxRole;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What one milter conversation decided: the modifications collected at end of message and the final answer,
 * turned into one {@link Verdict} by {@link #verdict(boolean)}.
 *
 * <p>Modifications count only if the final answer lets the message through ({@code SMFIR_ACCEPT} or
 * {@code SMFIR_CONTINUE}); with a rejection, temporary failure or discard the verdict is that alone. A
 * quarantine becomes {@link Verdict.FileInto} the Junk mailbox when configured so. Not thread safe.
 */
final class MilterOutcome {

    private final List<HeaderChange> changes = new ArrayList<>();
    private BodySpool body;
    private String quarantine;
    private Verdict terminal;

    /** @param change a header change to make, not {@code null} */
    void header(HeaderChange change) {
        changes.add(change);
    }

    /**
     * @param chunk a chunk of the replacement body, not {@code null}
     * @throws IOException if it cannot be spooled
     */
    void body(byte[] chunk) throws IOException {
        if (body == null) {
            body = new BodySpool();
        }
        body.append(chunk);
    }

    /** @param reason the milter's reason for quarantining the message, not {@code null} */
    void quarantine(String reason) {
        quarantine = reason;
    }

    /** @return the quarantine reason, or {@code null} if the milter did not quarantine the message */
    String quarantineReason() {
        return quarantine;
    }

    /**
     * Records the final answer that refuses or drops the message.
     *
     * @param verdict a {@link Verdict.Reject}, {@link Verdict.TempFail} or {@link Verdict.Discard}
     */
    void end(Verdict verdict) {
        terminal = verdict;
    }

    /** @return whether the milter refused or dropped the message */
    boolean ended() {
        return terminal != null;
    }

    /** Frees a spooled body, after a failure. */
    void discard() {
        if (body != null) {
            body.discard();
            body = null;
        }
    }

    /**
     * The verdict: the terminal answer alone, or the modifications ({@link Verdict.ModifyHeaders},
     * {@link Verdict.ReplaceBody}, {@link Verdict.FileInto}) in one verdict, or {@link Verdict#proceed()}.
     *
     * @param junkOnQuarantine whether a quarantine files into the Junk mailbox
     * @return the verdict, never {@code null}
     * @throws IOException if the replacement body cannot be completed
     */
    Verdict verdict(boolean junkOnQuarantine) throws IOException {
        if (terminal != null) {
            discard();
            return terminal;
        }
        List<Verdict> parts = new ArrayList<>();
        if (!changes.isEmpty()) {
            parts.add(new Verdict.ModifyHeaders(changes));
        }
        if (body != null) {
            parts.add(Verdict.replaceBody(body.source()));
        }
        if (quarantine != null && junkOnQuarantine) {
            parts.add(Verdict.fileInto(MailboxRole.JUNK));
        }
        return switch (parts.size()) {
            case 0 -> Verdict.proceed();
            case 1 -> parts.get(0);
            default -> new Verdict.Combined(parts);
        };
    }
}
