package dev.hermod.imap.internal;

import dev.hermod.api.mail.MailboxId;
import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mailbox.Keywords;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.Mailbox;
import dev.hermod.api.mailbox.SearchQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * CREATE, DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE, STATUS (RFC 9051 §6.3; STATUS=SIZE, RFC 8438) and
 * NAMESPACE (RFC 2342). Missing parents of a created or renamed mailbox are created (§6.3.4 allows it).
 */
final class MailboxProcessor implements Processor {

    @Override
    public Set<String> commands() {
        return Set.of("CREATE", "DELETE", "RENAME", "SUBSCRIBE", "UNSUBSCRIBE", "STATUS", "NAMESPACE");
    }

    @Override
    public boolean allowed(String name, SessionState state) {
        return state == SessionState.AUTHENTICATED || state == SessionState.SELECTED;
    }

    @Override
    public String process(Command c, ImapSession session) {
        MailAccount account = session.account();
        if (c.name().equals("NAMESPACE")) {
            c.args().end();
            session.send("* NAMESPACE ((\"\" \"" + MailboxTree.DELIMITER + "\")) NIL NIL");
            return "NAMESPACE completed";
        }
        String name = MailboxTree.canonical(session.decodeName(c.args().astring()));
        MailboxTree tree = new MailboxTree(account);
        switch (c.name()) {
            case "CREATE" -> {
                MailboxRole role = null;
                if (c.args().skip(' ')) {
                    // RFC 6154 §3: CREATE name (USE (\\Sent))
                    c.args().expect('(');
                    if (!c.args().atom().equalsIgnoreCase("USE")) {
                        throw ImapException.bad("Expected USE");
                    }
                    c.args().space();
                    List<String> uses = c.args().atomList(false);
                    c.args().expect(')');
                    if (uses.size() > 1) {
                        throw ImapException.no("USEATTR", "A mailbox has one special use here");
                    }
                    if (uses.size() == 1) {
                        role = MailboxRole.fromImapAttribute(uses.get(0)).orElseThrow(() ->
                                ImapException.no("USEATTR", "Unknown special use " + Arguments.printable(uses.get(0))));
                        MailboxRole wanted = role;
                        if (account.mailbox(wanted).isPresent()) {
                            throw ImapException.no("USEATTR", "Another mailbox already has " + uses.get(0));
                        }
                    }
                }
                c.args().end();
                if (tree.find(name).isPresent()) {
                    throw ImapException.no("ALREADYEXISTS", "Mailbox already exists");
                }
                Mailbox created = create(account, tree, name);
                if (role != null) {
                    created = account.updateMailbox(created.id(), created.subscribed(), role, created.sortOrder());
                }
                return "[MAILBOXID (" + created.id() + ")] CREATE completed";
            }
            case "DELETE" -> {
                c.args().end();
                Mailbox m = tree.require(name);
                if (m.role() == MailboxRole.INBOX) {
                    throw ImapException.no("CANNOT", "INBOX cannot be deleted");
                }
                if (tree.hasChildren(m.id())) {
                    throw ImapException.no("INUSE", "Delete the mailboxes inside it first");
                }
                account.deleteMailbox(m.id(), true);
                if (session.selected() != null && session.selected().id().equals(m.id())) {
                    session.select(null);
                    session.send("* OK [CLOSED] The selected mailbox was deleted");
                }
                return "DELETE completed";
            }
            case "RENAME" -> {
                c.args().space();
                String to = MailboxTree.canonical(session.decodeName(c.args().astring()));
                c.args().end();
                Mailbox m = tree.require(name);
                if (tree.find(to).isPresent()) {
                    throw ImapException.no("ALREADYEXISTS", "A mailbox named " + to + " exists");
                }
                if (m.role() == MailboxRole.INBOX) {
                    // RFC 9051 §6.3.6: renaming INBOX moves its messages to the new name; INBOX stays
                    Mailbox target = create(account, tree, to);
                    List<Long> uids = new ArrayList<>();
                    account.view(m.id()).entries().forEach(e -> uids.add(e.uid()));
                    if (!uids.isEmpty()) {
                        account.move(m.id(), uids, target.id());
                    }
                    return "RENAME completed";
                }
                String parentName = to.lastIndexOf(MailboxTree.DELIMITER) > 0
                        ? to.substring(0, to.lastIndexOf(MailboxTree.DELIMITER)) : null;
                MailboxId parent = parentName == null ? null : ensure(account, tree, parentName).id();
                account.renameMailbox(m.id(), MailboxTree.leaf(to), parent);
                return "RENAME completed";
            }
            case "SUBSCRIBE", "UNSUBSCRIBE" -> {
                c.args().end();
                Mailbox m = tree.require(name);
                account.updateMailbox(m.id(), c.name().equals("SUBSCRIBE"), m.role(), m.sortOrder());
                return c.name() + " completed";
            }
            default -> {
                c.args().space();
                List<String> items = c.args().atomList(false);
                c.args().end();
                Mailbox m = tree.require(name);
                session.send(session.response().raw("* STATUS ").astring(session.encodeName(name)).sp()
                        .raw("(" + status(account, m, items) + ")").crlf());
                return "STATUS completed";
            }
        }
    }

    static String status(MailAccount account, Mailbox m, List<String> items) {
        List<String> out = new ArrayList<>();
        for (String item : items) {
            String upper = item.toUpperCase(Locale.ROOT);
            if (upper.equals("MAILBOXID")) {
                // RFC 8474 §4.2
                out.add("MAILBOXID (" + m.id() + ")");
                continue;
            }
            long value = switch (upper) {
                case "MESSAGES" -> m.messages();
                case "UIDNEXT" -> m.uidNext();
                case "UIDVALIDITY" -> m.uidValidity();
                case "UNSEEN" -> m.unseen();
                case "RECENT" -> recent(account, m);
                case "SIZE" -> m.size();
                case "HIGHESTMODSEQ" -> m.highestModSeq();
                case "DELETED" -> account.search(m.id(), new SearchQuery.HasKeyword(Keywords.DELETED), List.of())
                        .size();
                default -> throw ImapException.bad("Unknown STATUS item " + Arguments.printable(item));
            };
            out.add(upper + " " + value);
        }
        return String.join(" ", out);
    }

    /** Messages no session has been told of yet, so recent to the next one that selects (RFC 3501 §2.3.2). */
    private static long recent(MailAccount account, Mailbox m) {
        long claimed = account.claimRecent(m.id(), 0);
        return claimed + 1 >= m.uidNext() ? 0 : account.search(m.id(), new SearchQuery.Uids(List.of(
                new SearchQuery.Uids.UidRange(claimed + 1, m.uidNext() - 1))), List.of()).size();
    }

    /** Creates a mailbox and any missing parents. */
    static Mailbox create(MailAccount account, MailboxTree tree, String name) {
        if (name.isEmpty() || name.indexOf(MailboxTree.DELIMITER) == 0) {
            throw ImapException.no("CANNOT", "Invalid mailbox name");
        }
        return ensure(account, tree, name);
    }

    private static Mailbox ensure(MailAccount account, MailboxTree tree, String name) {
        Mailbox parent = null;
        for (String path : MailboxTree.lineage(name)) {
            var existing = tree.find(path);
            if (existing.isPresent()) {
                parent = existing.get();
                continue;
            }
            parent = account.createMailbox(MailboxTree.leaf(path), parent == null ? null : parent.id(), null);
        }
        return parent;
    }
}
