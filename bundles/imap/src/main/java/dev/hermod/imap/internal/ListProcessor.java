package dev.hermod.imap.internal;

import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.Mailbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * LIST (RFC 9051 §6.3.9) with the LIST-EXTENDED selection and return options (RFC 5258: SUBSCRIBED,
 * SPECIAL-USE, RECURSIVEMATCH; RETURN SUBSCRIBED, CHILDREN, SPECIAL-USE and STATUS of RFC 5819), the
 * special-use attributes of RFC 6154 and the child attributes of RFC 3348; and LSUB (RFC 3501 §6.3.9).
 */
final class ListProcessor implements Processor {

    @Override
    public Set<String> commands() {
        return Set.of("LIST", "LSUB");
    }

    @Override
    public boolean allowed(String name, SessionState state) {
        return state == SessionState.AUTHENTICATED || state == SessionState.SELECTED;
    }

    @Override
    public String process(Command c, ImapSession session) {
        Arguments a = c.args();
        boolean lsub = c.name().equals("LSUB");
        boolean onlySubscribed = lsub;
        boolean onlySpecial = false;
        boolean recursive = false;
        if (!lsub && a.peekIs('(')) {
            for (String option : a.atomList(false)) {
                switch (option.toUpperCase(Locale.ROOT)) {
                    case "SUBSCRIBED" -> onlySubscribed = true;
                    case "SPECIAL-USE" -> onlySpecial = true;
                    case "RECURSIVEMATCH" -> recursive = true;
                    case "REMOTE" -> {
                    }
                    default -> throw ImapException.bad("Unknown LIST selection option " + Arguments.printable(option));
                }
            }
            if (recursive && !onlySubscribed && !onlySpecial) {
                // RFC 5258 §3: RECURSIVEMATCH only qualifies another selection option
                throw ImapException.bad("RECURSIVEMATCH needs SUBSCRIBED or SPECIAL-USE");
            }
            a.space();
        }
        // an empty reference sent as nothing at all (Python's imaplib does) is taken as ""
        String reference = a.peekIs(' ') ? "" : session.decodeName(a.astring());
        a.space();
        List<String> patterns = new ArrayList<>();
        if (!lsub && a.skip('(')) {
            do {
                patterns.add(session.decodeName(a.listMailbox()));
            } while (a.skip(' '));
            a.expect(')');
        } else {
            patterns.add(session.decodeName(a.listMailbox()));
        }
        boolean returnSubscribed = onlySubscribed && !lsub;
        List<String> statusItems = null;
        if (!lsub && a.skip(' ')) {
            if (!a.atom().equalsIgnoreCase("RETURN")) {
                throw ImapException.bad("Expected RETURN");
            }
            a.space();
            a.expect('(');
            while (!a.skip(')')) {
                a.skip(' ');
                String option = a.atom().toUpperCase(Locale.ROOT);
                switch (option) {
                    case "SUBSCRIBED" -> returnSubscribed = true;
                    case "CHILDREN", "SPECIAL-USE" -> {
                    }
                    case "STATUS" -> {
                        a.space();
                        statusItems = a.atomList(false);
                    }
                    default -> throw ImapException.bad("Unknown LIST return option " + Arguments.printable(option));
                }
            }
        }
        a.end();
        if (patterns.size() == 1 && patterns.get(0).isEmpty()) {
            // RFC 9051 §6.3.9: the hierarchy delimiter and the root of the reference
            session.send("* " + c.name() + " (\\Noselect) \"" + MailboxTree.DELIMITER + "\" \"\"");
            return c.name() + " completed";
        }
        MailAccount account = session.account();
        MailboxTree tree = new MailboxTree(account);
        List<Pattern> matchers = new ArrayList<>();
        for (String p : patterns) {
            matchers.add(compile(MailboxTree.canonical(reference + p)));
        }
        for (Map.Entry<String, Mailbox> e : tree.all().entrySet()) {
            String name = e.getKey();
            Mailbox m = e.getValue();
            if (matchers.stream().noneMatch(p -> p.matcher(name).matches())) {
                continue;
            }
            // RFC 5258 §3.5: with RECURSIVEMATCH, a mailbox with selected descendants is listed with CHILDINFO
            boolean subscribedOnly = onlySubscribed;
            String childInfo = recursive && tree.all().entrySet().stream().anyMatch(d -> d.getKey().startsWith(name
                    + MailboxTree.DELIMITER) && (subscribedOnly ? d.getValue().subscribed() : special(d.getValue())))
                    ? (onlySubscribed ? "SUBSCRIBED" : "SPECIAL-USE") : null;
            if (((onlySubscribed && !m.subscribed()) || (onlySpecial && !special(m))) && childInfo == null) {
                continue;
            }
            List<String> attributes = new ArrayList<>();
            if (!lsub) {
                attributes.add(tree.hasChildren(m.id()) ? "\\HasChildren" : "\\HasNoChildren");
                if (m.role() != null) {
                    m.role().imapAttribute().ifPresent(attributes::add);
                }
                if (returnSubscribed && m.subscribed()) {
                    attributes.add("\\Subscribed");
                }
            }
            Response line = session.response().raw("* " + c.name() + " ").atoms(attributes)
                    .raw(" \"" + MailboxTree.DELIMITER + "\" ").astring(session.encodeName(name));
            if (childInfo != null) {
                line.raw(" (\"CHILDINFO\" (\"" + childInfo + "\"))");
            }
            session.send(line.crlf());
            if (statusItems != null) {
                session.send(session.response().raw("* STATUS ").astring(session.encodeName(name)).sp()
                        .raw("(" + MailboxProcessor.status(account, m, statusItems) + ")").crlf());
            }
        }
        return c.name() + " completed";
    }

    private static boolean special(Mailbox m) {
        return m.role() != null && m.role().imapAttribute().isPresent();
    }

    /** {@code *} matches anything, {@code %} anything but the delimiter (RFC 9051 §6.3.9). */
    static Pattern compile(String pattern) {
        StringBuilder b = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
            if (ch == '*') {
                b.append(".*");
            } else if (ch == '%') {
                b.append("[^").append(Pattern.quote(String.valueOf(MailboxTree.DELIMITER))).append("]*");
            } else {
                b.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(b.toString(), Pattern.DOTALL);
    }
}
