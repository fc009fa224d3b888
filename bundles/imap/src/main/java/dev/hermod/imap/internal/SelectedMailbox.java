package dev.hermod.imap.internal;

import dev.hermod.api.mail.MailboxId;
import dev.hermod.api.mailbox.Keywords;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.MailboxDelta;
import dev.hermod.api.mailbox.MailboxException;
import dev.hermod.api.mailbox.MailboxView;
import dev.hermod.api.mailbox.MessageEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The selected mailbox as this session has told the client about it (RFC 9051 §2.3.1.2): message
 * sequence number {@code n} is {@code entries.get(n - 1)}, ascending by UID. {@link #update} brings it up
 * to date from the store's change log, telling the client of new messages (EXISTS), changed flags (FETCH)
 * and, when the command allows it, expunged messages (EXPUNGE); until then the numbering stays as the
 * client knows it.
 */
final class SelectedMailbox {

    private final MailAccount account;
    private final MailboxId id;
    private final boolean readOnly;
    private final long uidValidity;
    private final MessageList entries;
    /** Expunged elsewhere, not yet reported: they keep their numbers until an EXPUNGE may be sent. */
    private final TreeSet<Long> vanished = new TreeSet<>();
    /** UID ranges {first, last} this session claimed as recent (RFC 3501 §2.3.2 {@code \Recent}). */
    private final List<long[]> recent = new ArrayList<>();
    private long claimedThrough;
    private long modSeq;

    SelectedMailbox(MailAccount account, MailboxView view, boolean readOnly) {
        this.account = account;
        this.id = view.mailbox().id();
        this.readOnly = readOnly;
        this.uidValidity = view.mailbox().uidValidity();
        this.entries = new MessageList(view.entries());
        this.modSeq = view.state();
    }

    MailboxId id() {
        return id;
    }

    boolean readOnly() {
        return readOnly;
    }

    long uidValidity() {
        return uidValidity;
    }

    int exists() {
        return entries.size();
    }

    /** @param msn 1 to {@link #exists()} */
    MessageEntry entry(int msn) {
        return entries.get(msn - 1);
    }

    long lastUid() {
        return entries.size() == 0 ? 0 : entries.uid(entries.size() - 1);
    }

    /** @return the sequence number of a UID, or 0 */
    int msn(long uid) {
        int lo = 0;
        int hi = entries.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long u = entries.uid(mid);
            if (u < uid) {
                lo = mid + 1;
            } else if (u > uid) {
                hi = mid - 1;
            } else {
                return mid + 1;
            }
        }
        return 0;
    }

    /**
     * The sequence numbers a set names, ascending.
     *
     * @param uid whether the set holds UIDs (unknown ones are skipped) or sequence numbers
     * @throws ImapException BAD for a sequence number past the last message (RFC 9051 §9 seq-number)
     */
    List<Integer> resolve(SequenceSet set, boolean uid) {
        List<Integer> out = new ArrayList<>();
        if (uid || set.uids()) {
            long largest = lastUid();
            for (int i = 0; i < entries.size(); i++) {
                if (set.contains(entries.uid(i), largest)) {
                    out.add(i + 1);
                }
            }
            return out;
        }
        if (entries.size() == 0 && set.ranges().stream().allMatch(r -> r[1] == SequenceSet.STAR
                || r[0] == SequenceSet.STAR)) {
            // "1:*" on an empty mailbox names nothing; clients send it before the first EXISTS
            return out;
        }
        if (set.max(entries.size()) > entries.size() || entries.size() == 0) {
            throw ImapException.bad(entries.size() == 0 ? "The mailbox is empty: no message sequence number is valid"
                    : "Message sequence number past the last message (" + entries.size() + ")");
        }
        for (int i = 1; i <= entries.size(); i++) {
            if (set.contains(i, entries.size())) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * Claims {@code \Recent} for the messages this session knows of and no earlier session was told of
     * (RFC 3501 §2.3.2). Only an IMAP4rev1 session selecting read-write claims; one that EXAMINEs sees them
     * recent without claiming. IMAP4rev2 dropped the flag (RFC 9051 Appendix E), so its sessions neither
     * see nor claim it, and leave new messages recent for a rev1 client.
     *
     * @return whether some messages became recent to this session
     */
    boolean claimRecent(ImapSession session) {
        long through = lastUid();
        if (session.rev2() || through <= claimedThrough) {
            return false;
        }
        // EXAMINE shows what is recent without taking it from the next read-write session
        long before = account.claimRecent(id, readOnly ? 0 : through);
        long first = Math.max(before, claimedThrough) + 1;
        claimedThrough = through;
        if (first > through) {
            return false;
        }
        recent.add(new long[] {first, through});
        return true;
    }

    /** @return whether a message is recent to this session */
    boolean recent(long uid) {
        for (long[] r : recent) {
            if (uid >= r[0] && uid <= r[1]) {
                return true;
            }
        }
        return false;
    }

    /** @return how many of the messages this session knows of are recent to it */
    int recentCount() {
        if (recent.isEmpty()) {
            return 0;
        }
        int n = 0;
        for (int i = 0; i < entries.size(); i++) {
            if (recent(entries.uid(i))) {
                n++;
            }
        }
        return n;
    }

    /** The UID ranges recent to this session, for SEARCH RECENT and NEW. */
    List<long[]> recentRanges() {
        return List.copyOf(recent);
    }

    /** Records new flags after this session's STORE. */
    void replace(MessageEntry e) {
        int msn = msn(e.uid());
        if (msn > 0) {
            entries.set(msn - 1, e);
        }
    }

    /** Removes messages this session expunged or moved, telling the client (highest number first). */
    void expunged(Collection<Long> uids, ImapSession session) {
        List<Integer> numbers = new ArrayList<>();
        for (long uid : uids) {
            int msn = msn(uid);
            if (msn > 0) {
                numbers.add(msn);
            }
        }
        numbers.sort((a, b) -> Integer.compare(b, a));
        List<Long> gone = new ArrayList<>();
        for (int msn : numbers) {
            gone.add(0, entries.uid(msn - 1));
            entries.remove(msn - 1);
            if (!session.qresync()) {
                session.send("* " + msn + " EXPUNGE");
            }
        }
        if (session.qresync() && !gone.isEmpty()) {
            // RFC 7162 §3.2.10: VANISHED instead of EXPUNGE
            session.send("* VANISHED " + SequenceSet.format(gone));
        }
        vanished.removeAll(uids);
    }

    /**
     * Reads what changed since the last update and tells the client.
     *
     * @param expunges whether EXPUNGE responses may be sent now (not during FETCH, STORE, SEARCH)
     */
    void update(ImapSession session, boolean expunges) {
        MailboxDelta delta;
        try {
            delta = account.delta(id, modSeq);
        } catch (MailboxException e) {
            if (e.reason() == MailboxException.Reason.NO_SUCH_MAILBOX) {
                throw e;
            }
            resync(session, expunges);
            return;
        }
        for (long uid : delta.vanished()) {
            if (msn(uid) > 0) {
                vanished.add(uid);
            }
        }
        if (expunges && !vanished.isEmpty()) {
            expunged(new ArrayList<>(vanished), session);
        }
        boolean added = false;
        for (MessageEntry e : delta.changed()) {
            int msn = msn(e.uid());
            if (msn > 0) {
                if (!entries.keywords(msn - 1).equals(e.keywords()) && !vanished.contains(e.uid())) {
                    entries.set(msn - 1, e);
                    session.send("* " + msn + " FETCH (" + uidItem(e, session) + flagsItem(e, session) + ")");
                } else {
                    entries.set(msn - 1, e);
                }
            } else if (e.uid() > lastUid()) {
                entries.add(e);
                added = true;
            }
        }
        if (added) {
            session.send("* " + entries.size() + " EXISTS");
            if (claimRecent(session)) {
                // RFC 3501 §7.3.2
                session.send("* " + recentCount() + " RECENT");
            }
        }
        modSeq = Math.max(modSeq, delta.highestModSeq());
    }

    /**
     * QRESYNC's resynchronization at SELECT (RFC 7162 §3.2.5.1): what vanished since {@code since}
     * (among {@code known}, if given) as VANISHED (EARLIER), and the messages changed since as FETCH.
     */
    void resynchronize(ImapSession session, long since, SequenceSet known) {
        List<Long> gone = new ArrayList<>();
        List<MessageEntry> changed = new ArrayList<>();
        try {
            MailboxDelta delta = account.delta(id, since);
            gone.addAll(delta.vanished());
            changed.addAll(delta.changed());
        } catch (MailboxException e) {
            // the change log no longer reaches back: every known UID not here now vanished, all may have changed
            if (known != null) {
                long largest = Math.max(lastUid(), known.max(lastUid()));
                for (long[] r : known.ranges()) {
                    long a = r[0] == SequenceSet.STAR ? largest : r[0];
                    long b = r[1] == SequenceSet.STAR ? largest : r[1];
                    for (long u = Math.min(a, b); u <= Math.max(a, b) && gone.size() < 100_000; u++) {
                        if (msn(u) == 0) {
                            gone.add(u);
                        }
                    }
                }
            }
            for (int i = 0; i < entries.size(); i++) {
                changed.add(entries.get(i));
            }
        }
        if (known != null) {
            gone.removeIf(u -> !known.contains(u, Long.MAX_VALUE));
        }
        gone.removeIf(u -> msn(u) > 0);
        if (!gone.isEmpty()) {
            gone.sort(null);
            session.send("* VANISHED (EARLIER) " + SequenceSet.format(gone));
        }
        for (MessageEntry e : changed) {
            int msn = msn(e.uid());
            if (msn > 0 && e.modSeq() > since) {
                session.send("* " + msn + " FETCH (UID " + e.uid() + " " + flagsItem(entries.get(msn - 1), session) + ")");
            }
        }
    }

    /** UIDs in {@code set} expunged since a MODSEQ, for UID FETCH's VANISHED modifier (RFC 7162 §3.2.6). */
    List<Long> vanishedSince(long since, SequenceSet set) {
        List<Long> out = new ArrayList<>();
        try {
            for (long u : account.delta(id, since).vanished()) {
                if (set.contains(u, lastUid()) && msn(u) == 0) {
                    out.add(u);
                }
            }
        } catch (MailboxException e) {
            // nothing known; the client does a full resynchronization instead
        }
        out.sort(null);
        return out;
    }

    /** Compares with a full listing, when the change log no longer reaches back far enough. */
    private void resync(ImapSession session, boolean expunges) {
        MailboxView view = account.view(id);
        Map<Long, MessageEntry> now = new HashMap<>();
        for (MessageEntry e : view.entries()) {
            now.put(e.uid(), e);
        }
        for (int i = 0; i < entries.size(); i++) {
            if (!now.containsKey(entries.uid(i))) {
                vanished.add(entries.uid(i));
            }
        }
        if (expunges && !vanished.isEmpty()) {
            expunged(new ArrayList<>(vanished), session);
        }
        long last = lastUid();
        boolean added = false;
        for (int i = 0; i < entries.size(); i++) {
            MessageEntry known = entries.get(i);
            MessageEntry e = now.get(known.uid());
            if (e != null && !e.keywords().equals(known.keywords())) {
                entries.set(i, e);
                session.send("* " + (i + 1) + " FETCH (" + uidItem(e, session) + flagsItem(e, session) + ")");
            }
        }
        for (MessageEntry e : view.entries()) {
            if (e.uid() > last) {
                entries.add(e);
                added = true;
            }
        }
        if (added) {
            session.send("* " + entries.size() + " EXISTS");
            if (claimRecent(session)) {
                session.send("* " + recentCount() + " RECENT");
            }
        }
        modSeq = view.state();
    }

    /** RFC 7162 §3.2.4: with QRESYNC, unsolicited FETCH responses carry the UID. */
    private static String uidItem(MessageEntry e, ImapSession session) {
        return session.qresync() ? "UID " + e.uid() + " " : "";
    }

    /** {@code FLAGS (...)}, with {@code MODSEQ (n)} when CONDSTORE is on (RFC 7162 §3.2.4). */
    String flagsItem(MessageEntry e, ImapSession session) {
        return "FLAGS " + flags(e) + (session.condstore() ? " MODSEQ (" + e.modSeq() + ")" : "");
    }

    /** A message's flag list as this session shows it: with {@code \Recent} when it is recent to it. */
    String flags(MessageEntry e) {
        String list = flags(e.keywords());
        if (!recent.isEmpty() && recent(e.uid())) {
            return list.length() == 2 ? "(\\Recent)" : "(\\Recent " + list.substring(1);
        }
        return list;
    }

    /** Keywords stored lower-case, shown as the registry spells them (RFC 5788, IANA IMAP keywords). */
    private static final Map<String, String> WELL_KNOWN = Map.of("$forwarded", "$Forwarded", "$junk", "$Junk",
            "$notjunk", "$NotJunk", "$mdnsent", "$MDNSent", "$phishing", "$Phishing", "$important", "$Important",
            "$submitpending", "$SubmitPending", "$submitted", "$Submitted");

    /** The IMAP flag list of some keywords, system flags first. */
    static String flags(Collection<String> keywords) {
        List<String> out = new ArrayList<>();
        for (String k : new TreeSet<>(keywords)) {
            out.add(WELL_KNOWN.getOrDefault(k, Keywords.toImap(k)));
        }
        out.sort((a, b) -> Boolean.compare(!a.startsWith("\\"), !b.startsWith("\\")));
        return "(" + String.join(" ", out) + ")";
    }
}
