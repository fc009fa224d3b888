package dev.hermod.imap.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A sequence set (RFC 9051 §9 sequence-set): ranges of message sequence numbers or UIDs, where {@code *}
 * stands for the largest number in use. A range is unordered ({@code 4:2} is {@code 2:4}). {@code $} is the
 * result saved by {@code SEARCH RETURN (SAVE)} (SEARCHRES, RFC 5182), always UIDs: {@code uids} says so.
 */
record SequenceSet(List<long[]> ranges, boolean uids) {

    /** {@code *} before it is resolved. */
    static final long STAR = -1;

    static SequenceSet parse(Arguments args, ImapSession session) {
        if (args.skip('$')) {
            List<long[]> saved = new ArrayList<>();
            session.savedSearch().forEach(u -> saved.add(new long[] {u, u}));
            return new SequenceSet(saved, true);
        }
        String text = args.atom(":,*");
        List<long[]> ranges = new ArrayList<>();
        for (String item : text.split(",", -1)) {
            String[] ends = item.split(":", -1);
            if (ends.length > 2) {
                throw ImapException.bad("Bad sequence set " + Arguments.printable(text));
            }
            long a = number(ends[0], text);
            long b = ends.length == 2 ? number(ends[1], text) : a;
            ranges.add(new long[] {a, b});
        }
        return new SequenceSet(ranges, false);
    }

    private static long number(String s, String text) {
        if (s.equals("*")) {
            return STAR;
        }
        try {
            long n = Long.parseLong(s);
            if (n < 1 || n > 0xffffffffL || s.startsWith("+")) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw ImapException.bad("Bad sequence set " + Arguments.printable(text));
        }
    }

    /** Whether {@code n} is in the set, {@code *} meaning {@code largest}. */
    boolean contains(long n, long largest) {
        for (long[] r : ranges) {
            long a = r[0] == STAR ? largest : r[0];
            long b = r[1] == STAR ? largest : r[1];
            if (n >= Math.min(a, b) && n <= Math.max(a, b)) {
                return true;
            }
        }
        return false;
    }

    /** The largest number named, {@code *} as {@code largest}. */
    long max(long largest) {
        long max = 0;
        for (long[] r : ranges) {
            max = Math.max(max, Math.max(r[0] == STAR ? largest : r[0], r[1] == STAR ? largest : r[1]));
        }
        return max;
    }

    /** Writes ascending numbers compactly: {@code 1:3,5}. */
    static String format(List<Long> numbers) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < numbers.size()) {
            int j = i;
            while (j + 1 < numbers.size() && numbers.get(j + 1) == numbers.get(j) + 1) {
                j++;
            }
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(numbers.get(i));
            if (j > i) {
                b.append(':').append(numbers.get(j));
            }
            i = j + 1;
        }
        return b.toString();
    }
}
