package dev.hermod.smtp.internal;

import dev.hermod.api.auth.AuthStep;
import dev.hermod.api.auth.ClientInfo;
import dev.hermod.api.auth.SaslExchange;
import dev.hermod.api.delivery.DeliveryReport;
import dev.hermod.api.delivery.RecipientCheck;
import dev.hermod.api.filter.SessionInfo;
import dev.hermod.api.filter.Verdict;
import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.Envelope;
import dev.hermod.api.mail.ReversePath;
import dev.hermod.api.mail.SmtpReply;
import dev.hermod.api.mail.TemporaryFailureException;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMTP, submission or LMTP session (RFC 5321, RFC 6409, RFC 2033): the command state machine. Runs on
 * the channel's event loop; directory, authentication and delivery calls go to the listener's executor and
 * their replies come back to the event loop before the next command is read.
 */
final class SmtpSession extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpSession.class);

    private final Listener listener;
    private final SmtpInput input;
    private ChannelHandlerContext ctx;
    private String helo;
    private boolean esmtp;
    private String user;
    private ReversePath from;
    private MailParameters params;
    private final List<Address> recipients = new ArrayList<>();
    /** Recipients in other domains, accepted from authenticated clients for the outbound queue. */
    private final List<Address> remoteRecipients = new ArrayList<>();
    /** Recipients a RCPT filter discarded: accepted in the dialogue, never delivered. */
    private int discardedRecipients;
    private MessageSpool spoolOut;
    private long chunked;
    private boolean chunkFailed;
    private SaslExchange sasl;
    private int errors;
    private final String sessionId = Long.toHexString(RANDOM.nextLong() & 0xffffffffffffL);
    private List<Address> userAddresses = List.of();
    /** Filter verdicts for every transaction of the session (CONNECT, EHLO) and for the current one. */
    private final List<Verdict> sessionVerdicts = new ArrayList<>();
    private final List<Verdict> transactionVerdicts = new ArrayList<>();

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    SmtpSession(Listener listener, SmtpInput input) {
        this.listener = listener;
        this.input = input;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        input.hold();
        if (!listener.implicitTls()) {
            connectStage();
        }
        ctx.fireChannelActive();
    }

    /** The CONNECT filters decide whether the client is greeted (RFC 5321 §3.1: or refused with 554). */
    private void connectStage() {
        SessionInfo info = sessionInfo();
        listener.executor().execute(() -> {
            Verdict v = filter(() -> listener.filters().connect(info));
            ctx.executor().execute(() -> {
                SmtpReply refusal = refusal(v);
                if (refusal != null) {
                    LOG.info("Session {} from {} refused at connect: {}", sessionId, clientIp(), refusal);
                    close(new SmtpReply(refusal.isTransient() ? 421 : 554, refusal.enhancedStatus(),
                            refusal.text()));
                    return;
                }
                keep(sessionVerdicts, v);
                greet();
                next();
            });
        });
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            close(new SmtpReply(421, "4.4.2", listener.hostname() + " Idle timeout, closing connection"));
        } else if (evt instanceof io.netty.handler.ssl.SslHandshakeCompletionEvent e && listener.implicitTls()) {
            if (e.isSuccess()) {
                connectStage();
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    private void greet() {
        String kind = listener.lmtp() ? "LMTP" : "ESMTP";
        write(line(new SmtpReply(220, null, listener.hostname() + " " + kind + " Hermod ready")));
        ctx.flush();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        resetTransaction();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("SMTP session from {} failed", ctx.channel().remoteAddress(), cause);
        resetTransaction();
        ctx.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof SmtpInput.Line l) {
            if (sasl != null) {
                authResponse(l.text());
            } else {
                command(l.text());
            }
        } else if (msg instanceof SmtpInput.LineTooLong) {
            error(new SmtpReply(500, "5.5.2", "Line too long (at most " + listener.maxLine() + " octets with CRLF)"));
        } else if (msg instanceof SmtpInput.BodyEnd end) {
            bodyEnd(end);
        }
    }

    // --- commands ---

    private void command(String text) {
        String[] words = text.split(" ", -1);
        String verb = words[0].toUpperCase(Locale.ROOT);
        String arg = text.length() > verb.length() ? text.substring(verb.length() + 1) : "";
        switch (verb) {
            case "EHLO", "HELO", "LHLO" -> hello(verb, arg);
            case "MAIL" -> mail(arg);
            case "RCPT" -> rcpt(arg);
            case "DATA" -> data();
            case "BDAT" -> bdat(arg);
            case "RSET" -> {
                resetTransaction();
                reply(new SmtpReply(250, "2.0.0", "Reset"));
            }
            case "NOOP" -> reply(new SmtpReply(250, "2.0.0", "OK"));
            case "QUIT" -> close(new SmtpReply(221, "2.0.0", listener.hostname() + " Bye"));
            case "VRFY" -> vrfy(arg);
            case "EXPN" -> expn(arg);
            case "HELP" -> reply(new SmtpReply(214, "2.0.0", "See RFC 5321; commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP QUIT"
                    + (listener.tls() != null ? " STARTTLS" : "") + (listener.auth() ? " AUTH" : "")));
            case "STARTTLS" -> startTls();
            case "AUTH" -> auth(arg);
            default -> error(new SmtpReply(500, "5.5.1", "Command unrecognized"));
        }
    }

    private void hello(String verb, String arg) {
        if (listener.lmtp() != verb.equals("LHLO")) {
            error(new SmtpReply(500, "5.5.1", listener.lmtp() ? "Use LHLO with LMTP" : "Use EHLO or HELO"));
            return;
        }
        if (arg.isBlank()) {
            error(new SmtpReply(501, "5.5.4", "Syntax: " + verb + " hostname"));
            return;
        }
        resetTransaction();
        String name = arg.trim();
        SessionInfo info = sessionInfo().withHelo(name);
        listener.executor().execute(() -> {
            Verdict v = filter(() -> listener.filters().ehlo(info, name));
            ctx.executor().execute(() -> {
                SmtpReply refusal = refusal(v);
                if (refusal != null) {
                    respond(refusal);
                    return;
                }
                keep(sessionVerdicts, v);
                helo = name;
                esmtp = !verb.equals("HELO");
                greeted();
            });
        });
    }

    private void greeted() {
        if (!esmtp) {
            reply(new SmtpReply(250, null, listener.hostname()));
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add(listener.hostname() + " Hello " + sanitize(helo));
        lines.add("PIPELINING");
        if (listener.maxSize() > 0) {
            lines.add("SIZE " + listener.maxSize());
        } else {
            lines.add("SIZE");
        }
        lines.add("8BITMIME");
        lines.add("SMTPUTF8");
        lines.add("ENHANCEDSTATUSCODES");
        lines.add("CHUNKING");
        lines.add("DSN");
        if (listener.tls() != null && !tls()) {
            lines.add("STARTTLS");
        }
        if (listener.auth() && user == null) {
            List<String> mechanisms = listener.authenticator().mechanisms(clientInfo());
            if (!mechanisms.isEmpty()) {
                lines.add("AUTH " + String.join(" ", mechanisms));
            }
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            b.append("250").append(i == lines.size() - 1 ? ' ' : '-').append(lines.get(i)).append("\r\n");
        }
        write(b.toString());
        next();
    }

    private void mail(String arg) {
        if (helo == null) {
            error(new SmtpReply(503, "5.5.1", "Send " + (listener.lmtp() ? "LHLO" : "EHLO") + " first"));
            return;
        }
        if (from != null) {
            error(new SmtpReply(503, "5.5.1", "Nested MAIL command"));
            return;
        }
        if (listener.submission() && user == null) {
            error(new SmtpReply(530, "5.7.0", "Authentication required"));
            return;
        }
        if (!arg.regionMatches(true, 0, "FROM:", 0, 5)) {
            error(new SmtpReply(501, "5.5.2", "Syntax: MAIL FROM:<address>"));
            return;
        }
        String[] words = arg.substring(5).trim().split(" ");
        try {
            ReversePath path = ReversePath.parse(words[0]);
            MailParameters p = MailParameters.parse(words, 1);
            if (!esmtp && (p.size() > 0 || p.eightBit() || p.smtpUtf8())) {
                throw new IllegalArgumentException("Parameters need EHLO");
            }
            if (listener.maxSize() > 0 && p.size() > listener.maxSize()) {
                reply(new SmtpReply(552, "5.3.4", "Message size exceeds the limit of " + listener.maxSize() + " octets"));
                return;
            }
            if (path.mailbox().map(Address::requiresSmtpUtf8).orElse(false) && !p.smtpUtf8()) {
                // RFC 6531 §3.5: X.6.7, non-ASCII addresses not permitted without SMTPUTF8
                error(new SmtpReply(553, "5.6.7", "Non-ASCII address needs the SMTPUTF8 parameter"));
                return;
            }
            if (user != null && listener.senderCheck() && path.mailbox().isPresent()
                    && !owns(path.mailbox().get())) {
                error(new SmtpReply(553, "5.7.1", "Sender address <" + path.mailbox().get()
                        + "> is not owned by " + user));
                return;
            }
            SessionInfo info = sessionInfo();
            listener.executor().execute(() -> {
                Verdict v = filter(() -> listener.filters().mail(info, path));
                ctx.executor().execute(() -> {
                    SmtpReply refusal = refusal(v);
                    if (refusal != null) {
                        respond(refusal);
                        return;
                    }
                    keep(transactionVerdicts, v);
                    from = path;
                    params = p;
                    reply(new SmtpReply(250, "2.1.0", "Sender ok"));
                });
            });
        } catch (IllegalArgumentException e) {
            error(new SmtpReply(501, "5.5.4", sanitize(e.getMessage())));
        }
    }

    private void rcpt(String arg) {
        if (from == null) {
            error(new SmtpReply(503, "5.5.1", "Need MAIL before RCPT"));
            return;
        }
        if (!arg.regionMatches(true, 0, "TO:", 0, 3)) {
            error(new SmtpReply(501, "5.5.2", "Syntax: RCPT TO:<address>"));
            return;
        }
        if (recipients.size() + remoteRecipients.size() >= listener.maxRecipients()) {
            reply(new SmtpReply(452, "4.5.3", "Too many recipients"));
            return;
        }
        Address rcpt;
        try {
            String[] words = arg.substring(3).trim().split(" ");
            String path = words[0];
            if (path.equalsIgnoreCase("<postmaster>")) {
                path = "<postmaster@" + listener.hostname() + ">";
            }
            rcpt = Address.parsePath(path);
            RcptParameters.parse(words, 1, esmtp);
            if (rcpt.requiresSmtpUtf8() && !params.smtpUtf8()) {
                error(new SmtpReply(553, "5.6.7", "Non-ASCII address needs SMTPUTF8 in MAIL FROM"));
                return;
            }
        } catch (IllegalArgumentException e) {
            error(new SmtpReply(501, "5.1.3", sanitize(e.getMessage())));
            return;
        }
        long size = params.size();
        boolean authenticated = user != null;
        SessionInfo info = sessionInfo();
        java.util.concurrent.atomic.AtomicReference<Verdict> kept = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean remote = new java.util.concurrent.atomic.AtomicBoolean();
        blocking(() -> {
            RecipientCheck check = listener.delivery().check(rcpt, size);
            SmtpReply r = switch (check.outcome()) {
                case LOCAL -> check.reply();
                case NOT_LOCAL_DOMAIN -> {
                    if (!authenticated || listener.lmtp()) {
                        yield new SmtpReply(550, "5.7.1", "Relaying denied");
                    }
                    if (listener.outbound().queue == null) {
                        yield new SmtpReply(451, "4.3.0", "Outbound delivery is not running, try again later");
                    }
                    remote.set(true);
                    yield new SmtpReply(250, "2.1.5", "Recipient ok (relayed)");
                }
                default -> check.reply();
            };
            if (r.code() >= 300) {
                return r;
            }
            Verdict v = filter(() -> listener.filters().rcpt(info, rcpt));
            SmtpReply refusal = refusal(v);
            if (refusal != null) {
                return refusal;
            }
            kept.set(v);
            return r;
        }, "4.4.3", () -> {
            if (Verdicts.discards(kept.get())) {
                // A filter dropped this recipient's copy: the client is told it was accepted (Verdict.Discard).
                discardedRecipients++;
                return;
            }
            (remote.get() ? remoteRecipients : recipients).add(rcpt);
            keep(transactionVerdicts, kept.get());
        });
    }

    private void data() {
        if (!checkBodyAllowed()) {
            return;
        }
        if (!openSpool()) {
            return;
        }
        input.startData(spoolOut, listener.maxSize());
        write(line(new SmtpReply(354, null, "End data with <CR><LF>.<CR><LF>")));
        ctx.flush();
        next();
    }

    private void bdat(String arg) {
        String[] words = arg.trim().split(" +");
        long length;
        boolean last;
        try {
            length = Long.parseLong(words[0]);
            last = words.length > 1 && words[1].equalsIgnoreCase("LAST");
            if (length < 0 || words.length > 2 || words.length == 2 && !last) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            error(new SmtpReply(501, "5.5.4", "Syntax: BDAT size [LAST]"));
            return;
        }
        if (spoolOut == null) {
            if (from == null || recipients.isEmpty() && remoteRecipients.isEmpty() && discardedRecipients == 0) {
                // RFC 3030 §3: the chunk is read and discarded after a failed BDAT.
                input.startChunk(OutputStream.nullOutputStream(), length, 0, 0);
                chunkFailed = true;
                pendingChunkReply = from == null ? new SmtpReply(503, "5.5.1", "Need MAIL and RCPT before BDAT")
                        : new SmtpReply(554, "5.5.1", "No valid recipients");
                pendingLast = false;
                next();
                return;
            }
            if (!openSpool()) {
                return;
            }
            chunked = 0;
        }
        pendingChunkReply = null;
        pendingLast = last;
        input.startChunk(spoolOut, length, chunked, listener.maxSize());
        next();
    }

    private SmtpReply pendingChunkReply;
    private boolean pendingLast;

    private boolean checkBodyAllowed() {
        if (from == null) {
            error(new SmtpReply(503, "5.5.1", "Need MAIL before DATA"));
            return false;
        }
        if (recipients.isEmpty() && remoteRecipients.isEmpty() && discardedRecipients == 0) {
            error(new SmtpReply(554, "5.5.1", "No valid recipients"));
            return false;
        }
        return true;
    }

    /** Messages up to this size wait for delivery in memory; larger ones in a temporary file. */
    private static final int SPOOL_IN_MEMORY = 1024 * 1024;

    private boolean openSpool() {
        spoolOut = new MessageSpool(SPOOL_IN_MEMORY);
        return true;
    }

    private void bodyEnd(SmtpInput.BodyEnd end) {
        if (end.chunk()) {
            if (chunkFailed || pendingChunkReply != null) {
                chunkFailed = false;
                SmtpReply r = pendingChunkReply;
                pendingChunkReply = null;
                error(r);
                return;
            }
            chunked += end.size();
            if (!pendingLast) {
                if (end.overLimit()) {
                    resetTransaction();
                    reply(new SmtpReply(552, "5.3.4", "Message size exceeds the limit of " + listener.maxSize() + " octets"));
                    return;
                }
                reply(new SmtpReply(250, "2.0.0", end.size() + " octets received"));
                return;
            }
        }
        if (end.overLimit()) {
            resetTransaction();
            reply(new SmtpReply(552, "5.3.4", "Message size exceeds the limit of " + listener.maxSize() + " octets"));
            return;
        }
        try {
            spoolOut.close();
        } catch (IOException e) {
            LOG.error("Cannot write the spool file", e);
            resetTransaction();
            reply(new SmtpReply(451, "4.3.0", "Local error, try again later"));
            return;
        }
        deliver();
    }

    private void deliver() {
        ReversePath sender = from;
        List<Address> rcpts = List.copyOf(recipients);
        List<Address> remote = List.copyOf(remoteRecipients);
        MessageSpool file = spoolOut;
        spoolOut = null;
        String id = sessionId + Long.toHexString(++transactions);
        Envelope envelope = rcpts.isEmpty() ? null
                : new Envelope(sender, rcpts, params.asMap(), helo, clientAddress().getAddress(), user);
        Envelope remoteEnvelope = remote.isEmpty() ? null
                : new Envelope(sender, remote, params.asMap(), helo, clientAddress().getAddress(), user);
        String sentBy = user;
        SessionInfo info = sessionInfo();
        List<Verdict> verdicts = new ArrayList<>(sessionVerdicts);
        verdicts.addAll(transactionVerdicts);
        String received = ReceivedHeader.build(helo, clientIp(), listener.hostname(),
                ReceivedHeader.with(listener.lmtp(), esmtp, tls(), user != null), tlsInfo(), id,
                rcpts.size() + remote.size() == 1 ? (rcpts.isEmpty() ? remote : rcpts).get(0).toString() : null,
                ZonedDateTime.now());
        resetTransaction();
        listener.executor().execute(() -> {
            List<SmtpReply> replies = new ArrayList<>();
            try {
                // Remote recipients first: if the queue cannot take the message, nothing is delivered and the
                // client retries the whole transaction (no local copy to duplicate).
                if (remoteEnvelope != null) {
                    String queued = OutboundSubmission.enqueue(listener.outbound(), remoteEnvelope, file, received);
                    LOG.info("{} {} from {} to {}: queued as {}", listener.protocol(), id, sender, remote, queued);
                }
                if (sentBy != null && listener.sentCopy()) {
                    OutboundSubmission.saveSent(listener.outbound(), sentBy, file);
                }
                if (envelope == null) {
                    replies.add(new SmtpReply(250, "2.0.0", "Ok: queued as " + id));
                    return;
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("Queueing {} for {} failed", id, remote, e);
                replies.add(new SmtpReply(451, "4.3.0", "Queueing failed temporarily, try again later"));
                return;
            } finally {
                if (envelope == null || !replies.isEmpty()) {
                    file.discard();
                    ctx.executor().execute(() -> {
                        replies.forEach(r -> write(line(r)));
                        next();
                    });
                }
            }
            try (InputStream in = file.open()) {
                DeliveryReport report = listener.delivery().deliver(envelope, info, in, received, verdicts);
                if (listener.lmtp()) {
                    report.results().forEach(r -> replies.add(r.reply()));
                } else if (report.allDelivered()) {
                    replies.add(new SmtpReply(250, "2.0.0", "Ok: queued as " + id));
                } else if (report.results().stream().allMatch(r -> r.filterReply() != null)) {
                    replies.add(report.results().get(0).filterReply());
                } else {
                    // SMTP has one reply for all: refuse if any failed, temporarily if any failure was.
                    boolean anyTemp = report.results().stream()
                            .anyMatch(r -> r.status() == DeliveryReport.Status.TEMPORARY_FAILURE);
                    boolean anyOk = report.results().stream()
                            .anyMatch(r -> r.status() == DeliveryReport.Status.DELIVERED);
                    // A failure after 250 would be lost here: nothing queues bounces before the outbound queue
                    // exists, so a partial failure is answered as delivered only for the stored copies.
                    replies.add(anyOk ? new SmtpReply(250, "2.0.0", "Ok: queued as " + id + " (some recipients failed)")
                            : anyTemp ? new SmtpReply(451, "4.3.0", "Delivery failed temporarily, try again later")
                            : new SmtpReply(554, "5.3.0", "Delivery failed"));
                }
                LOG.info("{} {} from {} to {}: {}", listener.protocol(), id, sender, rcpts, report.results().stream()
                        .map(r -> r.status().name()).toList());
            } catch (IOException | RuntimeException e) {
                LOG.warn("Delivery of {} failed", id, e);
                SmtpReply r = new SmtpReply(451, "4.3.0", "Delivery failed temporarily, try again later");
                rcpts.forEach(x -> {
                    if (listener.lmtp() || replies.isEmpty()) {
                        replies.add(r);
                    }
                });
            } finally {
                file.discard();
            }
            ctx.executor().execute(() -> {
                replies.forEach(r -> write(line(r)));
                next();
            });
        });
    }

    // --- VRFY and EXPN (RFC 5321 §3.5), off unless configured ---

    private void vrfy(String arg) {
        if (!listener.vrfy()) {
            reply(new SmtpReply(252, "2.5.2", "Cannot VRFY user, but will accept message and attempt delivery"));
            return;
        }
        String what = arg.trim();
        if (what.isEmpty()) {
            error(new SmtpReply(501, "5.5.4", "Syntax: VRFY name"));
            return;
        }
        String partial = what.startsWith("<") && what.endsWith(">") ? what.substring(1, what.length() - 1) : what;
        blockingReplies(() -> {
            List<dev.hermod.api.directory.Principal> found = listener.delivery().verify(partial);
            if (found.isEmpty()) {
                return List.of(new SmtpReply(550, "5.1.1", "No such user here"));
            }
            if (found.size() > 1) {
                // RFC 5321 §3.5.3: ambiguous, with the possibilities
                List<SmtpReply> replies = new ArrayList<>();
                for (var p : found) {
                    replies.add(new SmtpReply(553, "5.1.4", mailboxText(p)));
                }
                return replies;
            }
            return List.of(new SmtpReply(250, "2.1.5", mailboxText(found.get(0))));
        });
    }

    private void expn(String arg) {
        if (!listener.expn()) {
            error(new SmtpReply(502, "5.5.1", "EXPN is not available"));
            return;
        }
        String list = arg.trim();
        if (list.startsWith("<") && list.endsWith(">")) {
            list = list.substring(1, list.length() - 1);
        }
        if (list.isEmpty()) {
            error(new SmtpReply(501, "5.5.4", "Syntax: EXPN list"));
            return;
        }
        String name = list;
        blockingReplies(() -> {
            List<Address> members = listener.delivery().expand(name);
            if (members.isEmpty()) {
                return List.of(new SmtpReply(550, "5.1.1", "No such list here"));
            }
            List<SmtpReply> replies = new ArrayList<>();
            for (Address a : members) {
                replies.add(new SmtpReply(250, "2.1.5", "<" + a + ">"));
            }
            return replies;
        });
    }

    private static String mailboxText(dev.hermod.api.directory.Principal p) {
        String address = p.emails().isEmpty() ? p.name() : p.emails().get(0).toString();
        String description = p.description() == null ? "" : p.description().replaceAll("[\\p{Cntrl}<>]", "").trim();
        return (description.isEmpty() ? "" : description + " ") + "<" + address + ">";
    }

    /** Runs a lookup off the event loop and answers with one reply, or a multi-line one of the same code. */
    private void blockingReplies(Supplier<List<SmtpReply>> work) {
        listener.executor().execute(() -> {
            List<SmtpReply> r;
            try {
                r = work.get();
            } catch (TemporaryFailureException e) {
                r = List.of(new SmtpReply(451, "4.4.3", "Directory temporarily unavailable, try again later"));
            } catch (RuntimeException e) {
                LOG.warn("Lookup failed", e);
                r = List.of(new SmtpReply(451, "4.3.0", "Local error, try again later"));
            }
            List<SmtpReply> replies = r;
            ctx.executor().execute(() -> {
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < replies.size(); i++) {
                    SmtpReply x = replies.get(i);
                    String text = x.enhancedStatus() == null ? x.text() : x.enhancedStatus() + " " + x.text();
                    b.append(x.code()).append(i == replies.size() - 1 ? ' ' : '-').append(text).append("\r\n");
                }
                write(b.toString());
                if (replies.get(0).isPermanent()) {
                    errors++;
                }
                next();
            });
        });
    }

    // --- STARTTLS and AUTH ---

    private void startTls() {
        if (listener.tls() == null || tls()) {
            error(new SmtpReply(502, "5.5.1", tls() ? "Already using TLS" : "STARTTLS not available"));
            return;
        }
        SslHandler ssl = listener.tls().newHandler(ctx.alloc());
        ctx.writeAndFlush(Unpooled.copiedBuffer(line(new SmtpReply(220, "2.0.0", "Ready to start TLS")),
                StandardCharsets.US_ASCII));
        // RFC 3207 §4.2: forget everything known before TLS.
        ctx.pipeline().addFirst("tls", ssl);
        input.discardBuffered();
        helo = null;
        esmtp = false;
        resetTransaction();
        next();
    }

    private void auth(String arg) {
        if (!listener.auth() || listener.lmtp()) {
            error(new SmtpReply(502, "5.5.1", "AUTH not available"));
            return;
        }
        if (helo == null || !esmtp) {
            error(new SmtpReply(503, "5.5.1", "Send EHLO first"));
            return;
        }
        if (user != null) {
            error(new SmtpReply(503, "5.5.1", "Already authenticated"));
            return;
        }
        if (from != null) {
            error(new SmtpReply(503, "5.5.1", "AUTH not allowed during a mail transaction"));
            return;
        }
        String[] words = arg.trim().split(" +");
        byte[] initial;
        try {
            initial = words.length < 2 ? null : words[1].equals("=") ? new byte[0] : Base64.getDecoder().decode(words[1]);
        } catch (IllegalArgumentException e) {
            error(new SmtpReply(501, "5.5.2", "Bad base64"));
            return;
        }
        String mechanism = words[0];
        ClientInfo client = clientInfo();
        blockingAuth(() -> {
            sasl = listener.authenticator().start(mechanism, client);
            return sasl.begin(initial);
        });
    }

    private void authResponse(String text) {
        SaslExchange exchange = sasl;
        byte[] response;
        if (text.equals("*")) {
            response = null;
        } else {
            try {
                response = Base64.getDecoder().decode(text.trim());
            } catch (IllegalArgumentException e) {
                sasl = null;
                error(new SmtpReply(501, "5.5.2", "Bad base64"));
                return;
            }
        }
        blockingAuth(() -> exchange.respond(response));
    }

    private void blockingAuth(Supplier<AuthStep> step) {
        listener.executor().execute(() -> {
            AuthStep result;
            try {
                result = step.get();
            } catch (RuntimeException e) {
                LOG.warn("AUTH failed", e);
                result = new AuthStep.Failure(AuthStep.Reason.TEMPORARY_FAILURE, "Try again later");
            }
            AuthStep r = result;
            ctx.executor().execute(() -> authStep(r));
        });
    }

    private void authStep(AuthStep step) {
        if (step instanceof AuthStep.Challenge c) {
            write("334 " + Base64.getEncoder().encodeToString(c.data()) + "\r\n");
            next();
            return;
        }
        sasl = null;
        if (step instanceof AuthStep.Success s) {
            user = s.principal().name();
            userAddresses = s.principal().emails();
            reply(new SmtpReply(235, "2.7.0", "Authentication successful"));
            return;
        }
        AuthStep.Failure f = (AuthStep.Failure) step;
        error(switch (f.reason()) {
            case INVALID_CREDENTIALS -> new SmtpReply(535, "5.7.8", "Authentication credentials invalid");
            case MALFORMED, CANCELLED -> new SmtpReply(501, "5.5.2", "Authentication cancelled or malformed");
            case UNSUPPORTED_MECHANISM -> new SmtpReply(504, "5.5.4", "Unrecognized authentication type");
            case ENCRYPTION_REQUIRED -> new SmtpReply(538, "5.7.11", "Encryption required for requested authentication mechanism");
            case TOO_MANY_FAILURES, TEMPORARY_FAILURE -> new SmtpReply(454, "4.7.0", "Temporary authentication failure");
        });
    }

    // --- helpers ---

    private long transactions;

    private SessionInfo sessionInfo() {
        return new SessionInfo(clientAddress(), helo, user, tls(), listener.name(), sessionId);
    }

    /** Calls a filter stage; a failure of the pipeline itself lets mail through, as a failing filter does. */
    private Verdict filter(Supplier<Verdict> stage) {
        try {
            return stage.get();
        } catch (RuntimeException e) {
            LOG.warn("Session {}: message filters failed; going on without them", sessionId, e);
            return Verdict.proceed();
        }
    }

    /** The reply of a refusing verdict, or {@code null}. */
    private static SmtpReply refusal(Verdict v) {
        Verdict last = v instanceof Verdict.Combined c ? c.verdicts().get(c.verdicts().size() - 1) : v;
        if (last instanceof Verdict.Reject r) {
            return r.reply();
        }
        if (last instanceof Verdict.TempFail t) {
            return t.reply();
        }
        return null;
    }

    private static void keep(List<Verdict> into, Verdict v) {
        if (v != null && !(v instanceof Verdict.Proceed) && !(v instanceof Verdict.Accept)) {
            into.add(v);
        }
    }

    /** A reply that counts as an error when it is permanent. */
    private void respond(SmtpReply r) {
        if (r.isPermanent()) {
            error(r);
        } else {
            reply(r);
        }
    }

    /**
     * Whether the authenticated user may send as {@code address}: one of its directory addresses, with or
     * without a {@code +detail}, compared without case in the domain and, as most admins expect, in the
     * local part too.
     */
    private boolean owns(Address address) {
        Address bare = address.withoutDetail('+');
        for (Address a : userAddresses) {
            if (a.toString().equalsIgnoreCase(address.toString()) || a.toString().equalsIgnoreCase(bare.toString())) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code work} off the event loop; back on it, replies and runs {@code onSuccess} for a 2xx. */
    private void blocking(Supplier<SmtpReply> work, String tempStatus, Runnable onSuccess) {
        listener.executor().execute(() -> {
            SmtpReply r;
            try {
                r = work.get();
            } catch (TemporaryFailureException e) {
                LOG.warn("Temporary failure: {}", e.getMessage());
                r = new SmtpReply(451, tempStatus, "Temporary failure, try again later");
            } catch (RuntimeException e) {
                LOG.warn("Unexpected failure", e);
                r = new SmtpReply(451, "4.3.0", "Local error, try again later");
            }
            SmtpReply reply = r;
            ctx.executor().execute(() -> {
                if (reply.code() < 300) {
                    onSuccess.run();
                }
                if (reply.isPermanent()) {
                    error(reply);
                } else {
                    reply(reply);
                }
            });
        });
    }

    private void reply(SmtpReply r) {
        write(line(r));
        next();
    }

    private void error(SmtpReply r) {
        if (++errors >= listener.maxErrors()) {
            write(line(r));
            close(new SmtpReply(421, "4.7.0", listener.hostname() + " Too many errors, closing connection"));
            return;
        }
        reply(r);
    }

    private void close(SmtpReply r) {
        ctx.writeAndFlush(Unpooled.copiedBuffer(line(r), StandardCharsets.UTF_8)).addListener(ChannelFutureListener.CLOSE);
    }

    private void write(String text) {
        ctx.write(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    private void next() {
        input.resume();
    }

    private static String line(SmtpReply r) {
        return r + "\r\n";
    }

    private void resetTransaction() {
        transactionVerdicts.clear();
        remoteRecipients.clear();
        discardedRecipients = 0;
        from = null;
        params = null;
        recipients.clear();
        chunked = 0;
        if (spoolOut != null) {
            spoolOut.discard();
            spoolOut = null;
        }
    }

    private boolean tls() {
        return ctx.pipeline().get(SslHandler.class) != null;
    }

    private String tlsInfo() {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        if (ssl == null) {
            return null;
        }
        SSLSession s = ssl.engine().getSession();
        return "using " + s.getProtocol() + " with cipher " + s.getCipherSuite();
    }

    private InetSocketAddress clientAddress() {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a : new InetSocketAddress("127.0.0.1", 0);
    }

    private String clientIp() {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : "127.0.0.1";
    }

    private ClientInfo clientInfo() {
        InetSocketAddress a = ctx.channel().remoteAddress() instanceof InetSocketAddress s ? s
                : new InetSocketAddress("127.0.0.1", 0);
        return new ClientInfo(a.getAddress(), listener.protocol(), tls());
    }

    private static String sanitize(String s) {
        return s == null ? "Syntax error" : s.replaceAll("\\p{Cntrl}", "?");
    }
}
