package dev.hermod.pop3.internal;

import dev.hermod.api.mailbox.MessageEntry;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TRANSACTION state's commands (RFC 1939 §5, §7): STAT, LIST, UIDL, RETR, TOP, DELE, RSET, NOOP over
 * the session's {@link Maildrop}. Messages go out as stored, dot-stuffed by a {@link DotStuffer}; LIST and
 * STAT give the stored sizes.
 */
final class MaildropCommands {

    static final Set<String> NAMES = Set.of("STAT", "LIST", "UIDL", "RETR", "TOP", "DELE", "RSET", "NOOP");

    private static final Logger LOG = LoggerFactory.getLogger(MaildropCommands.class);

    private static final int CHUNK = 64 * 1024;

    private MaildropCommands() {
    }

    /**
     * @param name one of {@link #NAMES}
     * @param args the rest of the line
     * @param session the connection, in TRANSACTION state
     * @return the {@code +OK} line, or {@code null} when the command answered itself
     */
    static String run(String name, String args, Pop3Session session) {
        Maildrop drop = session.maildrop();
        String[] words = args.isBlank() ? new String[0] : args.strip().split(" +");
        return switch (name) {
            case "STAT" -> {
                Pop3Session.noArguments(args);
                yield "+OK " + drop.count() + " " + drop.size();
            }
            case "LIST", "UIDL" -> listing(name, words, drop);
            case "RETR" -> {
                arguments(words, 1, "RETR needs a message number");
                int number = drop.number(words[0]);
                MessageEntry m = drop.get(words[0]);
                send(session, drop, m, "+OK " + m.size() + " octets", -1);
                drop.retrieved(number);
                yield null;
            }
            case "TOP" -> {
                arguments(words, 2, "TOP needs a message number and a number of lines");
                MessageEntry m = drop.get(words[0]);
                long lines;
                try {
                    lines = Long.parseLong(words[1]);
                } catch (NumberFormatException e) {
                    lines = -1;
                }
                if (lines < 0) {
                    throw Pop3Exception.err("Invalid number of lines: " + Pop3Session.printable(words[1]));
                }
                send(session, drop, m, "+OK Top of message follows", lines);
                yield null;
            }
            case "DELE" -> {
                arguments(words, 1, "DELE needs a message number");
                int number = drop.number(words[0]);
                drop.get(words[0]);
                drop.delete(number);
                yield "+OK Message " + number + " deleted";
            }
            case "RSET" -> {
                Pop3Session.noArguments(args);
                drop.reset();
                yield "+OK " + drop.count() + " messages (" + drop.size() + " octets)";
            }
            default -> {
                Pop3Session.noArguments(args);
                yield "+OK";
            }
        };
    }

    private static void arguments(String[] words, int n, String usage) {
        if (words.length != n) {
            throw Pop3Exception.err(usage);
        }
    }

    /** LIST and UIDL: one message's line, or all messages not marked deleted as a multi-line response. */
    private static String listing(String name, String[] words, Maildrop drop) {
        boolean uidl = name.equals("UIDL");
        if (words.length > 1) {
            throw Pop3Exception.err(name + " takes at most a message number");
        }
        if (words.length == 1) {
            int number = drop.number(words[0]);
            MessageEntry m = drop.get(words[0]);
            return "+OK " + number + " " + (uidl ? drop.uid(m) : m.size());
        }
        StringBuilder b = new StringBuilder("+OK ").append(drop.count()).append(" messages (")
                .append(drop.size()).append(" octets)\r\n");
        for (int n = 1; n <= drop.last(); n++) {
            if (!drop.deleted(n)) {
                MessageEntry m = drop.entry(n);
                b.append(n).append(' ').append(uidl ? drop.uid(m) : String.valueOf(m.size())).append("\r\n");
            }
        }
        return b.append('.').toString();
    }

    /**
     * Streams a message as a multi-line response. The message is opened before {@code +OK}, so a message
     * removed meanwhile answers {@code -ERR}; a read failure after it closes the connection, since the
     * response can no longer become an error.
     */
    private static void send(Pop3Session session, Maildrop drop, MessageEntry m, String ok, long bodyLines) {
        try (InputStream in = drop.open(m)) {
            session.send(ok);
            DotStuffer stuffer = new DotStuffer(bodyLines);
            byte[] chunk = new byte[CHUNK];
            int n;
            while (!stuffer.done() && (n = in.read(chunk)) > 0) {
                ByteBuf out = session.buffer(n + n / 8 + 16);
                stuffer.write(chunk, 0, n, out);
                if (!session.write(out)) {
                    return;
                }
            }
            ByteBuf end = session.buffer(8);
            stuffer.finish(end);
            session.write(end);
            session.resume();
        } catch (IOException e) {
            LOG.warn("POP3 could not read message {}", m.id(), e);
            session.close("-ERR [SYS/TEMP] Reading the message failed; try again later");
        }
    }
}
