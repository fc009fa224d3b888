package dev.hermod.imap.internal;

import dev.hermod.api.mailbox.SearchQuery;
import dev.hermod.api.mailbox.SortKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * SORT and UID SORT (RFC 5256 §3, with DISPLAYFROM and DISPLAYTO of RFC 5957), answered by the store's
 * sort indexes: {@code SORT (keys) charset criteria}.
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
        StringBuilder b = new StringBuilder("* SORT");
        for (long uid : session.account().search(selected.id(), query, keys)) {
            int msn = selected.msn(uid);
            if (msn > 0) {
                b.append(' ').append(c.uid() ? uid : msn);
            }
        }
        session.send(b.toString());
        return (c.uid() ? "UID " : "") + "SORT completed";
    }
}
