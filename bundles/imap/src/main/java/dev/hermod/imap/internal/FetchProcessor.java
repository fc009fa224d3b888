package dev.hermod.imap.internal;

import dev.hermod.api.mail.MessageId;
import dev.hermod.api.mailbox.KeywordChange;
import dev.hermod.api.mailbox.KeywordResult;
import dev.hermod.api.mailbox.Keywords;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.MessageEntry;
import dev.hermod.api.message.BodyPart;
import dev.hermod.api.message.MessageSummary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * FETCH and UID FETCH (RFC 9051 §6.4.5): FLAGS, UID, INTERNALDATE, RFC822.SIZE, ENVELOPE, BODYSTRUCTURE,
 * BODY, {@code BODY[section]<partial>} and BODY.PEEK (HEADER, HEADER.FIELDS, HEADER.FIELDS.NOT, TEXT, MIME,
 * part numbers), RFC822, RFC822.HEADER, RFC822.TEXT, the macros ALL, FAST and FULL, and MODSEQ with the
 * CHANGEDSINCE modifier (RFC 7162 §3.1.4). Structures come from the stored summary; octets are range reads
 * of the stored message at the summary's offsets. A BODY fetch without PEEK sets {@code \Seen} in a
 * read-write mailbox, and the new flags are returned with it.
 */
final class FetchProcessor implements Processor {

    enum Kind { FLAGS, UID, INTERNALDATE, SIZE, ENVELOPE, BODYSTRUCTURE, BODY, SECTION, BINARY, BINARY_SIZE, MODSEQ,
        EMAILID, THREADID, PREVIEW }

    /**
     * One requested item. For {@link Kind#SECTION}: {@code part} the part number ({@code ""} for the
     * message), {@code text} HEADER, HEADER.FIELDS, HEADER.FIELDS.NOT, TEXT, MIME or {@code ""},
     * {@code origin}/{@code length} the partial range ({@code -1} for none), {@code label} the response
     * name.
     */
    record Item(Kind kind, String part, String text, List<String> fields, long origin, long length, boolean peek,
                String label) {
        static Item of(Kind kind) {
            return new Item(kind, null, null, List.of(), -1, -1, true, null);
        }

        boolean needsSummary() {
            return kind == Kind.ENVELOPE || kind == Kind.BODYSTRUCTURE || kind == Kind.BODY || kind == Kind.PREVIEW
                    || (kind == Kind.SECTION && !(part.isEmpty() && text.isEmpty()))
                    || ((kind == Kind.BINARY || kind == Kind.BINARY_SIZE) && !part.isEmpty());
        }
    }

    @Override
    public Set<String> commands() {
        return Set.of("FETCH");
    }

    @Override
    public boolean allowed(String name, SessionState state) {
        return state == SessionState.SELECTED;
    }

