package dev.hermod.imap.internal;

import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.MessageEntry;
import dev.hermod.api.mailbox.SearchQuery;
import dev.hermod.api.message.MessageEnvelope;
import dev.hermod.api.message.MessageSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * THREAD and UID THREAD (RFC 5256 §3) with the ORDEREDSUBJECT and REFERENCES algorithms (§2.1, §2.2),
 * built from the messages' stored summaries (Message-ID, References, In-Reply-To, base subject, Date).
 */
final class ThreadProcessor implements Processor {

    /** One node of a thread tree: a message, or an empty container standing for a missing one. */
    private static final class Node {
        final String id;
        Msg message;
        Node parent;
        final List<Node> children = new ArrayList<>();

        Node(String id) {
            this.id = id;
        }

        boolean reaches(Node other) {
            for (Node n = this; n != null; n = n.parent) {
                if (n == other) {
                    return true;
                }
            }
            return false;
        }

        Msg first() {
            if (message != null) {
                return message;
            }
            return children.isEmpty() ? null : children.get(0).first();
        }
    }

    private record Msg(long number, Instant date, String baseSubject, boolean reply, MessageEnvelope envelope) {
    }

    private static final Comparator<Node> BY_DATE = Comparator.comparing((Node n) -> n.first().date())
            .thenComparingLong(n -> n.first().number());

    @Override
    public Set<String> commands() {
        return Set.of("THREAD");
    }

    @Override
    public boolean allowed(String name, SessionState state) {
        return state == SessionState.SELECTED;
    }

    @Override
    public String process(Command c, ImapSession session) {
        Arguments a = c.args();
        String algorithm = a.atom().toUpperCase(Locale.ROOT);
        if (!algorithm.equals("ORDEREDSUBJECT") && !algorithm.equals("REFERENCES")) {
            throw ImapException.bad("Unknown threading algorithm " + Arguments.printable(algorithm));
        }
        a.space();
        SearchProcessor.readCharset(a.astring());
        a.space();
        SelectedMailbox selected = session.selected();
        SearchQuery query = SearchProcessor.criteria(a, selected, session);
        MailAccount account = session.account();
        List<Msg> messages = new ArrayList<>();
        for (long uid : account.search(selected.id(), query, List.of())) {
            int msn = selected.msn(uid);
            if (msn == 0) {
                continue;
            }
            MessageEntry e = selected.entry(msn);
            MessageSummary s = account.summary(e.id());
            MessageEnvelope env = s.envelope();
            Instant date = env.date() != null ? env.date().toInstant() : e.receivedAt();
            String base = s.baseSubject().toLowerCase(Locale.ROOT);
            String subject = env.subject() == null ? "" : env.subject().trim().toLowerCase(Locale.ROOT);
            messages.add(new Msg(c.uid() ? uid : msn, date, base, !subject.equals(base), env));
        }
        List<Node> roots = algorithm.equals("REFERENCES") ? references(messages) : orderedSubject(messages);
        StringBuilder b = new StringBuilder("* THREAD ");
        for (Node root : roots) {
            b.append('(').append(format(root)).append(')');
        }
        session.send(b.toString().trim());
        return (c.uid() ? "UID " : "") + "THREAD completed";
    }

    /** RFC 5256 §2.1: by base subject, each thread's first message the parent of the others. */
    private static List<Node> orderedSubject(List<Msg> messages) {
        Map<String, Node> threads = new LinkedHashMap<>();
        List<Msg> sorted = new ArrayList<>(messages);
        sorted.sort(Comparator.comparing(Msg::date).thenComparingLong(Msg::number));
        for (Msg m : sorted) {
            Node n = new Node(null);
            n.message = m;
            Node root = threads.get(m.baseSubject());
            if (root == null) {
                threads.put(m.baseSubject(), n);
            } else {
                n.parent = root;
                root.children.add(n);
            }
        }
        List<Node> roots = new ArrayList<>(threads.values());
        roots.sort(BY_DATE);
        return roots;
    }

