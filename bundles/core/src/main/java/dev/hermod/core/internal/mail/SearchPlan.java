package dev.hermod.core.internal.mail;

import dev.hermod.api.mailbox.SearchQuery;
import dev.hermod.api.mailbox.SearchQuery.Contains.Field;
import dev.hermod.api.message.HeaderField;
import dev.hermod.api.message.MessageEnvelope;
import dev.hermod.api.message.MessageSummary;
import dev.hermod.api.store.KeyValueIterator;
import dev.hermod.api.store.ReadTransaction;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A {@link SearchQuery} compiled against one read transaction: every index lookup is done once, up front
 * (posting lists, thread members, Message-ID lookups), and each criterion becomes a {@link Node} that
 * tests a {@link Candidate} with three outcomes. A node answers {@link Match#MAYBE} while what it needs
 * is not loaded yet ({@link #RECORD}, {@link #SORT}, {@link #SUMMARY}); the search loads that for the
 * undecided candidates only, cheapest first, and asks again.
 *
 * <p>Full-text criteria: a header field (Subject, From, To, Cc, Bcc) query of one word is answered by the
 * index alone (every suffix of every word is indexed, so "contains w" is "has a token starting with w");
 * one of several words, or with punctuation, narrows by the index to the contents having a token starting
 * with each word, then checks the substring in the decoded field of the stored summary. A content whose
 * header fields could not all be indexed whole ({@link IndexTokens#INCOMPLETE}) is always checked. Body
 * queries are answered by the index alone: every query word must start a word of the text.
 */
final class SearchPlan {

    static final int RECORD = 1;
    static final int SORT = 2;
    static final int SUMMARY = 4;

    /** A test's outcome. */
    enum Match {
        YES, NO, MAYBE;

        static Match of(boolean b) {
            return b ? YES : NO;
        }
    }

    /**
     * A superset of the messages a criterion matches, to enumerate instead of scanning.
     *
     * @param estimate about how many messages
     * @param messages computes the set of message ids
     */
    record Driver(long estimate, Supplier<BitSet> messages) {
    }

    /**
     * A compiled criterion.
     *
     * @param needs what it may need beyond the UID entry: {@link #RECORD}, {@link #SORT}, {@link #SUMMARY}
     * @param test the test
     * @param driver a superset of its matches, or {@code null}
     */
    record Node(int needs, Function<Candidate, Match> test, Driver driver) {
    }

    private static final Node ALL = new Node(0, c -> Match.YES, null);
    private static final Node NONE = new Node(0, c -> Match.NO, new Driver(0, BitSet::new));

    private final ReadTransaction txn;
    private final long account;
    private final boolean inMailbox;
    private BitSet incomplete;
    /** Contents not yet in the posting lists, read once per search. */
    private List<PendingIndex.Entry> pending;
    /** Keywords whose per-thread counts {@link ThreadCounts} must provide. */
    final Set<String> threadKeywords = new java.util.TreeSet<>();
    ThreadCounts threadCounts;

    /**
     * @param inMailbox whether the search is of one mailbox (IMAP), where {@link SearchQuery.Uids} is allowed
     */
    SearchPlan(ReadTransaction txn, long account, boolean inMailbox) {
        this.txn = txn;
        this.account = account;
        this.inMailbox = inMailbox;
    }

    Node compile(SearchQuery query) {
        if (query instanceof SearchQuery.All) {
            return ALL;
        } else if (query instanceof SearchQuery.And and) {
            return and(and.all().stream().map(this::compile).toList());
        } else if (query instanceof SearchQuery.Or or) {
            return or(or.any().stream().map(this::compile).toList());
        } else if (query instanceof SearchQuery.Not not) {
            return not(compile(not.query()));
        } else if (query instanceof SearchQuery.HasKeyword k) {
            return entry(c -> c.keywords.contains(k.keyword()));
        } else if (query instanceof SearchQuery.ReceivedBefore r) {
            long before = r.instant().toEpochMilli();
            return entry(c -> c.receivedAt < before);
        } else if (query instanceof SearchQuery.ReceivedSince r) {
            long since = r.instant().toEpochMilli();
            return entry(c -> c.receivedAt >= since);
        } else if (query instanceof SearchQuery.Larger l) {
            return entry(c -> c.size > l.size());
        } else if (query instanceof SearchQuery.Smaller s) {
            return entry(c -> c.size < s.size());
        } else if (query instanceof SearchQuery.ModSeq m) {
            return entry(c -> c.modSeq >= m.modSeq());
        } else if (query instanceof SearchQuery.SentBefore s) {
            long day = s.date().toEpochDay();
            return sent(d -> d < day);
        } else if (query instanceof SearchQuery.SentSince s) {
            long day = s.date().toEpochDay();
            return sent(d -> d >= day);
        } else if (query instanceof SearchQuery.Uids u) {
            return uids(u);
        } else if (query instanceof SearchQuery.EmailId e) {
            BitSet one = new BitSet();
            FullText.set(one, e.id().value());
            return messages(one);
        } else if (query instanceof SearchQuery.InThread t) {
            return messages(members(t.thread().value()));
        } else if (query instanceof SearchQuery.InMailbox m) {
            return inMailbox(m.mailbox().value());
        } else if (query instanceof SearchQuery.InMailboxOtherThan m) {
            return otherThan(m.mailboxes().stream().map(id -> id.value()).toList());
        } else if (query instanceof SearchQuery.HasAttachment) {
            return new Node(SORT, c -> !c.sortLoaded ? Match.MAYBE : Match.of(c.sort != null && c.sort.hasAttachment()),
                    null);
        } else if (query instanceof SearchQuery.ThreadKeyword t) {
            return threadKeyword(t);
        } else if (query instanceof SearchQuery.Contains t) {
            return contains(t.field(), t.text());
        } else if (query instanceof SearchQuery.Header h) {
            return header(h.name().toLowerCase(Locale.ROOT), h.value());
        }
        throw new IllegalArgumentException("unknown search criterion " + query);
    }

    // --- combinations ---

    private static Node and(List<Node> parts) {
        if (parts.isEmpty()) {
            return ALL;
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        List<Node> cheapFirst = parts.stream().sorted(Comparator.comparingInt(Node::needs)).toList();
        int needs = 0;
        Driver best = null;
        for (Node n : cheapFirst) {
            needs |= n.needs();
            if (n.driver() != null && (best == null || n.driver().estimate() < best.estimate())) {
                best = n.driver();
            }
        }
        return new Node(needs, c -> {
            boolean maybe = false;
            for (Node n : cheapFirst) {
                Match m = n.test().apply(c);
                if (m == Match.NO) {
                    return Match.NO;
                }
                maybe |= m == Match.MAYBE;
            }
            return maybe ? Match.MAYBE : Match.YES;
        }, best);
    }

    private static Node or(List<Node> parts) {
        if (parts.isEmpty()) {
            return NONE;
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        List<Node> cheapFirst = parts.stream().sorted(Comparator.comparingInt(Node::needs)).toList();
        int needs = 0;
        long estimate = 0;
        boolean driven = true;
        for (Node n : cheapFirst) {
            needs |= n.needs();
            driven &= n.driver() != null;
            estimate += driven ? n.driver().estimate() : 0;
        }
        Driver union = !driven ? null : new Driver(estimate, () -> {
            BitSet all = new BitSet();
            cheapFirst.forEach(n -> all.or(n.driver().messages().get()));
            return all;
        });
        return new Node(needs, c -> {
            boolean maybe = false;
            for (Node n : cheapFirst) {
                Match m = n.test().apply(c);
                if (m == Match.YES) {
                    return Match.YES;
                }
                maybe |= m == Match.MAYBE;
            }
            return maybe ? Match.MAYBE : Match.NO;
        }, union);
    }

    private static Node not(Node inner) {
        return new Node(inner.needs(), c -> switch (inner.test().apply(c)) {
            case YES -> Match.NO;
            case NO -> Match.YES;
            case MAYBE -> Match.MAYBE;
        }, null);
    }

    // --- criteria on the UID entry, the record and the sort record ---

    private static Node entry(java.util.function.Predicate<Candidate> test) {
        return new Node(0, c -> Match.of(test.test(c)), null);
    }

    private static Node sent(java.util.function.LongPredicate day) {
        return new Node(SORT, c -> {
            if (!c.sortLoaded) {
                return Match.MAYBE;
            }
            return Match.of(day.test(c.sort == null ? Math.floorDiv(c.receivedAt, 86_400_000L)
                    : c.sort.sentDay(c.receivedAt)));
        }, null);
    }

    private Node uids(SearchQuery.Uids u) {
        if (!inMailbox) {
            throw new IllegalArgumentException("UIDs belong to a mailbox: search one mailbox, or use InMailbox");
        }
        return entry(c -> u.ranges().stream().anyMatch(r -> c.uid >= r.first() && c.uid <= r.last()));
    }

    private static Node messages(BitSet messages) {
        return new Node(0, c -> Match.of(c.message <= Integer.MAX_VALUE && messages.get((int) c.message)),
                new Driver(messages.cardinality(), () -> messages));
    }

    private BitSet members(long thread) {
        BitSet set = new BitSet();
        Threads.members(txn, account, thread).forEach(id -> FullText.set(set, id));
        return set;
    }

    private static Node inMailbox(long mailbox) {
        return new Node(RECORD, c -> {
            if (c.mailbox == mailbox) {
                return Match.YES;
            }
            return c.record == null ? Match.MAYBE : Match.of(c.record.mailboxes().containsKey(mailbox));
        }, null);
    }

    private static Node otherThan(List<Long> mailboxes) {
        return new Node(RECORD, c -> {
            if (c.mailbox >= 0 && !mailboxes.contains(c.mailbox)) {
                return Match.YES;
            }
            if (c.record == null) {
                return Match.MAYBE;
            }
            return Match.of(c.record.mailboxes().keySet().stream().anyMatch(m -> !mailboxes.contains(m)));
        }, null);
    }

    private Node threadKeyword(SearchQuery.ThreadKeyword t) {
        threadKeywords.add(t.keyword());
        return new Node(SORT, c -> {
            long thread = c.thread();
            if (thread < 0) {
                return Match.MAYBE;
            }
            int[] counts = threadCounts.of(thread, t.keyword());
            return Match.of(switch (t.quantifier()) {
                case ALL -> counts[1] == counts[0];
                case SOME -> counts[1] > 0;
                case NONE -> counts[1] == 0;
            });
        }, null);
    }

    // --- text ---

    private Node contains(Field field, String text) {
        if (field == Field.TEXT) {
            List<Node> any = new ArrayList<>();
            for (Field f : FieldText.HEADER_FIELDS) {
                any.add(contains(f, text));
            }
            any.add(contains(Field.BODY, text));
            return or(any);
        }
        String needle = Tokens.normalize(text);
        if (needle.isEmpty()) {
            return ALL;
        }
        char code = FieldText.code(field);
        if (field == Field.BODY) {
            List<String> tokens = new ArrayList<>();
            Tokens.bodyTokens(needle, true, tokens::add);
            if (tokens.isEmpty()) {
                return ALL; // punctuation only: nothing the index can tell apart
            }
            BitSet sure = lookups(code, tokens);
            return contents(sure, null, null);
        }
        List<String> words = Tokens.words(needle);
        if (words.isEmpty()) {
            return contents(new BitSet(), null, s -> verify(s, field, needle));
        }
        BitSet hits = lookups(code, words.stream().map(Tokens::cut).toList());
        BitSet incomplete = incomplete();
        BitSet maybe = (BitSet) incomplete.clone();
        if (words.size() == 1 && words.get(0).equals(needle) && !Tokens.tooLong(needle)) {
            hits.andNot(incomplete);
            return contents(hits, maybe, s -> verify(s, field, needle));
        }
        maybe.or(hits);
        return contents(new BitSet(), maybe, s -> verify(s, field, needle));
    }

    /** The contents with, for every token, a token of the field starting with it. */
    private BitSet lookups(char code, List<String> tokens) {
        BitSet result = null;
        for (String token : new java.util.LinkedHashSet<>(tokens)) {
            BitSet found = new BitSet();
            Postings.lookup(txn, account, code + token, true, found);
            PendingIndex.lookup(pending(), code + token, true, found);
            if (result == null) {
                result = found;
            } else {
                result.and(found);
            }
            if (result.isEmpty()) {
                break;
            }
        }
        return result == null ? new BitSet() : result;
    }

    private List<PendingIndex.Entry> pending() {
        if (pending == null) {
            pending = PendingIndex.read(txn, account);
        }
        return pending;
    }

    private BitSet incomplete() {
        if (incomplete == null) {
            incomplete = new BitSet();
            Postings.lookup(txn, account, IndexTokens.INCOMPLETE, false, incomplete);
            PendingIndex.lookup(pending(), IndexTokens.INCOMPLETE, false, incomplete);
        }
        return incomplete;
    }

    /**
     * A criterion on contents: those in {@code sure} match; those in {@code maybe} ({@code null}: all) are
     * checked against the summary; messages not indexed (content 0, stored before the index) never match.
     */
    private Node contents(BitSet sure, BitSet maybe, Function<MessageSummary, Boolean> check) {
        int needs = check == null ? 0 : SUMMARY;
        Driver driver = null;
        if (maybe != null || check == null) {
            BitSet superset = (BitSet) sure.clone();
            if (maybe != null) {
                superset.or(maybe);
            }
            driver = new Driver(superset.cardinality(), () -> FullText.messages(txn, account, superset));
        }
        return new Node(needs, c -> {
            if (c.content <= 0 || c.content > Integer.MAX_VALUE) {
                return Match.NO;
            }
            int content = (int) c.content;
            if (sure.get(content)) {
                return Match.YES;
            }
            if (check == null || maybe != null && !maybe.get(content)) {
                return Match.NO;
            }
            if (!c.summaryLoaded) {
                return Match.MAYBE;
            }
            return Match.of(c.summary != null && check.apply(c.summary));
        }, driver);
    }

    private static boolean verify(MessageSummary summary, Field field, String needle) {
        return Tokens.normalize(FieldText.of(summary, field)).contains(needle);
    }

    // --- header fields, from the summary ---

    private Node header(String name, String value) {
        String needle = Tokens.normalize(value);
        BitSet narrow = null;
        String id = value.strip();
        if (id.length() > 2 && id.startsWith("<") && id.endsWith(">") && id.indexOf('<', 1) < 0
                && id.indexOf(' ') < 0) {
            byte sub = switch (name) {
                case "message-id" -> MailKeys.BY_MESSAGE_ID;
                case "in-reply-to", "references" -> MailKeys.BY_REFERENCE;
                default -> 0;
            };
            if (sub != 0) {
                narrow = new BitSet();
                byte[] hash = ThreadKeys.hash(id.substring(1, id.length() - 1));
                try (KeyValueIterator it = txn.prefix(MailKeys.threadLookups(account, sub, hash), 0, false)) {
                    while (it.hasNext()) {
                        FullText.set(narrow, MailKeys.lastLong(it.next().key()));
                    }
                }
            }
        }
        BitSet only = narrow;
        return new Node(SUMMARY, c -> {
            if (only != null && (c.message > Integer.MAX_VALUE || !only.get((int) c.message))) {
                return Match.NO;
            }
            if (!c.summaryLoaded) {
                return Match.MAYBE;
            }
            return Match.of(c.summary != null && headerContains(c.summary, name, needle));
        }, only == null ? null : new Driver(only.cardinality(), () -> only));
    }

    static boolean headerContains(MessageSummary summary, String name, String needle) {
        for (HeaderField field : summary.headers(name)) {
            String raw = field.value().replace("\r", "").replace("\n", "");
            if (Tokens.normalize(raw).contains(needle)) {
                return true;
            }
        }
        if (summary.headers(name).isEmpty()) {
            return false;
        }
        MessageEnvelope e = summary.envelope();
        String decoded = switch (name) {
            case "subject" -> e.subject();
            case "from" -> FieldText.addresses(e.from());
            case "to" -> FieldText.addresses(e.to());
            case "cc" -> FieldText.addresses(e.cc());
            case "bcc" -> FieldText.addresses(e.bcc());
            case "sender" -> FieldText.addresses(e.sender());
            case "reply-to" -> FieldText.addresses(e.replyTo());
            default -> null;
        };
        return decoded != null && Tokens.normalize(decoded).contains(needle);
    }

    /** Per thread of the account, how many messages it has and how many of them have each keyword. */
    static final class ThreadCounts {
        private final List<String> keywords;
        private final Map<Long, int[]> counts = new HashMap<>();

        ThreadCounts(ReadTransaction txn, long account, Set<String> wanted) {
            keywords = List.copyOf(wanted);
            try (KeyValueIterator it = txn.prefix(MailKeys.sub(account, MailKeys.MESSAGE), 0, false)) {
                while (it.hasNext()) {
                    var kv = it.next();
                    MessageRecord r = MessageRecord.decode(MailKeys.lastLong(kv.key()), kv.value());
                    int[] c = counts.computeIfAbsent(r.thread(), t -> new int[keywords.size() + 1]);
                    c[0]++;
                    for (int i = 0; i < keywords.size(); i++) {
                        if (r.keywords().contains(keywords.get(i))) {
                            c[i + 1]++;
                        }
                    }
                }
            }
        }

        /** @return {messages, messages with the keyword} */
        int[] of(long thread, String keyword) {
            int[] c = counts.get(thread);
            int i = keywords.indexOf(keyword);
            return c == null ? new int[] {0, 0} : new int[] {c[0], c[i + 1]};
        }
    }
}