    @Override
    public String process(Command c, ImapSession session) {
        Arguments a = c.args();
        SequenceSet set = SequenceSet.parse(a, session);
        a.space();
        List<Item> items = new ArrayList<>();
        if (a.skip('(')) {
            do {
                items.add(item(a));
            } while (a.skip(' '));
            a.expect(')');
        } else {
            String macro = a.peek() == 'A' || a.peek() == 'F' || a.peek() == 'a' || a.peek() == 'f' ? macro(a) : null;
            if (macro == null) {
                items.add(item(a));
            } else {
                for (String name : macro.split(" ")) {
                    items.add(item(Arguments.of(name)));
                }
            }
        }
        long changedSince = -1;
        boolean vanished = false;
        if (a.skip(' ')) {
            a.expect('(');
            do {
                String modifier = a.atom().toUpperCase(Locale.ROOT);
                if (modifier.equals("CHANGEDSINCE")) {
                    a.space();
                    changedSince = a.number();
                    session.enableCondstore();
                } else if (modifier.equals("VANISHED") && c.uid() && session.qresync()) {
                    vanished = true;
                } else {
                    throw ImapException.bad("Unknown FETCH modifier " + Arguments.printable(modifier));
                }
            } while (a.skip(' '));
            a.expect(')');
            if (vanished && changedSince < 0) {
                throw ImapException.bad("VANISHED needs CHANGEDSINCE");
            }
        }
        a.end();
        if (c.uid() && items.stream().noneMatch(i -> i.kind() == Kind.UID)) {
            items.add(0, Item.of(Kind.UID));
        }
        if (items.stream().anyMatch(i -> i.kind() == Kind.MODSEQ) || changedSince >= 0) {
            session.enableCondstore();
            if (changedSince >= 0 && items.stream().noneMatch(i -> i.kind() == Kind.MODSEQ)) {
                items.add(Item.of(Kind.MODSEQ));
            }
        }
        SelectedMailbox selected = session.selected();
        List<Integer> numbers = selected.resolve(set, c.uid());
        if (vanished) {
            List<Long> gone = selected.vanishedSince(changedSince, set);
            if (!gone.isEmpty()) {
                session.send("* VANISHED (EARLIER) " + SequenceSet.format(gone));
            }
        }
        Set<Long> flagged = markSeen(session, selected, numbers, items);
        boolean hasFlags = items.stream().anyMatch(i -> i.kind() == Kind.FLAGS);
        MailAccount account = session.account();
        // responses are gathered and written 64 KiB at a time: one write per message costs the event loop a task
        Response r = session.response();
        for (int msn : numbers) {
            MessageEntry e = selected.entry(msn);
            if (changedSince >= 0 && e.modSeq() <= changedSince) {
                continue;
            }
            r.raw("* " + msn + " FETCH (");
            MessageSummary summary = items.stream().anyMatch(Item::needsSummary) ? account.summary(e.id()) : null;
            boolean first = true;
            for (Item item : items) {
                if (!first) {
                    r.sp();
                }
                first = false;
                write(r, item, e, summary, account, session);
            }
            if (!hasFlags && flagged.contains(e.uid())) {
                r.sp().raw("FLAGS " + session.selected().flags(e));
            }
            r.raw(")").crlf();
            if (r.size() >= 64 * 1024) {
                session.send(r);
            }
        }
        session.send(r);
        return (c.uid() ? "UID " : "") + "FETCH completed";
    }

    /** Sets \Seen where a non-PEEK body item asks for it; returns the UIDs whose flags changed. */
    private static Set<Long> markSeen(ImapSession session, SelectedMailbox selected, List<Integer> numbers,
                                      List<Item> items) {
        Set<Long> changed = new HashSet<>();
        if (selected.readOnly() || items.stream().allMatch(Item::peek)) {
            return changed;
        }
        List<Long> uids = new ArrayList<>();
        for (int msn : numbers) {
            MessageEntry e = selected.entry(msn);
            if (!e.keywords().contains(Keywords.SEEN)) {
                uids.add(e.uid());
            }
        }
        if (uids.isEmpty()) {
            return changed;
        }
        KeywordResult result = session.account().store(selected.id(), uids,
                new KeywordChange(KeywordChange.Operation.ADD, Set.of(Keywords.SEEN), -1));
        for (MessageEntry e : result.changed()) {
            selected.replace(e);
            changed.add(e.uid());
        }
        return changed;
    }

    private static String macro(Arguments a) {
        String saved = a.rest();
        String word = saved.split("[ )]", 2)[0].toUpperCase(Locale.ROOT);
        String expansion = switch (word) {
            case "ALL" -> "FLAGS INTERNALDATE RFC822.SIZE ENVELOPE";
            case "FAST" -> "FLAGS INTERNALDATE RFC822.SIZE";
            case "FULL" -> "FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODY";
            default -> null;
        };
        if (expansion != null) {
            a.word();
        }
        return expansion;
    }

