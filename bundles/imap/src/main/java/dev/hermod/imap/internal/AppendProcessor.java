package dev.hermod.imap.internal;

import dev.hermod.api.mailbox.Appended;
import dev.hermod.api.mailbox.Keywords;
import dev.hermod.api.mailbox.Mailbox;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * APPEND (RFC 9051 §6.3.12, UIDPLUS's APPENDUID of RFC 4315). The message literal is not collected: once
 * the session sees a line ending in {@code {n}} or {@code {n+}} after APPEND's mailbox, flags and date,
 * {@link #message} checks the mailbox and size, then streams the literal through a {@link LiteralPipe}
 * straight into {@code MailAccount.append} while it arrives, and answers when the command line ends.
 * A refused synchronizing literal is answered at once, before the client sends it (TRYCREATE, TOOBIG); a
 * refused non-synchronizing one (RFC 7888) is read and dropped first. Several messages in one command
 * (MULTIAPPEND, RFC 3502) are added one by one and removed again if a later one fails, so the command
 * adds all of them or none (another session may see them for that moment). A message may come as
 * {@code UTF8 (~{n}...)} (RFC 6855 §4), with 8-bit header fields; it is stored as it is.
 */
final class AppendProcessor implements Processor {

    /** Octets of a literal in flight between the socket and the store. */
    private static final int PIPE_CAPACITY = 256 * 1024;

    /** A line ending in RFC 6855's {@code UTF8 (~{n}}: the message's closing parenthesis follows it. */
    private static final java.util.regex.Pattern UTF8_LITERAL =
            java.util.regex.Pattern.compile("(?is).*\\bUTF8 \\(~?\\{\\d+\\+?\\}$");

    /** What APPEND's arguments before the message say. */
    private record Request(String tag, String mailbox, Set<String> keywords, Instant date, boolean utf8) {
    }

    @Override
    public Set<String> commands() {
        return Set.of("APPEND");
    }

    @Override
    public boolean allowed(String name, SessionState state) {
        return state == SessionState.AUTHENTICATED || state == SessionState.SELECTED;
    }

    @Override
    public String process(Command c, ImapSession session) {
        // the message literal always goes through message(); a complete line here lacks it
        c.args().astring();
        throw ImapException.bad("APPEND needs a message literal");
    }

    /** Whether the literal announced at the end of {@code parts} is APPEND's message. */
    static boolean isMessageLiteral(List<Object> parts, SessionState state) {
        if (state != SessionState.AUTHENTICATED && state != SessionState.SELECTED) {
            return false;
        }
        try {
            return parse(parts, null) != null;
        } catch (ImapException e) {
            return false;
        }
    }

    private static Request parse(List<Object> parts, ImapSession session) {
        List<Object> head = new ArrayList<>(parts);
        String last = (String) head.get(head.size() - 1);
        String before = last.substring(0, last.lastIndexOf('{'));
        head.set(head.size() - 1, before.endsWith("~") ? before.substring(0, before.length() - 1) : before);
        Arguments a = new Arguments(head);
        String tag = a.atom("]");
        a.space();
        if (!a.atom().equalsIgnoreCase("APPEND")) {
            return null;
        }
        a.space();
        String mailbox = a.astring();
        a.space();
        Set<String> keywords = new HashSet<>();
        Instant date = null;
        if (a.peekIs('(')) {
            for (String flag : a.atomList(false)) {
                if (flag.equalsIgnoreCase("\\Recent")) {
                    continue;
                }
                try {
                    keywords.add(Keywords.fromImap(flag));
                } catch (IllegalArgumentException e) {
                    throw ImapException.bad("Invalid flag " + Arguments.printable(flag));
                }
            }
            a.space();
        }
        if (a.peekIs('"')) {
            date = ImapDates.parseDateTime(a.string());
            a.space();
        }
        // RFC 6855 §4: append-data =/ "UTF8" SP "(" literal8 ")"
        boolean utf8 = false;
        if (!a.atEnd()) {
            if (!a.atom().equalsIgnoreCase("UTF8")) {
                throw ImapException.bad("Expected a message literal or UTF8 (literal8)");
            }
            a.space();
            a.expect('(');
            utf8 = true;
        }
        a.end();
        return new Request(tag, session == null ? mailbox : session.decodeName(mailbox), keywords, date, utf8);
    }

    /** The messages of one APPEND so far (MULTIAPPEND, RFC 3502). */
    private static final class Batch {
        final String tag;
        final Mailbox target;
        final List<Appended> done = new ArrayList<>();
        RuntimeException failure;

        Batch(String tag, Mailbox target) {
            this.tag = tag;
            this.target = target;
        }
    }

    /** Receives the first message literal of size {@code size} into the store. */
    void message(List<Object> parts, long size, boolean nonSync, ImapSession session) {
        String tag = ImapSession.tagOf(parts);
        Request request;
        Mailbox target;
        try {
            request = parse(parts, session);
            target = new MailboxTree(session.account()).find(MailboxTree.canonical(request.mailbox()))
                    .orElseThrow(() -> ImapException.no("TRYCREATE", "No such mailbox; create it first"));
        } catch (RuntimeException e) {
            Batch failed = new Batch(tag, null);
            refuse(session, failed, e, UTF8_LITERAL.matcher(String.valueOf(parts.get(parts.size() - 1))).matches(),
                    size, nonSync);
            return;
        }
        receive(session, new Batch(tag, target), request.keywords(), request.date(), request.utf8(), size, nonSync);
    }

    /** Streams one message literal into the store, then waits for what follows it on the line. */
    private static void receive(ImapSession session, Batch batch, Set<String> keywords, Instant date, boolean utf8,
                                long size, boolean nonSync) {
        long max = session.listener().maxMessage();
        if (max > 0 && size > max) {
            refuse(session, batch, ImapException.no("TOOBIG", "Message larger than the limit of " + max + " octets"),
                    utf8, size, nonSync);
            return;
        }
        LiteralPipe pipe = new LiteralPipe(PIPE_CAPACITY, () -> session.onEventLoop(session.input()::drained));
        // The store reads the literal as the client sends it, on an upload thread: a slow client holds that
        // thread, never one of the workers every session shares.
        java.util.concurrent.CompletableFuture<Void> stored = new java.util.concurrent.CompletableFuture<>();
        try {
            session.listener().uploads().execute(() -> {
                try {
                    batch.done.add(session.account().append(batch.target.id(), pipe, keywords, date));
                } catch (IOException e) {
                    batch.failure = ImapException.no(null, "The message did not arrive whole");
                } catch (RuntimeException e) {
                    batch.failure = e;
                }
                try {
                    // whatever the store left unread still arrives and must be consumed
                    pipe.transferTo(OutputStream.nullOutputStream());
                } catch (IOException e) {
                    // the connection is gone
                }
            }, () -> stored.complete(null));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            refuse(session, batch, ImapException.no("UNAVAILABLE", "Too many uploads in progress; try again soon"),
                    utf8, size, nonSync);
            return;
        }
        if (!nonSync) {
            session.send("+ Ready for literal data");
        }
        session.flush();
        session.onEventLoop(() -> {
            session.input().streamLiteral(size, pipe);
            session.input().resume();
        });
        // the rest of the line comes after the literal; by then the store is finishing or done
        session.expectContinuation(rest -> {
            stored.join();
            tail(session, batch, rest, utf8);
        });
    }

    /** After a message: the end of the command, or another message (RFC 3502: SP [flags SP] [date SP] literal). */
    private static void tail(ImapSession session, Batch batch, String rest, boolean utf8) {
        if (utf8) {
            if (!rest.startsWith(")")) {
                if (batch.failure == null) {
                    batch.failure = ImapException.bad("Expected ) after the UTF8 message literal");
                }
                finish(session, batch);
                return;
            }
            rest = rest.substring(1);
        }
        if (rest.isEmpty()) {
            finish(session, batch);
            return;
        }
        java.util.regex.Matcher m = ImapSession.LITERAL.matcher(rest);
        if (!rest.startsWith(" ") || !m.find()) {
            if (batch.failure == null) {
                batch.failure = ImapException.bad("Unexpected text after the message");
            }
            finish(session, batch);
            return;
        }
        long size;
        try {
            size = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            size = Long.MAX_VALUE;
        }
        boolean nonSync = !m.group(2).isEmpty();
        boolean nextUtf8 = UTF8_LITERAL.matcher(rest).matches();
        if (batch.failure != null) {
            refuse(session, batch, batch.failure, nextUtf8, size, nonSync);
            return;
        }
        Request next;
        try {
            List<Object> parts = new ArrayList<>();
            parts.add("t APPEND x" + rest);
            next = parse(parts, null);
        } catch (RuntimeException e) {
            refuse(session, batch, e, nextUtf8, size, nonSync);
            return;
        }
        receive(session, batch, next.keywords(), next.date(), next.utf8(), size, nonSync);
    }

    /**
     * Refuses a message: a synchronizing literal is never sent, so the command ends now; a
     * non-synchronizing one is read and dropped, and the command ends with the line.
     */
    private static void refuse(ImapSession session, Batch batch, RuntimeException e, boolean utf8, long size,
                               boolean nonSync) {
        if (batch.failure == null) {
            batch.failure = e;
        }
        if (!nonSync) {
            finish(session, batch);
            return;
        }
        session.onEventLoop(() -> session.input().skipLiteral(size));
        session.expectContinuation(rest -> tail(session, batch, rest, utf8));
        session.resume();
    }

    /** Ends the command: APPENDUID for every message, or NO with the messages already added removed again. */
    private static void finish(ImapSession session, Batch batch) {
        if (batch.failure != null) {
            if (!batch.done.isEmpty()) {
                // RFC 3502 §6.3.11: all or nothing
                session.account().destroy(batch.done.stream().map(Appended::id).toList());
            }
            session.fail(batch.tag, batch.failure, true);
            session.resume();
            return;
        }
        List<Long> uids = batch.done.stream().map(Appended::uid).toList();
        session.complete(new Command(batch.tag, "APPEND", false, null), "[APPENDUID "
                + batch.done.get(0).uidValidity() + " " + SequenceSet.format(uids) + "] APPEND completed");
    }
}
