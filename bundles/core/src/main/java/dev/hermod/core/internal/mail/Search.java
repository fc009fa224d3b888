package dev.hermod.core.internal.mail;

import dev.hermod.api.mailbox.SearchQuery;
import dev.hermod.api.mailbox.SortKey;
import dev.hermod.api.message.MessageSummary;
import dev.hermod.api.store.KeyValue;
import dev.hermod.api.store.KeyValueIterator;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.api.store.ReadTransaction;
import dev.hermod.core.internal.mail.SearchPlan.Match;
import dev.hermod.core.internal.mail.SearchPlan.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs a search from indexes and stored summaries only, never a blob.
 *
 * <ol>
 *   <li><b>Compile</b> ({@link SearchPlan}): the index lookups, once.</li>
 *   <li><b>Candidates</b>: when a criterion every match must meet names few messages (a rare word, a
 *       thread, an id: its {@link SearchPlan.Driver}), those messages' records and UID entries are read
 *       one by one; else, with UIDs asked for, their UID entries; else the mailbox's UID entries (IMAP, or
 *       JMAP with {@code inMailbox}) or all message records (JMAP) are read as one range.</li>
 *   <li><b>Filter</b> in rounds: each undecided candidate is tested; then what the undecided still need is
 *       loaded for them alone, cheapest first: message records, sort records (a contiguous range per
 *       mailbox), summaries; and they are tested again.</li>
 *   <li><b>Sort</b> by the keys (sort records loaded if a key needs them), ties by UID or message id;
 *       JMAP may keep the first message of each thread only.</li>
 * </ol>
 * The index lookups, candidates and all but summaries come from one read transaction (one snapshot);
 * summaries, when many must be read, are read {@value #SUMMARY_BATCH} per transaction after it, so that a
 * search of a large mailbox stays within the store's time limit per transaction. That is safe: a summary
 * never changes while its message exists, and a message gone meanwhile has none, so it does not match.
 */
final class Search {

    /**
     * A driver is used when it names at most this share of the messages scanned otherwise: it costs two
     * point reads per message, a scan one read per 256 or so on a networked store.
     */
    private static final int DRIVER_SHARE = 64;
    private static final int MIN_DRIVER = 32;
    static final int SUMMARY_BATCH = 1_000;
    /** Summary keys one transaction of a sequential read covers at most. */
    static final int SCAN_BATCH = 4_000;

    private final KeyValueStore store;
    private final long account;
    private final Map<Long, MessageSummary> summaries = new HashMap<>();
    /** The transaction of the phase running. */
    private ReadTransaction txn;
    private SearchPlan plan;
    private Node root;
    /** The account's messages, when the first phase read it. */
    private long accountMessages;

    private Search(KeyValueStore store, long account) {
        this.store = store;
        this.account = account;
    }

    /** IMAP SEARCH and SORT: UIDs of one mailbox. */
    static List<Long> search(KeyValueStore store, long account, long mailbox, SearchQuery query, List<SortKey> sort) {
        Search search = new Search(store, account);
        List<Candidate> found = search.run(t -> {
            MailboxRecord box = Reads.mailbox(t, account, mailbox);
            search.compile(t, query, true);
            return search.mailboxCandidates(box, uidRanges(query));
        }, sort, false, true);
        List<Long> uids = new ArrayList<>(found.size());
        found.forEach(c -> uids.add(c.uid));
        return uids;
    }

    /** JMAP Email/query: message ids of the account. */
    static List<Long> query(KeyValueStore store, long account, SearchQuery query, List<SortKey> sort,
            boolean collapseThreads) {
        Search search = new Search(store, account);
        Long scope = topLevelMailbox(query);
        List<Candidate> found = search.run(t -> {
            search.compile(t, query, false);
            if (scope == null) {
                return search.accountCandidates();
            }
            byte[] value = t.get(MailKeys.mailbox(account, scope));
            MailboxRecord box = value == null ? null : MailboxRecord.decode(scope, value);
            return box == null || box.deleting() ? List.of() : search.mailboxCandidates(box, null);
        }, sort, collapseThreads, false);
        List<Long> ids = new ArrayList<>(found.size());
        found.forEach(c -> ids.add(c.message));
        return ids;
    }

    /**
     * Decides the candidates that need their summary by reading all the account's summaries in key order,
     * {@value #SCAN_BATCH} keys per transaction: cheaper than a read per message when they are many.
     *
     * @return the candidates it could not decide (not indexed, so not found by content id)
     */
    private List<Candidate> scanSummaries(List<Candidate> undecided, List<Candidate> matched) {
        Map<Long, List<Candidate>> byContent = new HashMap<>();
        List<Candidate> rest = new ArrayList<>();
        for (Candidate c : undecided) {
            if (c.content > 0) {
                byContent.computeIfAbsent(c.content, k -> new ArrayList<>()).add(c);
            } else {
                rest.add(c);
            }
        }
        byte[] prefix = MailKeys.sub(account, MailKeys.BLOB);
        byte[] end = dev.hermod.api.store.Keys.strinc(prefix);
        byte[] from = prefix;
        while (from != null) {
            byte[] start = from;
            record Step(byte[] next, List<Candidate> yes) {
            }
            Step step = store.read(t -> {
                txn = t;
                List<KeyValue> batch;
                try (KeyValueIterator it = t.range(start, end, SCAN_BATCH, false)) {
                    batch = it.toList();
                }
                boolean more = batch.size() == SCAN_BATCH;
                int stop = batch.size();
                if (more) { // leave the last blob's keys whole for the next batch, unless they are the whole batch
                    while (stop > 0 && sameBlob(batch.get(stop - 1).key(), batch.get(batch.size() - 1).key())) {
                        stop--;
                    }
                    stop = stop == 0 ? batch.size() : stop;
                }
                List<Candidate> yes = new ArrayList<>();
                java.io.ByteArrayOutputStream summary = new java.io.ByteArrayOutputStream();
                long content = 0;
                for (int i = 0; i < stop; i++) {
                    byte[] key = batch.get(i).key();
                    byte kind = key[prefix.length + 32];
                    if (kind == MailKeys.BLOB_SUMMARY) {
                        summary.writeBytes(batch.get(i).value());
                    } else if (kind == MailKeys.BLOB_CONTENT) {
                        content = dev.hermod.api.store.Keys.decodeLong(batch.get(i).value());
                    }
                    if (i + 1 == stop || !sameBlob(key, batch.get(i + 1).key())) {
                        List<Candidate> wanting = byContent.get(content);
                        if (wanting != null && summary.size() > 0) {
                            MessageSummary decoded = Summaries.decode(summary.toByteArray(), wanting.get(0).size);
                            for (Candidate c : wanting) {
                                c.summary = decoded;
                                c.summaryLoaded = true;
                                if (root.test().apply(c) == Match.YES) {
                                    yes.add(c);
                                }
                            }
                        }
                        summary.reset();
                        content = 0;
                    }
                }
                return new Step(more ? dev.hermod.api.store.Keys.concat(batch.get(stop - 1).key(), new byte[] {0})
                        : null, yes);
            });
            matched.addAll(step.yes());
            from = step.next();
        }
        for (List<Candidate> list : byContent.values()) {
            for (Candidate c : list) {
                if (!c.summaryLoaded) {
                    c.summaryLoaded = true; // no summary: the message went meanwhile, it matches nothing
                    if (root.test().apply(c) == Match.YES) {
                        matched.add(c);
                    }
                }
            }
        }
        return rest;
    }

    private static boolean sameBlob(byte[] a, byte[] b) {
        return Arrays.equals(a, 0, 42, b, 0, 42);
    }

    private void compile(ReadTransaction t, SearchQuery query, boolean inMailbox) {
        txn = t;
        plan = new SearchPlan(t, account, inMailbox);
        root = plan.compile(query);
    }

    /** The phases: candidates and cheap rounds in one snapshot, summaries in batches, then the order. */
    private List<Candidate> run(java.util.function.Function<ReadTransaction, List<Candidate>> candidates,
            List<SortKey> sort, boolean collapse, boolean byUid) {
        record Filtered(List<Candidate> matched, List<Candidate> undecided) {
        }
        Filtered first = store.read(t -> {
            summaries.clear();
            List<Candidate> all = candidates.apply(t);
            txn = t;
            accountMessages = MailKeys.counterValue(t.get(MailKeys.counter(account, MailKeys.QUOTA_MESSAGES)));
            List<Candidate> matched = new ArrayList<>();
            List<Candidate> undecided = filter(all, matched, false);
            return new Filtered(matched, undecided);
        });
        List<Candidate> matched = new ArrayList<>(first.matched());
        List<Candidate> undecided = first.undecided();
        if (undecided.size() >= 2 * SUMMARY_BATCH && undecided.size() * 4L >= accountMessages) {
            undecided = scanSummaries(undecided, matched);
        }
        for (int from = 0; from < undecided.size(); from += SUMMARY_BATCH) {
            List<Candidate> batch = undecided.subList(from, Math.min(undecided.size(), from + SUMMARY_BATCH));
            matched.addAll(store.read(t -> {
                txn = t;
                List<Candidate> yes = new ArrayList<>();
                if (!filter(batch, yes, true).isEmpty()) {
                    throw new IllegalStateException("messages left undecided by a search");
                }
                return yes;
            }));
        }
        return store.read(t -> {
            txn = t;
            return sorted(matched, sort, collapse, byUid);
        });
    }

    // --- candidates ---

    private List<Candidate> mailboxCandidates(MailboxRecord box, List<SearchQuery.Uids.UidRange> ranges) {
        long mailbox = box.id();
        BitSet driven = driven(box.messages());
        List<Candidate> out = new ArrayList<>();
        if (driven != null) {
            for (int id = driven.nextSetBit(0); id >= 0; id = driven.nextSetBit(id + 1)) {
                byte[] value = txn.get(MailKeys.message(account, id));
                MessageRecord record = value == null ? null : MessageRecord.decode(id, value);
                Long uid = record == null ? null : record.mailboxes().get(mailbox);
                byte[] entry = uid == null ? null : txn.get(MailKeys.uid(account, mailbox, uid));
                if (entry != null) {
                    Candidate c = new Candidate(mailbox, UidEntry.decode(uid, entry));
                    c.record = record;
                    out.add(c);
                }
            }
            out.sort(Comparator.comparingLong(c -> c.uid));
            return out;
        }
        if (ranges != null) {
            TreeMap<Long, Long> merged = new TreeMap<>();
            for (SearchQuery.Uids.UidRange r : ranges) {
                merged.merge(r.first(), r.last(), Math::max);
            }
            long next = 0;
            for (Map.Entry<Long, Long> r : merged.entrySet()) {
                long from = Math.max(r.getKey(), next);
                long to = Math.min(r.getValue(), box.uidNext() - 1);
                if (from <= to) {
                    scanUids(mailbox, MailKeys.uid(account, mailbox, from), MailKeys.uid(account, mailbox, to + 1), out);
                }
                next = Math.max(next, r.getValue() + 1);
            }
            return out;
        }
        byte[] prefix = MailKeys.sub(account, MailKeys.UID, mailbox);
        scanUids(mailbox, prefix, dev.hermod.api.store.Keys.strinc(prefix), out);
        return out;
    }

    private void scanUids(long mailbox, byte[] from, byte[] to, List<Candidate> out) {
        try (KeyValueIterator it = txn.range(from, to)) {
            while (it.hasNext()) {
                KeyValue kv = it.next();
                out.add(new Candidate(mailbox, UidEntry.decode(MailKeys.lastLong(kv.key()), kv.value())));
            }
        }
    }

    private List<Candidate> accountCandidates() {
        long messages = MailKeys.counterValue(txn.get(MailKeys.counter(account, MailKeys.QUOTA_MESSAGES)));
        BitSet driven = driven(messages);
        List<Candidate> out = new ArrayList<>();
        if (driven != null) {
            for (int id = driven.nextSetBit(0); id >= 0; id = driven.nextSetBit(id + 1)) {
                byte[] value = txn.get(MailKeys.message(account, id));
                if (value != null) {
                    out.add(new Candidate(MessageRecord.decode(id, value)));
                }
            }
            return out;
        }
        try (KeyValueIterator it = txn.prefix(MailKeys.sub(account, MailKeys.MESSAGE), 0, false)) {
            while (it.hasNext()) {
                KeyValue kv = it.next();
                out.add(new Candidate(MessageRecord.decode(MailKeys.lastLong(kv.key()), kv.value())));
            }
        }
        return out;
    }

    /** The driver's messages, when it is small next to the {@code scanned} messages; else {@code null}. */
    private BitSet driven(long scanned) {
        SearchPlan.Driver driver = root.driver();
        if (driver == null || driver.estimate() > Math.max(MIN_DRIVER, scanned / DRIVER_SHARE)) {
            return null;
        }
        return driver.messages().get();
    }

    /** The UID ranges every match must be in, when the query is (or is an AND with) one Uids criterion. */
    private static List<SearchQuery.Uids.UidRange> uidRanges(SearchQuery query) {
        if (query instanceof SearchQuery.Uids u) {
            return u.ranges();
        }
        if (query instanceof SearchQuery.And and) {
            for (SearchQuery q : and.all()) {
                List<SearchQuery.Uids.UidRange> r = uidRanges(q);
                if (r != null) {
                    return r;
                }
            }
        }
        return null;
    }

    /** The mailbox every match must be in, when the query is (or is an AND with) an InMailbox criterion. */
    private static Long topLevelMailbox(SearchQuery query) {
        if (query instanceof SearchQuery.InMailbox m) {
            return m.mailbox().value();
        }
        if (query instanceof SearchQuery.And and) {
            for (SearchQuery q : and.all()) {
                Long m = topLevelMailbox(q);
                if (m != null) {
                    return m;
                }
            }
        }
        return null;
    }

    // --- filtering ---

    /**
     * Tests candidates in rounds, loading what the undecided need between rounds.
     *
     * @param matched receives the candidates that match
     * @param summaries whether to load summaries: else the round that needs them is left to the caller
     * @return the candidates still undecided
     */
    private List<Candidate> filter(List<Candidate> candidates, List<Candidate> matched, boolean summaries) {
        if (!plan.threadKeywords.isEmpty() && plan.threadCounts == null) {
            plan.threadCounts = new SearchPlan.ThreadCounts(txn, account, plan.threadKeywords);
        }
        List<Candidate> undecided = candidates;
        for (int stage : new int[] {0, SearchPlan.RECORD, SearchPlan.SORT, SearchPlan.SUMMARY}) {
            if (undecided.isEmpty() || stage == SearchPlan.SUMMARY && !summaries) {
                break;
            }
            if (stage != 0 && (root.needs() & stage) == 0) {
                continue;
            }
            load(stage, undecided);
            List<Candidate> next = new ArrayList<>();
            for (Candidate c : undecided) {
                Match m = root.test().apply(c);
                if (m == Match.YES) {
                    matched.add(c);
                } else if (m == Match.MAYBE) {
                    next.add(c);
                }
            }
            undecided = next;
        }
        return undecided;
    }

    private void load(int stage, List<Candidate> candidates) {
        if (stage == SearchPlan.RECORD) {
            loadRecords(candidates);
        } else if (stage == SearchPlan.SORT) {
            loadSortRecords(candidates);
        } else if (stage == SearchPlan.SUMMARY) {
            loadSummaries(candidates);
        }
    }

    private void loadRecords(List<Candidate> candidates) {
        for (Candidate c : candidates) {
            if (c.record == null) {
                byte[] value = txn.get(MailKeys.message(account, c.message));
                c.record = value == null ? null : MessageRecord.decode(c.message, value);
            }
        }
    }

    /** Sort records, read per mailbox as one range when there are many, else one by one. */
    private void loadSortRecords(List<Candidate> candidates) {
        Map<Long, Map<Long, Candidate>> byMailbox = new HashMap<>();
        for (Candidate c : candidates) {
            if (c.sortLoaded) {
                continue;
            }
            long mailbox = c.mailbox;
            long uid = c.uid;
            if (mailbox < 0 && c.record != null && !c.record.mailboxes().isEmpty()) {
                mailbox = c.record.mailboxes().firstKey();
                uid = c.record.mailboxes().get(mailbox);
            }
            if (mailbox < 0) {
                c.sortLoaded = true;
                continue;
            }
            byMailbox.computeIfAbsent(mailbox, m -> new TreeMap<>()).put(uid, c);
        }
        for (Map.Entry<Long, Map<Long, Candidate>> e : byMailbox.entrySet()) {
            long mailbox = e.getKey();
            TreeMap<Long, Candidate> wanted = (TreeMap<Long, Candidate>) e.getValue();
            if (wanted.size() < 16) {
                wanted.forEach((uid, c) -> {
                    byte[] value = txn.get(MailKeys.sortRecord(account, mailbox, uid));
                    c.sort = value == null ? null : SortRecord.decode(value);
                });
            } else {
                try (KeyValueIterator it = txn.range(MailKeys.sortRecord(account, mailbox, wanted.firstKey()),
                        MailKeys.sortRecord(account, mailbox, wanted.lastKey() + 1))) {
                    while (it.hasNext()) {
                        KeyValue kv = it.next();
                        Candidate c = wanted.get(MailKeys.lastLong(kv.key()));
                        if (c != null) {
                            c.sort = SortRecord.decode(kv.value());
                        }
                    }
                }
            }
            wanted.values().forEach(c -> c.sortLoaded = true);
        }
        // stored before sort records: made from the summary
        for (Candidate c : candidates) {
            if (c.sort == null) {
                loadSummary(c);
                if (c.summary != null && c.record != null) {
                    c.sort = SortRecord.of(c.summary, c.record.thread());
                }
            }
            c.sortLoaded = true;
        }
    }

    private void loadSummaries(List<Candidate> candidates) {
        candidates.forEach(this::loadSummary);
    }

    private void loadSummary(Candidate c) {
        if (c.summaryLoaded) {
            return;
        }
        if (c.record == null) {
            byte[] value = txn.get(MailKeys.message(account, c.message));
            c.record = value == null ? null : MessageRecord.decode(c.message, value);
        }
        if (c.record != null) {
            long key = c.content > 0 ? c.content : -c.message;
            MessageSummary summary = summaries.get(key);
            if (summary == null) {
                byte[] stored = Summaries.read(txn, account, c.record.blob());
                summary = stored == null ? null : Summaries.decode(stored, c.record.blobSize());
                if (summary != null) {
                    summaries.put(key, summary);
                }
            }
            c.summary = summary;
        }
        c.summaryLoaded = true;
    }

    // --- sorting ---

    private List<Candidate> sorted(List<Candidate> found, List<SortKey> keys, boolean collapse, boolean byUid) {
        Set<String> threadKeywords = new HashSet<>();
        boolean needSort = collapse;
        for (SortKey key : keys) {
            switch (key.property()) {
                case DATE, FROM, TO, CC, SUBJECT, DISPLAY_FROM, DISPLAY_TO -> needSort = true;
                case ALL_IN_THREAD_HAVE_KEYWORD, SOME_IN_THREAD_HAVE_KEYWORD -> {
                    needSort = true;
                    threadKeywords.add(key.keyword());
                }
                default -> { }
            }
        }
        if (needSort) {
            loadSortRecords(found);
        }
        if (!threadKeywords.isEmpty() && (plan.threadCounts == null || !plan.threadKeywords.containsAll(threadKeywords))) {
            plan.threadKeywords.addAll(threadKeywords);
            plan.threadCounts = new SearchPlan.ThreadCounts(txn, account, plan.threadKeywords);
        }
        Comparator<Candidate> order = null;
        for (SortKey key : keys) {
            Comparator<Candidate> c = comparator(key, plan.threadCounts);
            if (key.reverse()) {
                c = c.reversed();
            }
            order = order == null ? c : order.thenComparing(c);
        }
        Comparator<Candidate> tie = byUid ? Comparator.comparingLong(c -> c.uid) : Comparator.comparingLong(c -> c.message);
        order = order == null ? tie : order.thenComparing(tie);
        List<Candidate> sorted = new ArrayList<>(found);
        sorted.sort(order);
        if (!collapse) {
            return sorted;
        }
        Set<Long> threads = new HashSet<>();
        List<Candidate> first = new ArrayList<>();
        for (Candidate c : sorted) {
            if (threads.add(c.thread()) || c.thread() < 0) {
                first.add(c);
            }
        }
        return first;
    }

    private static Comparator<Candidate> comparator(SortKey key, SearchPlan.ThreadCounts counts) {
        return switch (key.property()) {
            case ARRIVAL -> Comparator.comparingLong(c -> c.receivedAt);
            case DATE -> Comparator.comparingLong(c -> c.sort == null ? c.receivedAt : c.sort.sentMillis(c.receivedAt));
            case SIZE -> Comparator.comparingLong(c -> c.size);
            case FROM -> Comparator.comparing(c -> c.sort == null ? "" : c.sort.from());
            case TO -> Comparator.comparing(c -> c.sort == null ? "" : c.sort.to());
            case CC -> Comparator.comparing(c -> c.sort == null ? "" : c.sort.cc());
            case SUBJECT -> Comparator.comparing(c -> c.sort == null ? "" : c.sort.subject());
            case DISPLAY_FROM -> Comparator.comparing(c -> c.sort == null ? "" : c.sort.displayFrom());
            case DISPLAY_TO -> Comparator.comparing(c -> c.sort == null ? "" : c.sort.displayTo());
            case HAS_KEYWORD -> Comparator.comparing(c -> c.keywords.contains(key.keyword()));
            case ALL_IN_THREAD_HAVE_KEYWORD -> Comparator.comparing(c -> {
                int[] n = counts.of(c.thread(), key.keyword());
                return n[0] > 0 && n[1] == n[0];
            });
            case SOME_IN_THREAD_HAVE_KEYWORD -> Comparator.comparing(c -> counts.of(c.thread(), key.keyword())[1] > 0);
        };
    }
}
