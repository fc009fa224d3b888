package dev.hermod.imap.internal;

import io.netty.channel.ChannelFutureListener;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * CAPABILITY, NOOP, LOGOUT and ID (RFC 2971), valid in every state (RFC 9051 §6.1), and UNAUTHENTICATE
 * (RFC 8437).
 */
final class AnyStateProcessor implements Processor {

    @Override
    public Set<String> commands() {
        return Set.of("CAPABILITY", "NOOP", "LOGOUT", "ID", "UNAUTHENTICATE");
    }

    @Override
    public boolean allowed(String name, SessionState state) {
        return name.equals("UNAUTHENTICATE") ? state == SessionState.AUTHENTICATED || state == SessionState.SELECTED
                : state != SessionState.LOGOUT;
    }

    @Override
    public String process(Command c, ImapSession session) {
        switch (c.name()) {
            case "CAPABILITY" -> {
                c.args().end();
                session.send("* CAPABILITY " + session.capabilities());
                return "CAPABILITY completed";
            }
            case "NOOP" -> {
                c.args().end();
                return "NOOP completed";
            }
            case "UNAUTHENTICATE" -> {
                c.args().end();
                session.unauthenticate();
                return "UNAUTHENTICATE completed";
            }
            case "ID" -> {
                // RFC 2971: the client's list is read and not kept
                if (!c.args().skip('(')) {
                    c.args().nstring();
                } else {
                    while (!c.args().skip(')')) {
                        c.args().skip(' ');
                        c.args().nstring();
                    }
                }
                c.args().end();
                session.send("* ID (\"name\" \"Hermod\" \"vendor\" \"Hermod\")");
                return "ID completed";
            }
            default -> {
                c.args().end();
                session.logout();
                session.send("* BYE Hermod IMAP logging out");
                session.context().writeAndFlush(Unpooled.wrappedBuffer((c.tag() + " OK LOGOUT completed\r\n")
                        .getBytes(StandardCharsets.UTF_8))).addListener(ChannelFutureListener.CLOSE);
                return null;
            }
        }
    }
}
