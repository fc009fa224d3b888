package dev.hermod.imap.internal;

import dev.hermod.api.mailbox.Keywords;
import dev.hermod.api.mailbox.Mailbox;
import dev.hermod.api.mailbox.MailboxView;
import java.util.Locale;
import java.util.Set;

/**
 * SELECT and EXAMINE (RFC 9051 §6.3.2, §6.3.3, with CONDSTORE of RFC 7162 §3.1.8), CLOSE (§6.4.1),
 * UNSELECT (RFC 3691) and CHECK (RFC 3501 §6.4.1). An IMAP4rev1 session gets RECENT (the messages it is the first
 * read-write session to see, RFC 3501 §2.3.2) and UNSEEN; an IMAP4rev2 session gets the mailbox's LIST response instead (§6.3.2).
 */
final class SelectProcessor implements Processor {

    static final String FLAGS = "(\\Answered \\Flagged \\Deleted \\Seen \\Draft)";
    static final String PERMANENT_FLAGS = "(\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)";

    @Override
    public Set<String> commands() {
        return Set.of("SELECT", "EXAMINE", "CLOSE", "UNSELECT", "CHECK");
    }

    @Override
    public boolean allowed(String name, SessionState state) {
        return name.equals("SELECT") || name.equals("EXAMINE")
                ? state == SessionState.AUTHENTICATED || state == SessionState.SELECTED
                : state == SessionState.SELECTED;
    }

    @Override
    public String process(Command c, ImapSession session) {
        switch (c.name()) {
            case "CLOSE" -> {
                c.args().end();
                SelectedMailbox s = session.selected();
                session.select(null);
                if (!s.readOnly()) {
                    // RFC 9051 §6.4.1: expunged silently
                    session.account().expunge(s.id(), null);
                }
                return "CLOSE completed";
            }
            case "UNSELECT" -> {
                c.args().end();
                session.select(null);
                return "UNSELECT completed";
            }
            case "CHECK" -> {
                c.args().end();
                return "CHECK completed";
            }
            default -> {
                return select(c, session, c.name().equals("EXAMINE"));
            }
        }
    }

    private static String select(Command c, ImapSession session, boolean readOnly) {
        String name = MailboxTree.canonical(session.decodeName(c.args().astring()));
        long[] qresync = null;
        SequenceSet known = null;
        if (c.args().skip(' ')) {
            Arguments a = c.args();
            a.expect('(');
            do {
                String p = a.atom().toUpperCase(Locale.ROOT);
                if (p.equals("CONDSTORE")) {
                    session.enableCondstore();
                } else if (p.equals("QRESYNC") && session.qresync()) {
                    // RFC 7162 §3.2.5: (uidvalidity modseq [known-uids [(seq-match)]])
                    a.space();
                    a.expect('(');
                    qresync = new long[] {a.number(), 0};
                    a.space();
                    qresync[1] = a.number();
                    if (a.skip(' ') && !a.peekIs('(')) {
                        known = SequenceSet.parse(a, session);
                        a.skip(' ');
                    }
                    if (a.skip('(')) {
                        // the sequence match data only helps servers without a full change log
                        SequenceSet.parse(a, session);
                        a.space();
                        SequenceSet.parse(a, session);
                        a.expect(')');
                    }
                    a.expect(')');
                } else {
                    throw ImapException.bad("Unknown SELECT parameter " + Arguments.printable(p));
                }
            } while (a.skip(' '));
            a.expect(')');
        }
        c.args().end();
        boolean wasSelected = session.selected() != null;
        // RFC 9051 §6.3.2: a failed SELECT leaves no mailbox selected
        session.select(null);
        if (wasSelected) {
            session.send("* OK [CLOSED] Previous mailbox closed");
        }
        MailboxTree tree = new MailboxTree(session.account());
        Mailbox found = tree.require(name);
        MailboxView view = session.account().view(found.id());
        SelectedMailbox selected = new SelectedMailbox(session.account(), view, readOnly);
        Mailbox m = view.mailbox();
        session.send("* " + selected.exists() + " EXISTS");
        if (!session.rev2()) {
            selected.claimRecent(session);
            session.send("* " + selected.recentCount() + " RECENT");
        }
        session.send("* FLAGS " + FLAGS);
        if (session.rev2()) {
            session.send(session.response().raw("* LIST () \"" + MailboxTree.DELIMITER + "\" ")
                    .astring(session.encodeName(name)).crlf());
        } else {
            for (int i = 1; i <= selected.exists(); i++) {
                if (!selected.entry(i).keywords().contains(Keywords.SEEN)) {
                    session.send("* OK [UNSEEN " + i + "] First unseen message");
                    break;
                }
            }
        }
        session.send("* OK [UIDVALIDITY " + m.uidValidity() + "] UIDs valid");
        session.send("* OK [UIDNEXT " + m.uidNext() + "] Predicted next UID");
        session.send("* OK [PERMANENTFLAGS " + (readOnly ? "()" : PERMANENT_FLAGS) + "] Flags permitted");
        session.send("* OK [HIGHESTMODSEQ " + Math.max(1, m.highestModSeq()) + "] Highest");
        session.send("* OK [MAILBOXID (" + m.id() + ")] Ok");
        if (qresync != null && qresync[0] == m.uidValidity()) {
            selected.resynchronize(session, qresync[1], known);
        }
        session.select(selected);
        return (readOnly ? "[READ-ONLY] " : "[READ-WRITE] ") + c.name().toUpperCase(Locale.ROOT) + " completed";
    }
}
