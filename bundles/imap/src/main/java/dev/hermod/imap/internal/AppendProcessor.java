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
 * refused non-synchronizing one (RFC 7888) is read and dropped first.
 */
final class AppendProcessor implements Processor {

    /** Octets of a literal in flight between the socket and the store. */
    private static final int PIPE_CAPACITY = 256 * 1024;

    /** What APPEND's arguments before the message say. */
    private record Request(String tag, String mailbox, Set<String> keywords, Instant date) {
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
        a.end();
        return new Request(tag, session == null ? mailbox : session.decodeName(mailbox), keywords, date);
    }

    /** Receives the message literal of size {@code size} into the store, then waits for the line's end. */
    void message(List<Object> parts, long size, boolean nonSync, ImapSession session) {
        String tag = ImapSession.tagOf(parts);
        Command command = new Command(tag, "APPEND", false, null);
        Mailbox target;
        Request request;
        try {
            request = parse(parts, session);
            long max = session.listener().maxMessage();
            if (max > 0 && size > max) {
                throw ImapException.no("TOOBIG", "Message larger than the limit of " + max + " octets");
            }
            target = new MailboxTree(session.account()).find(MailboxTree.canonical(request.mailbox()))
                    .orElseThrow(() -> ImapException.no("TRYCREATE", "No such mailbox; create it first"));
        } catch (RuntimeException e) {
            if (nonSync) {
                session.onEventLoop(() -> session.input().skipLiteral(size));
                session.expectContinuation(rest -> {
                    session.fail(tag, e, true);
                    session.resume();
                });
            } else {
                session.fail(tag, e, true);
            }
            session.resume();
            return;
        }
        if (!nonSync) {
            session.send("+ Ready for literal data");
        }
        session.flush();
        LiteralPipe pipe = new LiteralPipe(PIPE_CAPACITY, () -> session.onEventLoop(session.input()::drained));
        session.onEventLoop(() -> {
            session.input().streamLiteral(size, pipe);
            session.input().resume();
        });
        Appended appended = null;
        RuntimeException failure = null;
        try {
            appended = session.account().append(target.id(), pipe, request.keywords(), request.date());
        } catch (IOException e) {
            failure = ImapException.no(null, "The message did not arrive whole");
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            // whatever the store left unread still arrives and must be consumed
            pipe.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            return;
        }
        Appended done = appended;
        RuntimeException failed = failure;
        session.expectContinuation(rest -> {
            if (!rest.isEmpty()) {
                session.fail(tag, ImapException.bad(done == null ? "Unexpected text after the message"
                        : "Only one message per APPEND (the first one was added)"), true);
                session.resume();
            } else if (failed != null) {
                session.fail(tag, failed, true);
                session.resume();
            } else {
                session.complete(command, "[APPENDUID " + done.uidValidity() + " " + done.uid() + "] APPEND completed");
            }
        });
    }
}
