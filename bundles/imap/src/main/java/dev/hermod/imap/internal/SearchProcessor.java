package dev.hermod.imap.internal;

import dev.hermod.api.mailbox.Keywords;
import dev.hermod.api.mailbox.SearchQuery;
import dev.hermod.api.mailbox.SearchQuery.Contains.Field;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * SEARCH and UID SEARCH (RFC 9051 §6.4.4) over the store's indexes, with ESEARCH's RETURN options MIN, MAX,
 * COUNT and ALL (RFC 4731; IMAP4rev2 answers every SEARCH with ESEARCH), MODSEQ (RFC 7162 §3.1.5) and
 * OLDER/YOUNGER (RFC 5032). RECENT, NEW and OLD (RFC 3501 §6.4.4) use the messages recent to this session
 * (none for an IMAP4rev2 session). Sequence numbers are mapped to UIDs from the session's numbering.
 */
final class SearchProcessor implements Processor {

    @Override
    public Set<String> commands() {
        return Set.of("SEARCH");
    }

    @Override
    public boolean allowed(String name, SessionState state) {
        return state == SessionState.SELECTED;
    }

    @Override
    public String process(Command c, ImapSession session) {
        Arguments a = c.args();
        Set<String> returns = null;
        if (a.rest().regionMatches(true, 0, "RETURN ", 0, 7)) {
            a.atom();
            a.space();
            returns = new LinkedHashSet<>();
            for (String option : a.atomList(false)) {
                String o = option.toUpperCase(Locale.ROOT);
                if (!Set.of("MIN", "MAX", "COUNT", "ALL", "SAVE").contains(o)) {
                    throw ImapException.bad("Unknown RETURN option " + Arguments.printable(option));
                }
                returns.add(o);
            }
            if (returns.isEmpty()) {
                returns.add("ALL");
            }
            a.space();
        }
        charset(a);
        SelectedMailbox selected = session.selected();
        SearchQuery query = criteria(a, selected, session);
        List<Long> found = new ArrayList<>();
        List<Long> uids = new ArrayList<>();
        for (long uid : session.account().search(selected.id(), query, List.of())) {
            // messages the client has not been told of yet are left out
            int msn = selected.msn(uid);
            if (msn > 0) {
                found.add(c.uid() ? uid : msn);
                uids.add(uid);
            }
        }
        found.sort(null);
        uids.sort(null);
        if (returns == null && session.rev2()) {
            returns = Set.of("ALL");
        }
        if (returns != null && returns.contains("SAVE")) {
            session.saveSearch(uids);
            if (returns.size() == 1) {
                // RFC 5182 §2.1: SAVE alone sends no ESEARCH
                return (c.uid() ? "UID " : "") + "SEARCH completed, result saved";
            }
        }
        if (returns == null) {
            StringBuilder b = new StringBuilder("* SEARCH");
            found.forEach(n -> b.append(' ').append(n));
            session.send(b.toString());
        } else {
            StringBuilder b = new StringBuilder("* ESEARCH (TAG ");
            b.append(new String(session.response().string(c.tag()).take(), java.nio.charset.StandardCharsets.UTF_8));
            b.append(')');
            if (c.uid()) {
                b.append(" UID");
            }
            if (!found.isEmpty()) {
                if (returns.contains("MIN")) {
                    b.append(" MIN ").append(found.get(0));
                }
                if (returns.contains("MAX")) {
                    b.append(" MAX ").append(found.get(found.size() - 1));
                }
                if (returns.contains("ALL")) {
                    b.append(" ALL ").append(SequenceSet.format(found));
                }
            }
            if (returns.contains("COUNT")) {
                b.append(" COUNT ").append(found.size());
            }
            session.send(b.toString());
        }
        return (c.uid() ? "UID " : "") + "SEARCH completed";
    }

    /** Reads search keys to the end of the command: their conjunction. */
    static SearchQuery criteria(Arguments a, SelectedMailbox selected, ImapSession session) {
        List<SearchQuery> keys = new ArrayList<>();
        do {
            keys.add(key(a, selected, session));
        } while (a.skip(' '));
        a.end();
        return keys.size() == 1 ? keys.get(0) : new SearchQuery.And(keys);
    }

