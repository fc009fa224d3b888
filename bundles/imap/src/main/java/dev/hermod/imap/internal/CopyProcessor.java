package dev.hermod.imap.internal;

import dev.hermod.api.mailbox.CopyResult;
import dev.hermod.api.mailbox.Mailbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * COPY (RFC 9051 §6.4.7) and MOVE (RFC 6851), with their UID forms and COPYUID (RFC 4315). A missing target
 * is {@code NO [TRYCREATE]}. MOVE sends COPYUID in an untagged OK, then the EXPUNGEs (RFC 6851 §4.3).
 */
final class CopyProcessor implements Processor {

    @Override
    public Set<String> commands() {
        return Set.of("COPY", "MOVE");
    }

    @Override
    public boolean allowed(String name, SessionState state) {
        return state == SessionState.SELECTED;
    }

    @Override
    public String process(Command c, ImapSession session) {
        SequenceSet set = SequenceSet.parse(c.args(), session);
        c.args().space();
        String name = MailboxTree.canonical(session.decodeName(c.args().astring()));
        c.args().end();
        SelectedMailbox selected = session.selected();
        boolean move = c.name().equals("MOVE");
        if (move && selected.readOnly()) {
            throw ImapException.no("READ-ONLY", "The mailbox was opened with EXAMINE");
        }
        List<Long> uids = new ArrayList<>();
        for (int msn : selected.resolve(set, c.uid())) {
            uids.add(selected.entry(msn).uid());
        }
        Mailbox target = new MailboxTree(session.account()).find(name)
                .orElseThrow(() -> ImapException.no("TRYCREATE", "No such mailbox; create it first"));
        String prefix = c.uid() ? "UID " : "";
        if (uids.isEmpty()) {
            return prefix + c.name() + " completed (no messages)";
        }
        CopyResult result = move ? session.account().move(selected.id(), uids, target.id())
                : session.account().copy(selected.id(), uids, target.id());
        String copyUid = result.sourceUids().isEmpty() ? ""
                : "[COPYUID " + result.uidValidity() + " " + SequenceSet.format(result.sourceUids()) + " "
                + SequenceSet.format(result.targetUids()) + "] ";
        if (move) {
            if (!copyUid.isEmpty()) {
                session.send("* OK " + copyUid + "Moved");
            }
            selected.expunged(result.sourceUids(), session);
            return prefix + "MOVE completed";
        }
        return copyUid + prefix + "COPY completed";
    }
}