    private static Item item(Arguments a) {
        String name = a.word().toUpperCase(Locale.ROOT);
        switch (name) {
            case "FLAGS" -> {
                return Item.of(Kind.FLAGS);
            }
            case "UID" -> {
                return Item.of(Kind.UID);
            }
            case "INTERNALDATE" -> {
                return Item.of(Kind.INTERNALDATE);
            }
            case "RFC822.SIZE" -> {
                return Item.of(Kind.SIZE);
            }
            case "ENVELOPE" -> {
                return Item.of(Kind.ENVELOPE);
            }
            case "BODYSTRUCTURE" -> {
                return Item.of(Kind.BODYSTRUCTURE);
            }
            case "MODSEQ" -> {
                return Item.of(Kind.MODSEQ);
            }
            case "EMAILID" -> {
                return Item.of(Kind.EMAILID);
            }
            case "THREADID" -> {
                return Item.of(Kind.THREADID);
            }
            case "PREVIEW" -> {
                // RFC 8970: the LAZY modifier changes nothing, the preview is always at hand
                if (a.skip(' ')) {
                    if (!a.peekIs('(')) {
                        throw ImapException.bad("Expected PREVIEW modifiers");
                    }
                    for (String m : a.atomList(false)) {
                        if (!m.equalsIgnoreCase("LAZY")) {
                            throw ImapException.bad("Unknown PREVIEW modifier " + Arguments.printable(m));
                        }
                    }
                }
                return Item.of(Kind.PREVIEW);
            }
            case "RFC822" -> {
                return new Item(Kind.SECTION, "", "", List.of(), -1, -1, false, "RFC822");
            }
            case "RFC822.HEADER" -> {
                return new Item(Kind.SECTION, "", "HEADER", List.of(), -1, -1, true, "RFC822.HEADER");
            }
            case "RFC822.TEXT" -> {
                return new Item(Kind.SECTION, "", "TEXT", List.of(), -1, -1, false, "RFC822.TEXT");
            }
            case "BINARY", "BINARY.PEEK", "BINARY.SIZE" -> {
                return binary(a, name);
            }
            case "BODY", "BODY.PEEK" -> {
                if (!a.peekIs('[')) {
                    if (name.equals("BODY.PEEK")) {
                        throw ImapException.bad("BODY.PEEK needs a section");
                    }
                    return Item.of(Kind.BODY);
                }
                return section(a, name.equals("BODY.PEEK"));
            }
            default -> throw ImapException.bad("Unknown FETCH item " + Arguments.printable(name));
        }
    }

    /** {@code [section]<origin.length>} after BODY or BODY.PEEK. */
    private static Item section(Arguments a, boolean peek) {
        a.expect('[');
        String part = "";
        String text = "";
        List<String> fields = new ArrayList<>();
        if (!a.peekIs(']')) {
            String spec = a.word().toUpperCase(Locale.ROOT);
            StringBuilder number = new StringBuilder();
            String[] pieces = spec.split("\\.", -1);
            int i = 0;
            while (i < pieces.length && !pieces[i].isEmpty() && pieces[i].chars().allMatch(Character::isDigit)) {
                if (Long.parseLong(pieces[i]) < 1) {
                    throw ImapException.bad("Part numbers start at 1");
                }
                number.append(number.length() > 0 ? "." : "").append(pieces[i]);
                i++;
            }
            part = number.toString();
            text = String.join(".", java.util.Arrays.copyOfRange(pieces, i, pieces.length));
            switch (text) {
                case "", "TEXT", "HEADER" -> {
                }
                case "MIME" -> {
                    if (part.isEmpty()) {
                        throw ImapException.bad("MIME needs a part number");
                    }
                }
                case "HEADER.FIELDS", "HEADER.FIELDS.NOT" -> {
                    a.space();
                    a.expect('(');
                    do {
                        fields.add(a.astring());
                    } while (a.skip(' '));
                    a.expect(')');
                }
                default -> throw ImapException.bad("Unknown section " + Arguments.printable(spec));
            }
        }
        a.expect(']');
        long origin = -1;
        long length = -1;
        if (a.skip('<')) {
            origin = a.number();
            a.expect('.');
            length = a.number();
            if (length < 1) {
                throw ImapException.bad("A partial fetch needs a length of at least 1");
            }
            a.expect('>');
        }
        String spec = part + (part.isEmpty() || text.isEmpty() ? "" : ".") + text
                + (fields.isEmpty() ? "" : " (" + String.join(" ", fields.stream()
                .map(f -> f.toUpperCase(Locale.ROOT)).toList()) + ")");
        return new Item(Kind.SECTION, part, text, fields, origin, length, peek,
                "BODY[" + spec + "]" + (origin >= 0 ? "<" + origin + ">" : ""));
    }

