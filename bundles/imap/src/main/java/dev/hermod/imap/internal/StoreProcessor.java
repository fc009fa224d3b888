package dev.hermod.imap.internal;

import dev.hermod.api.mailbox.KeywordChange;
import dev.hermod.api.mailbox.KeywordResult;
import dev.hermod.api.mailbox.Keywords;
import dev.hermod.api.mailbox.MessageEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * STORE and UID STORE (RFC 9051 §6.4.6): {@code FLAGS}, {@code +FLAGS}, {@code -FLAGS}, each with
 * {@code .SILENT}, and the UNCHANGEDSINCE modifier (RFC 7162 §3.1.3) answered with {@code [MODIFIED set]}.
 * {@code \Recent} cannot be stored and is ignored.
 */
final class StoreProcessor implements Processor {

    @Override
    public Set<String> commands() {
        return Set.of("STORE");
    }

    @Override
    public boolean allowed(String name, SessionState state) {
        return state == SessionState.SELECTED;
    }

    @Override
    public String process(Command c, ImapSession session) {
        Arguments a = c.args();
        SequenceSet set = SequenceSet.parse(a, session);
        a.space();
        long unchangedSince = -1;
        if (a.skip('(')) {
            if (!a.atom().equalsIgnoreCase("UNCHANGEDSINCE")) {
                throw ImapException.bad("Unknown STORE modifier");
            }
            a.space();
            unchangedSince = a.number();
            a.expect(')');
            a.space();
            session.enableCondstore();
        }
        String action = a.atom().toUpperCase(Locale.ROOT);
        KeywordChange.Operation op = switch (action.replace(".SILENT", "")) {
            case "FLAGS" -> KeywordChange.Operation.REPLACE;
            case "+FLAGS" -> KeywordChange.Operation.ADD;
            case "-FLAGS" -> KeywordChange.Operation.REMOVE;
            default -> throw ImapException.bad("Expected FLAGS, +FLAGS or -FLAGS");
        };
        boolean silent = action.endsWith(".SILENT");
        a.space();
        Set<String> keywords = new HashSet<>();
        for (String flag : a.atomList(true)) {
            if (flag.equalsIgnoreCase("\\Recent")) {
                continue;
            }
            try {
                keywords.add(Keywords.fromImap(flag));
            } catch (IllegalArgumentException e) {
                throw ImapException.bad("Invalid flag " + Arguments.printable(flag));
            }
        }
        a.end();
        SelectedMailbox selected = session.selected();
        if (selected.readOnly()) {
            throw ImapException.no("READ-ONLY", "The mailbox was opened with EXAMINE");
        }
        List<Integer> numbers = selected.resolve(set, c.uid());
        List<Long> uids = new ArrayList<>();
        numbers.forEach(n -> uids.add(selected.entry(n).uid()));
        Set<Long> notModified = new HashSet<>();
        if (!uids.isEmpty()) {
            KeywordResult result = session.account().store(selected.id(), uids,
                    new KeywordChange(op, keywords, unchangedSince));
            result.changed().forEach(selected::replace);
            notModified.addAll(result.notModified());
        }
        for (int msn : numbers) {
            MessageEntry e = selected.entry(msn);
            if (notModified.contains(e.uid()) || (silent && !session.condstore())) {
                continue;
            }
            // RFC 7162 §3.1.3: with CONDSTORE even .SILENT reports the new MODSEQ
            String flags = silent ? "MODSEQ (" + e.modSeq() + ")" : session.selected().flagsItem(e, session);
            session.send("* " + msn + " FETCH (" + (c.uid() ? "UID " + e.uid() + " " : "") + flags + ")");
        }
        String code = "";
        if (!notModified.isEmpty()) {
            List<Long> modified = new ArrayList<>();
            for (int msn : numbers) {
                long uid = selected.entry(msn).uid();
                if (notModified.contains(uid)) {
                    modified.add(c.uid() ? uid : msn);
                }
            }
            code = "[MODIFIED " + SequenceSet.format(modified) + "] ";
        }
        return code + (c.uid() ? "UID " : "") + "STORE completed";
    }
}
