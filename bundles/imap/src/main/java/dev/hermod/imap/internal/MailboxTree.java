package dev.hermod.imap.internal;

import dev.hermod.api.mail.MailboxId;
import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.Mailbox;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The account's mailboxes as IMAP names them at one moment: paths joined with {@code /}, the inbox
 * always {@code INBOX} (RFC 9051 §5.1: case-insensitive), its children {@code INBOX/...}.
 */
final class MailboxTree {

    static final char DELIMITER = MailAccount.SEPARATOR;

    private final Map<String, Mailbox> byName = new LinkedHashMap<>();
    private final Map<MailboxId, String> names = new HashMap<>();
    private final Map<MailboxId, Integer> children = new HashMap<>();

    MailboxTree(MailAccount account) {
        // parents come before children
        for (Mailbox m : account.mailboxes()) {
            String name;
            if (m.parent() == null) {
                name = m.role() == MailboxRole.INBOX ? "INBOX" : m.name();
            } else {
                name = names.get(m.parent()) + DELIMITER + m.name();
                children.merge(m.parent(), 1, Integer::sum);
            }
            names.put(m.id(), name);
            byName.put(name, m);
        }
    }

    /** Every mailbox by IMAP name, parents first. */
    Map<String, Mailbox> all() {
        return byName;
    }

    String name(MailboxId id) {
        return names.get(id);
    }

    boolean hasChildren(MailboxId id) {
        return children.containsKey(id);
    }

    /** The IMAP name with {@code INBOX} in canonical case and no trailing delimiter. */
    static String canonical(String name) {
        String n = name;
        while (n.length() > 1 && n.charAt(n.length() - 1) == DELIMITER) {
            n = n.substring(0, n.length() - 1);
        }
        if (n.equalsIgnoreCase("INBOX")) {
            return "INBOX";
        }
        if (n.length() > 6 && n.substring(0, 6).equalsIgnoreCase("INBOX" + DELIMITER)) {
            return "INBOX" + n.substring(5);
        }
        return n;
    }

    Optional<Mailbox> find(String name) {
        return Optional.ofNullable(byName.get(canonical(name)));
    }

    /** @throws ImapException NO [NONEXISTENT] */
    Mailbox require(String name) {
        return find(name).orElseThrow(() -> ImapException.no("NONEXISTENT", "No such mailbox"));
    }

    /** The names of {@code name}'s ancestors and itself, top first. */
    static List<String> lineage(String name) {
        List<String> out = new ArrayList<>();
        int i = -1;
        while ((i = name.indexOf(DELIMITER, i + 1)) > 0) {
            out.add(name.substring(0, i));
        }
        out.add(name);
        return out;
    }

    /** The last name of a path. */
    static String leaf(String name) {
        return name.substring(name.lastIndexOf(DELIMITER) + 1);
    }
}
