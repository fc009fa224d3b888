package dev.hermod.imap.internal;

import dev.hermod.api.mailbox.SearchQuery;
import dev.hermod.api.mailbox.SortKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * SORT and UID SORT (RFC 5256 §3, with DISPLAYFROM and DISPLAYTO of RFC 5957, and ESORT's RETURN options of
 * RFC 5267 §3), answered by the store's sort indexes: {@code SORT [RETURN (...)] (keys) charset criteria}.
 */
final class SortProcessor implements Processor {

    @Override
    public Set<String> commands() {
        return Set.of("SORT");
    }

    @Override
    public boolean allowed(String name, SessionState state) {
        return state == SessionState.SELECTED;
    }

    @Override
    public String process(Command c, ImapSession session) {
        Arguments a = c.args();
        List<String> returns = null;
        if (a.rest().regionMatches(true, 0, "RETURN ", 0, 7)) {
            a.atom();
            a.space();
            returns = new ArrayList<>();
            for (String option : a.atomList(false)) {
                String o = option.toUpperCase(Locale.ROOT);
                if (!Set.of("MIN", "MAX", "COUNT", "ALL").contains(o)) {
                    throw ImapException.bad("Unknown RETURN option " + Arguments.printable(option));
                }
                returns.add(o);
            }
            if (returns.isEmpty()) {
                returns.add("ALL");
            }
            a.space();
        }
        List<SortKey> keys = new ArrayList<>();
        a.expect('(');
        boolean reverse = false;
        do {
            String name = a.atom().toUpperCase(Locale.ROOT);
            if (name.equals("REVERSE")) {
                reverse = true;
                continue;
            }
            SortKey.Property property = switch (name) {
                case "ARRIVAL" -> SortKey.Property.ARRIVAL;
                case "CC" -> SortKey.Property.CC;
                case "DATE" -> SortKey.Property.DATE;
                case "FROM" -> SortKey.Property.FROM;
                case "SIZE" -> SortKey.Property.SIZE;
                case "SUBJECT" -> SortKey.Property.SUBJECT;
                case "TO" -> SortKey.Property.TO;
                case "DISPLAYFROM" -> SortKey.Property.DISPLAY_FROM;
                case "DISPLAYTO" -> SortKey.Property.DISPLAY_TO;
                default -> throw ImapException.bad("Unknown sort key " + Arguments.printable(name));
            };
            keys.add(new SortKey(property, reverse, null));
            reverse = false;
        } while (a.skip(' '));
        a.expect(')');
        if (reverse) {
            throw ImapException.bad("REVERSE needs a sort key after it");
        }
        a.space();
        SearchProcessor.readCharset(a.astring());
        a.space();
        SelectedMailbox selected = session.selected();
        SearchQuery query = SearchProcessor.criteria(a, selected, session);
        List<Long> sorted = new ArrayList<>();
        for (long uid : session.account().search(selected.id(), query, keys)) {
            int msn = selected.msn(uid);
            if (msn > 0) {
                sorted.add(c.uid() ? uid : msn);
            }
        }
        StringBuilder b;
        if (returns == null) {
            b = new StringBuilder("* SORT");
            sorted.forEach(n -> b.append(' ').append(n));
        } else {
            // RFC 5267 §3: MIN and MAX are the first and last in sort order, ALL keeps the order
            b = new StringBuilder("* ESEARCH (TAG ");
            b.append(new String(session.response().string(c.tag()).take(), java.nio.charset.StandardCharsets.UTF_8))
                    .append(')').append(c.uid() ? " UID" : "");
            if (!sorted.isEmpty()) {
                if (returns.contains("MIN")) {
                    b.append(" MIN ").append(sorted.get(0));
                }
                if (returns.contains("MAX")) {
                    b.append(" MAX ").append(sorted.get(sorted.size() - 1));
                }
                if (returns.contains("ALL")) {
                    b.append(" ALL ").append(SequenceSet.format(sorted));
                }
            }
            if (returns.contains("COUNT")) {
                b.append(" COUNT ").append(sorted.size());
            }
        }
        session.send(b.toString());
        return (c.uid() ? "UID " : "") + "SORT completed";
    }
}