    /** RFC 5256 §2.2: the REFERENCES algorithm. */
    private static List<Node> references(List<Msg> messages) {
        Map<String, Node> byId = new HashMap<>();
        int synthetic = 0;
        for (Msg m : messages) {
            List<String> ids = m.envelope().messageIds();
            String id = ids == null || ids.isEmpty() ? null : ids.get(0);
            Node node = id == null ? null : byId.get(id);
            if (node == null || node.message != null) {
                // no Message-ID, or a duplicate: a container of its own
                id = id == null || node != null ? "\u0000" + synthetic++ : id;
                node = new Node(id);
                byId.put(id, node);
            }
            node.message = m;
            List<String> refs = m.envelope().references() != null && !m.envelope().references().isEmpty()
                    ? m.envelope().references()
                    : m.envelope().inReplyTo() == null || m.envelope().inReplyTo().isEmpty() ? List.of()
                    : List.of(m.envelope().inReplyTo().get(0));
            Node previous = null;
            for (String ref : refs) {
                Node r = byId.computeIfAbsent(ref, Node::new);
                if (previous != null && r.parent == null && !previous.reaches(r)) {
                    link(previous, r);
                }
                previous = r;
            }
            if (previous != null && !previous.reaches(node)) {
                link(previous, node);
            } else if (previous == null && node.parent != null) {
                unlink(node);
            }
        }
        List<Node> roots = new ArrayList<>();
        for (Node n : new HashSet<>(byId.values())) {
            if (n.parent == null) {
                roots.add(n);
            }
        }
        roots = prune(roots, true);
        roots.removeIf(n -> n.first() == null);
        // group roots by base subject (§2.2 step 5)
        Map<String, Node> subjects = new HashMap<>();
        List<Node> grouped = new ArrayList<>();
        roots.sort(BY_DATE);
        for (Node root : roots) {
            String subject = root.first().baseSubject();
            Node other = subject.isEmpty() ? null : subjects.get(subject);
            if (other == null) {
                subjects.put(subject, root);
                grouped.add(root);
            } else if (other.message == null) {
                adopt(other, root);
            } else if (root.message != null && root.message.reply() && !other.message.reply()) {
                adopt(other, root);
            } else {
                Node dummy = new Node(null);
                grouped.set(grouped.indexOf(other), dummy);
                subjects.put(subject, dummy);
                adopt(dummy, other);
                adopt(dummy, root);
            }
        }
        sortTree(grouped);
        return grouped;
    }

    private static void link(Node parent, Node child) {
        unlink(child);
        child.parent = parent;
        parent.children.add(child);
    }

    private static void unlink(Node child) {
        if (child.parent != null) {
            child.parent.children.remove(child);
            child.parent = null;
        }
    }

    private static void adopt(Node parent, Node child) {
        if (child.message == null) {
            for (Node c : new ArrayList<>(child.children)) {
                link(parent, c);
            }
        } else {
            link(parent, child);
        }
    }

    /** Drops empty containers: their children move up, except several children at the top (§2.2 step 4). */
    private static List<Node> prune(List<Node> nodes, boolean top) {
        List<Node> out = new ArrayList<>();
        for (Node n : nodes) {
            List<Node> kids = prune(new ArrayList<>(n.children), false);
            n.children.clear();
            kids.forEach(k -> k.parent = n);
            n.children.addAll(kids);
            if (n.message == null && (!top || n.children.size() == 1)) {
                for (Node k : n.children) {
                    k.parent = top ? null : n.parent;
                }
                out.addAll(n.children);
            } else if (n.message != null || !n.children.isEmpty()) {
                out.add(n);
            }
        }
        return out;
    }

    private static void sortTree(List<Node> nodes) {
        for (Node n : nodes) {
            sortTree(n.children);
        }
        nodes.sort(BY_DATE);
    }

    /** {@code 3 6 (4 23)(44 7 96)}: a single child follows its parent, several are parenthesized. */
    private static String format(Node n) {
        StringBuilder b = new StringBuilder();
        if (n.message != null) {
            b.append(n.message.number());
        }
        if (n.children.size() == 1 && n.message != null) {
            b.append(' ').append(format(n.children.get(0)));
        } else if (!n.children.isEmpty()) {
            if (n.message != null) {
                b.append(' ');
            }
            for (Node c : n.children) {
                b.append('(').append(format(c)).append(')');
            }
        }
        return b.toString();
    }
}
