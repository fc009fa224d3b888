package dev.hermod.outbound.internal;

import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.SmtpReply;
import dev.hermod.api.outbound.OutboundMessage;
import dev.hermod.api.outbound.TransportResult.Outcome;
import dev.hermod.api.outbound.TransportResult.Status;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One mail transaction on an open session (RFC 5321 §3.3): {@code MAIL}, one {@code RCPT} per recipient,
 * {@code DATA} and the content, pipelined when the server offers PIPELINING (RFC 2920 §3.1: the whole group up
 * to {@code DATA} in one write). Each recipient's outcome comes from its {@code RCPT} reply when that refused it,
 * else from the reply after the content (or to {@code DATA}) — that one reply applies to every accepted
 * recipient.
 *
 * <p>Checked before anything is sent, each a permanent failure of every recipient: an SMTPUTF8 message to a
 * server without SMTPUTF8 ({@code 553 5.6.7}, RFC 6531 §3.4), 8-bit content to a server without 8BITMIME
 * ({@code 554 5.6.3}: this transport does not convert to 7 bit), a message larger than the server's SIZE
 * ({@code 552 5.3.4}, RFC 1870 §6).
 */
final class Transaction {

    /**
     * What the transaction came to.
     *
     * @param outcomes one per recipient of the message, in its order
     * @param reusable whether the session is in a state to carry another transaction (after RSET)
     */
    record Result(List<Outcome> outcomes, boolean reusable) {
    }

    private final SmtpSession session;
    private final OutboundMessage message;
    private final String remote;

    private Transaction(SmtpSession session, OutboundMessage message) {
        this.session = session;
        this.message = message;
        this.remote = session.connection().destination().toString();
    }

    /**
     * Runs one transaction.
     *
     * @param session an open session, reset if it ran a transaction before
     * @param message the message
     * @return the outcomes
     * @throws HostFailure if the connection failed before the server answered {@code MAIL}: another host may be
     *                     tried
     */
    static Result run(SmtpSession session, OutboundMessage message) throws HostFailure {
        return new Transaction(session, message).run();
    }

    private Result run() throws HostFailure {
        Capabilities caps = session.capabilities();
        String host = session.connection().destination().toString();
        if (needsSmtpUtf8() && !caps.has("SMTPUTF8")) {
            return all(new SmtpReply(553, "5.6.7", host + " does not support SMTPUTF8, which the envelope or header"
                    + " of this message needs (RFC 6531 §3.4); it cannot be delivered there"), true);
        }
        if (message.eightBit() && !caps.has("8BITMIME")) {
            return all(new SmtpReply(554, "5.6.3", "The message has 8-bit content and " + host + " does not support"
                    + " 8BITMIME; conversion to 7 bit is not done, so it cannot be delivered there"), true);
        }
        if (caps.maxSize() > 0 && message.size() > caps.maxSize()) {
            return all(new SmtpReply(552, "5.3.4", "The message of " + message.size() + " octets is larger than the "
                    + caps.maxSize() + " octets " + host + " accepts"), true);
        }
        session.countTransaction();
        SmtpConnection c = session.connection();
        Timeouts t = session.timeouts();
        List<Address> recipients = message.recipients();
        Reply[] rcpt = new Reply[recipients.size()];
        Reply mail = null;
        Reply data = null;
        try {
            if (caps.has("PIPELINING")) {
                c.write(mailCommand(caps));
                for (Address r : recipients) {
                    c.write("RCPT TO:<" + r + ">");
                }
                c.write("DATA");
                c.flush();
                mail = c.read(t.command());
                for (int i = 0; i < rcpt.length; i++) {
                    rcpt[i] = c.read(t.command());
                }
                data = c.read(t.command());
            } else {
                c.write(mailCommand(caps));
                c.flush();
                mail = c.read(t.command());
                if (mail.isPositiveCompletion()) {
                    for (int i = 0; i < rcpt.length; i++) {
                        c.write("RCPT TO:<" + recipients.get(i) + ">");
                        c.flush();
                        rcpt[i] = c.read(t.command());
                    }
                    if (accepted(rcpt) > 0) {
                        c.write("DATA");
                        c.flush();
                        data = c.read(t.command());
                    }
                }
            }
        } catch (IOException e) {
            c.close();
            if (mail == null) {
                throw HostFailure.temporary("4.4.2", "Connection to " + host + " lost before MAIL was answered: "
                        + e.getMessage(), e);
            }
            return lost(rcpt, e);
        }
        if (!mail.isPositiveCompletion()) {
            endEmptyData(data);
            return all(failure(mail), mail.code() != 421);
        }
        if (accepted(rcpt) == 0 || data == null || data.code() != 354) {
            endEmptyData(data);
            SmtpReply dataFailure = data == null || data.code() == 354 ? null : failure(data);
            List<Outcome> out = new ArrayList<>();
            for (int i = 0; i < rcpt.length; i++) {
                out.add(rcpt[i].isPositiveCompletion()
                        ? outcome(recipients.get(i), dataFailure == null ? failure(rcpt[i]) : dataFailure)
                        : outcome(recipients.get(i), failure(rcpt[i])));
            }
            return new Result(out, !closes(mail, data, rcpt));
        }
        Reply end;
        try {
            DotStuffingOutputStream content = new DotStuffingOutputStream(c.output());
            if (!copy(content)) {
                // The queued message could not be read: the transaction must not end with the final dot, which
                // would deliver a truncated message, so the connection is dropped instead.
                c.close();
                return lost(rcpt, new IOException("cannot read the queued message " + message.id()));
            }
            content.finish();
            end = c.read(t.dataEnd());
        } catch (IOException e) {
            c.close();
            return lost(rcpt, e);
        }
        List<Outcome> out = new ArrayList<>();
        for (int i = 0; i < rcpt.length; i++) {
            Address r = recipients.get(i);
            if (!rcpt[i].isPositiveCompletion()) {
                out.add(outcome(r, failure(rcpt[i])));
            } else if (end.isPositiveCompletion()) {
                out.add(new Outcome(r, Status.DELIVERED, end.smtpReply(), remote));
            } else {
                out.add(outcome(r, failure(end)));
            }
        }
        return new Result(out, end.code() != 421 && !closes(mail, data, rcpt));
    }