    /** {@code [part]<origin.length>} after BINARY, BINARY.PEEK or BINARY.SIZE (RFC 9051 §6.4.5, RFC 3516). */
    private static Item binary(Arguments a, String name) {
        a.expect('[');
        StringBuilder part = new StringBuilder();
        if (!a.peekIs(']')) {
            for (String piece : a.word().split("\\.", -1)) {
                if (piece.isEmpty() || !piece.chars().allMatch(Character::isDigit) || Long.parseLong(piece) < 1) {
                    throw ImapException.bad("BINARY takes part numbers only");
                }
                part.append(part.length() > 0 ? "." : "").append(piece);
            }
        }
        a.expect(']');
        long origin = -1;
        long length = -1;
        if (!name.equals("BINARY.SIZE") && a.skip('<')) {
            origin = a.number();
            a.expect('.');
            length = a.number();
            a.expect('>');
        }
        boolean size = name.equals("BINARY.SIZE");
        return new Item(size ? Kind.BINARY_SIZE : Kind.BINARY, part.toString(), "", List.of(), origin, length,
                size || name.equals("BINARY.PEEK"), (size ? "BINARY.SIZE[" : "BINARY[") + part + "]"
                + (origin >= 0 ? "<" + origin + ">" : ""));
    }

    private static void write(Response r, Item item, MessageEntry e, MessageSummary summary, MailAccount account,
                              ImapSession session) {
        switch (item.kind()) {
            case FLAGS -> r.raw("FLAGS " + session.selected().flags(e));
            case UID -> r.raw("UID " + e.uid());
            case INTERNALDATE -> r.raw("INTERNALDATE " + ImapDates.format(e.receivedAt()));
            case SIZE -> r.raw("RFC822.SIZE " + e.size());
            case MODSEQ -> r.raw("MODSEQ (" + e.modSeq() + ")");
            case EMAILID -> r.raw("EMAILID (" + e.id() + ")");
            case THREADID -> r.raw("THREADID (" + account.message(e.id()).thread() + ")");
            case PREVIEW -> r.raw("PREVIEW ").nstring(summary.preview().isEmpty() ? null : summary.preview());
            case ENVELOPE -> {
                r.raw("ENVELOPE ");
                Structures.envelope(r, summary.envelope());
            }
            case BODYSTRUCTURE -> {
                r.raw("BODYSTRUCTURE ");
                Structures.body(r, summary.body(), true);
            }
            case BODY -> {
                r.raw("BODY ");
                Structures.body(r, summary.body(), false);
            }
            case SECTION -> {
                r.raw(item.label()).sp();
                Object found = section(item, e, summary, account);
                if (found == null) {
                    r.raw("NIL");
                } else if (found instanceof Range range) {
                    long from = item.origin() < 0 ? 0 : Math.min(item.origin(), range.length());
                    long count = item.origin() < 0 ? range.length() : Math.min(item.length(), range.length() - from);
                    stream(r, session, account, e.id(), range.offset() + from, count);
                } else {
                    byte[] bytes = (byte[]) found;
                    if (item.origin() >= 0) {
                        int from = (int) Math.min(item.origin(), bytes.length);
                        int to = (int) Math.min(bytes.length, from + Math.min(item.length(), Integer.MAX_VALUE));
                        bytes = java.util.Arrays.copyOfRange(bytes, from, to);
                    }
                    r.literal(bytes);
                }
            }
            case BINARY -> {
                r.raw(item.label()).sp();
                byte[] bytes = binary(item, e, summary, account);
                if (bytes == null) {
                    r.raw("NIL");
                    return;
                }
                if (item.origin() >= 0) {
                    int from = (int) Math.min(item.origin(), bytes.length);
                    int to = (int) Math.min(bytes.length, from + Math.min(item.length(), Integer.MAX_VALUE));
                    bytes = java.util.Arrays.copyOfRange(bytes, from, to);
                }
                r.literal8(bytes);
            }
            case BINARY_SIZE -> {
                BodyPart p = item.part().isEmpty() ? null : summary.part(item.part()).orElse(null);
                long n = item.part().isEmpty() ? e.size() : p == null ? -1
                        : p.decodedSize() >= 0 ? p.decodedSize() : binary(item, e, summary, account).length;
                r.raw(item.label()).sp().raw(n < 0 ? "NIL" : Long.toString(n));
            }
            default -> throw new IllegalStateException();
        }
    }