    /** Reads {@code CHARSET name SP} if it comes next; only UTF-8 and US-ASCII are known. */
    static void charset(Arguments a) {
        if (a.rest().regionMatches(true, 0, "CHARSET ", 0, 8)) {
            a.atom();
            a.space();
            readCharset(a.astring());
            a.space();
        }
    }

    static void readCharset(String charset) {
        if (!charset.equalsIgnoreCase("UTF-8") && !charset.equalsIgnoreCase("US-ASCII")) {
            throw ImapException.no("BADCHARSET (UTF-8 US-ASCII)", "Only UTF-8 and US-ASCII searches");
        }
    }

    private static SearchQuery key(Arguments a, SelectedMailbox selected, ImapSession session) {
        if (a.skip('(')) {
            List<SearchQuery> all = new ArrayList<>();
            do {
                all.add(key(a, selected, session));
            } while (a.skip(' '));
            a.expect(')');
            return new SearchQuery.And(all);
        }
        char first = a.peek();
        if (Character.isDigit(first) || first == '*' || first == '$') {
            return sequence(SequenceSet.parse(a, session), false, selected);
        }
        String name = a.atom().toUpperCase(Locale.ROOT);
        return switch (name) {
            case "ALL" -> new SearchQuery.All();
            case "RECENT" -> recent(selected);
            case "NEW" -> SearchQuery.and(recent(selected), SearchQuery.not(has(Keywords.SEEN)));
            case "OLD" -> SearchQuery.not(recent(selected));
            case "ANSWERED" -> has(Keywords.ANSWERED);
            case "DELETED" -> has(Keywords.DELETED);
            case "DRAFT" -> has(Keywords.DRAFT);
            case "FLAGGED" -> has(Keywords.FLAGGED);
            case "SEEN" -> has(Keywords.SEEN);
            case "UNANSWERED" -> SearchQuery.not(has(Keywords.ANSWERED));
            case "UNDELETED" -> SearchQuery.not(has(Keywords.DELETED));
            case "UNDRAFT" -> SearchQuery.not(has(Keywords.DRAFT));
            case "UNFLAGGED" -> SearchQuery.not(has(Keywords.FLAGGED));
            case "UNSEEN" -> SearchQuery.not(has(Keywords.SEEN));
            case "KEYWORD" -> has(keyword(a));
            case "UNKEYWORD" -> SearchQuery.not(has(keyword(a)));
            case "BCC" -> contains(a, Field.BCC);
            case "CC" -> contains(a, Field.CC);
            case "FROM" -> contains(a, Field.FROM);
            case "TO" -> contains(a, Field.TO);
            case "SUBJECT" -> contains(a, Field.SUBJECT);
            case "BODY" -> contains(a, Field.BODY);
            case "TEXT" -> contains(a, Field.TEXT);
            case "HEADER" -> {
                a.space();
                String field = a.astring();
                a.space();
                yield new SearchQuery.Header(field, a.astring());
            }
            case "BEFORE" -> new SearchQuery.ReceivedBefore(date(a).atStartOfDay(ImapDates.ZONE).toInstant());
            case "SINCE" -> new SearchQuery.ReceivedSince(date(a).atStartOfDay(ImapDates.ZONE).toInstant());
            case "ON" -> SearchQuery.on(date(a), ImapDates.ZONE);
            case "SENTBEFORE" -> new SearchQuery.SentBefore(date(a));
            case "SENTSINCE" -> new SearchQuery.SentSince(date(a));
            case "SENTON" -> SearchQuery.sentOn(date(a));
            case "LARGER" -> new SearchQuery.Larger(number(a));
            case "SMALLER" -> new SearchQuery.Smaller(number(a));
            case "OLDER" -> SearchQuery.older(Duration.ofSeconds(number(a)), Instant.now());
            case "YOUNGER" -> SearchQuery.younger(Duration.ofSeconds(number(a)), Instant.now());
            case "MODSEQ" -> {
                a.space();
                if (a.peekIs('"')) {
                    // RFC 7162 §3.1.5: entry name and type, ignored
                    a.string();
                    a.space();
                    a.atom();
                    a.space();
                }
                session.enableCondstore();
                yield new SearchQuery.ModSeq(a.number());
            }
            case "EMAILID" -> {
                a.space();
                String id = a.astring();
                try {
                    yield new SearchQuery.EmailId(dev.hermod.api.mail.MessageId.parse(id));
                } catch (IllegalArgumentException e) {
                    yield new SearchQuery.Or(List.of());
                }
            }
            case "THREADID" -> {
                a.space();
                String id = a.astring();
                try {
                    yield new SearchQuery.InThread(dev.hermod.api.mail.ThreadId.parse(id));
                } catch (IllegalArgumentException e) {
                    yield new SearchQuery.Or(List.of());
                }
            }
            case "UID" -> {
                a.space();
                yield sequence(SequenceSet.parse(a, session), true, selected);
            }
            case "NOT" -> {
                a.space();
                yield SearchQuery.not(key(a, selected, session));
            }
            case "OR" -> {
                a.space();
                SearchQuery x = key(a, selected, session);
                a.space();
                yield SearchQuery.or(x, key(a, selected, session));
            }
            default -> throw ImapException.bad("Unknown search key " + Arguments.printable(name));
        };
    }