    /**
     * Copies the message into the DATA stream.
     *
     * @return {@code false} if reading the message failed
     * @throws IOException if writing to the server failed
     */
    private boolean copy(DotStuffingOutputStream content) throws IOException {
        InputStream in;
        try {
            in = message.content().open();
        } catch (IOException e) {
            return false;
        }
        try {
            byte[] buffer = new byte[16384];
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (IOException e) {
                    return false;
                }
                if (n < 0) {
                    return true;
                }
                content.write(buffer, 0, n);
            }
        } finally {
            try {
                in.close();
            } catch (IOException ignored) {
                // read to its end already
            }
        }
    }

    /** {@code MAIL FROM:<path>} with the ESMTP parameters the server supports and the message needs. */
    private String mailCommand(Capabilities caps) {
        StringBuilder cmd = new StringBuilder("MAIL FROM:").append(message.from());
        if (caps.has("SIZE")) {
            cmd.append(" SIZE=").append(message.size());
        }
        if (message.eightBit() && caps.has("8BITMIME")) {
            cmd.append(" BODY=8BITMIME");
        }
        if (needsSmtpUtf8()) {
            cmd.append(" SMTPUTF8");
        }
        if (caps.has("DSN")) {
            // RFC 3461 §4.3 and §4.4: passed on as received, ENVID still in xtext.
            for (Map.Entry<String, String> p : message.mailParameters().entrySet()) {
                String name = p.getKey().toUpperCase(Locale.ROOT);
                if ((name.equals("RET") || name.equals("ENVID")) && p.getValue() != null && !p.getValue().isEmpty()
                        && p.getValue().chars().allMatch(ch -> ch > 32 && ch < 127)) {
                    cmd.append(' ').append(name).append('=').append(p.getValue());
                }
            }
        }
        return cmd.toString();
    }

    private boolean needsSmtpUtf8() {
        return message.smtpUtf8() || message.from().mailbox().map(Address::requiresSmtpUtf8).orElse(false)
                || message.recipients().stream().anyMatch(Address::requiresSmtpUtf8);
    }

    /** After a pipelined DATA that was accepted although no recipient was, an empty message ends it (RFC 2920 §3.1). */
    private void endEmptyData(Reply data) {
        if (data != null && data.code() == 354) {
            try {
                SmtpConnection c = session.connection();
                c.write(".");
                c.flush();
                c.read(session.timeouts().dataEnd());
            } catch (IOException e) {
                session.connection().close();
            }
        }
    }

    private static int accepted(Reply[] rcpt) {
        int n = 0;
        for (Reply r : rcpt) {
            if (r != null && r.isPositiveCompletion()) {
                n++;
            }
        }
        return n;
    }

    private static boolean closes(Reply mail, Reply data, Reply[] rcpt) {
        if (mail.code() == 421 || data != null && data.code() == 421) {
            return true;
        }
        for (Reply r : rcpt) {
            if (r != null && r.code() == 421) {
                return true;
            }
        }
        return false;
    }

    /** A reply that did not accept: 5xx stays permanent, anything else not 2xx is temporary. */
    private static SmtpReply failure(Reply reply) {
        SmtpReply r = reply.smtpReply();
        if (r.isPermanent() || r.isTransient()) {
            return r;
        }
        return new SmtpReply(451, "4.5.0", HostFailure.oneLine("Unexpected reply: " + r));
    }

    private Outcome outcome(Address recipient, SmtpReply reply) {
        return new Outcome(recipient, reply.isPermanent() ? Status.PERMANENT_FAILURE : Status.TEMPORARY_FAILURE, reply,
                remote);
    }

    private Result all(SmtpReply reply, boolean reusable) {
        return new Result(message.recipients().stream().map(r -> outcome(r, reply)).toList(), reusable);
    }

    /** The connection broke mid-transaction: recipients refused already keep their reply, the others retry. */
    private Result lost(Reply[] rcpt, IOException e) {
        SmtpReply lost = new SmtpReply(451, "4.4.2", HostFailure.oneLine("Connection to " + remote
                + " lost during the transaction: " + e.getMessage()));
        List<Outcome> out = new ArrayList<>();
        for (int i = 0; i < rcpt.length; i++) {
            Reply r = rcpt[i];
            out.add(outcome(message.recipients().get(i), r != null && !r.isPositiveCompletion() ? failure(r) : lost));
        }
        return new Result(out, false);
    }
}