    /** A part's content with its transfer encoding undone; {@code null} when there is no such part. */
    private static byte[] binary(Item item, MessageEntry e, MessageSummary summary, MailAccount account) {
        if (item.part().isEmpty()) {
            return read(account, e.id(), 0, -1);
        }
        BodyPart p = summary.part(item.part()).orElse(null);
        if (p == null) {
            return null;
        }
        byte[] raw = read(account, e.id(), p.bodyStart(), p.size());
        return switch (p.encoding()) {
            case "7bit", "8bit", "binary" -> raw;
            case "base64" -> java.util.Base64.getMimeDecoder().decode(raw);
            case "quoted-printable" -> QuotedPrintable.decode(raw);
            // RFC 3516 §4.3: a transfer encoding the server cannot undo
            default -> throw ImapException.no("UNKNOWN-CTE", "Cannot decode the " + p.encoding() + " encoding");
        };
    }

    /** Where a section's octets lie in the stored message. */
    private record Range(long offset, long length) {
    }

    /**
     * Where a section lies ({@link Range}), its octets when they are not one range (HEADER.FIELDS), or
     * {@code null} when the message has no such part.
     */
    private static Object section(Item item, MessageEntry e, MessageSummary summary, MailAccount account) {
        MessageId id = e.id();
        if (item.part().isEmpty()) {
            return switch (item.text()) {
                case "" -> new Range(0, e.size());
                case "TEXT" -> new Range(summary.headerLength(), summary.size() - summary.headerLength());
                case "HEADER" -> new Range(0, summary.headerLength());
                default -> fields(read(account, id, 0, summary.headerLength()), item);
            };
        }
        BodyPart p = summary.part(item.part()).orElse(null);
        if (p == null) {
            return null;
        }
        switch (item.text()) {
            case "" -> {
                return new Range(p.bodyStart(), p.size());
            }
            case "MIME" -> {
                return new Range(p.headerStart(), p.bodyStart() - p.headerStart());
            }
            default -> {
                if (p.message() == null) {
                    return null;
                }
                BodyPart m = p.message().body();
                return switch (item.text()) {
                    case "TEXT" -> new Range(m.bodyStart(), m.bodyEnd() - m.bodyStart());
                    case "HEADER" -> new Range(m.headerStart(), m.bodyStart() - m.headerStart());
                    default -> fields(read(account, id, m.headerStart(), m.bodyStart() - m.headerStart()), item);
                };
            }
        }
    }

    /**
     * Writes a literal of {@code count} octets of the stored message from {@code offset}, read and sent in
     * chunks so that a large message never sits in memory whole.
     */
    private static void stream(Response r, ImapSession session, MailAccount account, MessageId id, long offset,
                               long count) {
        r.raw("{" + count + "}\r\n");
        session.send(r);
        if (count == 0) {
            return;
        }
        long left = count;
        try (InputStream in = account.open(id, offset, count)) {
            byte[] buffer = new byte[64 * 1024];
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    break;
                }
                session.send(java.util.Arrays.copyOf(buffer, n));
                left -= n;
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        if (left > 0) {
            // the literal's length is promised: a stored message shorter than its record is padded
            session.send(" ".repeat((int) Math.min(left, Integer.MAX_VALUE)).getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static byte[] read(MailAccount account, MessageId id, long offset, long length) {
        if (length == 0) {
            return new byte[0];
        }
        try (InputStream in = account.open(id, offset, length)) {
            return in.readAllBytes();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The header fields named (HEADER.FIELDS) or not named (HEADER.FIELDS.NOT) in a header, as they are
     * written, and the empty line that ends a header (RFC 9051 §6.4.5).
     */
    static byte[] fields(byte[] header, Item item) {
        Set<String> names = new HashSet<>();
        item.fields().forEach(f -> names.add(f.toLowerCase(Locale.ROOT)));
        boolean not = item.text().endsWith(".NOT");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < header.length) {
            int end = i;
            // a field is its first line and the folded lines after it
            do {
                while (end < header.length && header[end] != '\n') {
                    end++;
                }
                end = Math.min(header.length, end + 1);
            } while (end < header.length && (header[end] == ' ' || header[end] == '\t'));
            int colon = i;
            while (colon < end && header[colon] != ':') {
                colon++;
            }
            if (colon < end) {
                String name = new String(header, i, colon - i, StandardCharsets.ISO_8859_1).trim()
                        .toLowerCase(Locale.ROOT);
                if (names.contains(name) != not) {
                    out.write(header, i, end - i);
                }
            }
            i = end;
        }
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }
}