    /** The messages recent to this session (RFC 3501 §6.4.4 RECENT), as UID ranges. */
    private static SearchQuery recent(SelectedMailbox selected) {
        List<SearchQuery.Uids.UidRange> ranges = selected.recentRanges().stream()
                .map(r -> new SearchQuery.Uids.UidRange(r[0], r[1])).toList();
        return ranges.isEmpty() ? new SearchQuery.Or(List.of()) : new SearchQuery.Uids(ranges);
    }

    private static SearchQuery has(String keyword) {
        return new SearchQuery.HasKeyword(keyword);
    }

    private static String keyword(Arguments a) {
        a.space();
        String flag = a.atom("\\");
        try {
            return Keywords.fromImap(flag);
        } catch (IllegalArgumentException e) {
            return "\u0000never";
        }
    }

    private static SearchQuery contains(Arguments a, Field field) {
        a.space();
        return new SearchQuery.Contains(field, a.astring());
    }

    private static java.time.LocalDate date(Arguments a) {
        a.space();
        return ImapDates.parseDate(a.astring());
    }

    private static long number(Arguments a) {
        a.space();
        return a.number();
    }

    /** The UIDs of a set of sequence numbers or UIDs, as ranges of consecutive UIDs. */
    private static SearchQuery sequence(SequenceSet set, boolean uid, SelectedMailbox selected) {
        List<SearchQuery.Uids.UidRange> ranges = new ArrayList<>();
        if (uid || set.uids()) {
            long largest = selected.lastUid();
            for (long[] r : set.ranges()) {
                long x = r[0] == SequenceSet.STAR ? largest : r[0];
                long y = r[1] == SequenceSet.STAR ? largest : r[1];
                if (Math.max(x, y) >= 1) {
                    ranges.add(new SearchQuery.Uids.UidRange(Math.max(1, Math.min(x, y)), Math.max(x, y)));
                }
            }
        } else {
            for (int i = 1; i <= selected.exists(); i++) {
                if (set.contains(i, selected.exists())) {
                    long u = selected.entry(i).uid();
                    int last = ranges.size() - 1;
                    if (last >= 0 && ranges.get(last).last() + 1 == u) {
                        ranges.set(last, new SearchQuery.Uids.UidRange(ranges.get(last).first(), u));
                    } else {
                        ranges.add(new SearchQuery.Uids.UidRange(u, u));
                    }
                }
            }
        }
        return ranges.isEmpty() ? new SearchQuery.Or(List.of()) : new SearchQuery.Uids(ranges);
    }

}
