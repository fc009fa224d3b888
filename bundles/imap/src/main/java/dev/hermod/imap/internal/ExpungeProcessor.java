package dev.hermod.imap.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** EXPUNGE (RFC 9051 §6.4.3) and UID EXPUNGE (RFC 4315 §2.1). */
final class ExpungeProcessor implements Processor {

    @Override
    public Set<String> commands() {
        return Set.of("EXPUNGE");
    }

    @Override
    public boolean allowed(String name, SessionState state) {
        return state == SessionState.SELECTED;
    }

    @Override
    public String process(Command c, ImapSession session) {
        SelectedMailbox selected = session.selected();
        List<Long> uids = null;
        if (c.uid()) {
            SequenceSet set = SequenceSet.parse(c.args(), session);
            uids = new ArrayList<>();
            for (int msn : selected.resolve(set, true)) {
                uids.add(selected.entry(msn).uid());
            }
        }
        c.args().end();
        if (selected.readOnly()) {
            throw ImapException.no("READ-ONLY", "The mailbox was opened with EXAMINE");
        }
        if (uids == null || !uids.isEmpty()) {
            selected.expunged(session.account().expunge(selected.id(), uids), session);
        }
        return (c.uid() ? "UID " : "") + "EXPUNGE completed";
    }
}
