package dev.hermod.pop3.internal;

import dev.hermod.net.support.LineFramer;
import dev.hermod.api.auth.ClientInfo;
import dev.hermod.api.mail.TemporaryFailureException;
import dev.hermod.api.mailbox.MailboxException;
import dev.hermod.net.support.SerialExecutor;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One POP3 connection (RFC 1939): runs the {@link LineFramer}'s lines one at a time on a
 * {@link SerialExecutor}, keeps the state (AUTHORIZATION, then TRANSACTION with a {@link Maildrop}, then
 * UPDATE at QUIT) and writes responses. The event loop only frames input; commands run on the listener's
 * worker pool, and the input is resumed when a command is done.
 *
 * <p>Commands: CAPA, QUIT, NOOP here; USER, PASS, AUTH, STLS in {@link AuthCommands}; the maildrop's in
 * {@link MaildropCommands}. A connection that closes without QUIT changes nothing (RFC 1939 §6).
 */
final class Pop3Session extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(Pop3Session.class);

    /** How long a client may read nothing while a message waits for it. */
    static final long WRITE_STALL_SECONDS = 120;

    private final Listener listener;
    private final LineFramer input;
    private final SerialExecutor serial;
    private final Writability writability = new Writability();
    private ChannelHandlerContext ctx;

    /** The logged-in account's maildrop: TRANSACTION state; {@code null} in AUTHORIZATION. */
    private Maildrop maildrop;
    private String account;
    /** The name given with USER, waiting for PASS. */
    private String user;
    private boolean closing;
    private int authFailures;
    /** STLS answered; input resumes after the handshake. */
    private boolean startingTls;
    /** Where the next line goes instead of running a command (AUTH's responses). */
    private Consumer<String> continuation;

    Pop3Session(Listener listener, LineFramer input) {
        this.listener = listener;
        this.input = input;
        this.serial = new SerialExecutor(listener.executor(), "POP3 session");
    }

    // --- Netty events (event loop) ---

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        input.hold();
        if (!listener.implicitTls()) {
            serial.execute(this::greet);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            // RFC 1939 §3: the autologout timer ends the session without entering UPDATE
            serial.execute(() -> close("-ERR Disconnected for inactivity"));
        } else if (evt instanceof SslHandshakeCompletionEvent e) {
            if (!e.isSuccess()) {
                LOG.debug("TLS handshake with {} failed", ctx.channel().remoteAddress(), e.cause());
                ctx.close();
            } else if (listener.implicitTls()) {
                serial.execute(this::greet);
            } else {
                serial.execute(this::tlsStarted);
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("POP3 session from {} failed", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof LineFramer.Line l) {
            serial.execute(() -> line(new String(l.bytes(), StandardCharsets.UTF_8)));
        } else if (msg instanceof LineFramer.LineTooLong) {
            serial.execute(() -> {
                continuation = null;
                reply(Pop3Exception.err("Line too long (at most " + listener.maxLine() + " octets)").line());
            });
        }
    }

    // --- session thread ---

    private void greet() {
        reply("+OK " + listener.hostname() + " Hermod POP3 ready");
    }

    /** RFC 2595 §4: after the handshake the client starts over in AUTHORIZATION; nothing is sent. */
    private void tlsStarted() {
        if (!startingTls) {
            return;
        }
        startingTls = false;
        resume();
    }

    private void line(String text) {
        if (closing) {
            return;
        }
        if (continuation != null) {
            Consumer<String> next = continuation;
            continuation = null;
            run("AUTH", () -> next.accept(text));
            return;
        }
        int space = text.indexOf(' ');
        String name = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
        String args = space < 0 ? "" : text.substring(space + 1);
        run(name, () -> {
            String ok = execute(name, args);
            if (ok != null) {
                reply(ok);
            }
        });
    }

    /** Runs a command, answering {@code -ERR} for what it throws. */
    private void run(String name, Runnable command) {
        try {
            command.run();
        } catch (Pop3Exception e) {
            reply(e.line());
        } catch (MailboxException e) {
            // RFC 3206 §5: SYS/PERM, a problem the user cannot fix by trying again
            LOG.info("POP3 {} for {} failed: {}", name, account, e.getMessage());
            reply(Pop3Exception.err("SYS/PERM", "The mail store refused: " + printable(e.getMessage())).line());
        } catch (TemporaryFailureException e) {
            LOG.debug("POP3 {} failed for a while", name, e);
            reply(Pop3Exception.err("SYS/TEMP", "The mail store is unavailable; try again later").line());
        } catch (RuntimeException e) {
            LOG.warn("POP3 {} failed", name, e);
            reply(Pop3Exception.err("Internal error; the administrator can find it in the log").line());
        }
    }

    /** @return the {@code +OK} line, or {@code null} when the command answered itself */
    private String execute(String name, String args) {
        switch (name) {
            case "CAPA" -> {
                noArguments(args);
                StringBuilder b = new StringBuilder("+OK Capability list follows\r\n");
                for (String cap : Capabilities.lines(this)) {
                    b.append(cap).append("\r\n");
                }
                return b.append('.').toString();
            }
            case "QUIT" -> {
                noArguments(args);
                quit();
                return null;
            }
            default -> {
                if (maildrop == null) {
                    if (!AuthCommands.NAMES.contains(name)) {
                        throw Pop3Exception.err(MaildropCommands.NAMES.contains(name)
                                ? name + " needs a login first" : "Unknown command " + printable(name));
                    }
                    return AuthCommands.run(name, args, this);
                }
                if (!MaildropCommands.NAMES.contains(name)) {
                    throw Pop3Exception.err(AuthCommands.NAMES.contains(name) ? "Already logged in"
                            : "Unknown command " + printable(name));
                }
                return MaildropCommands.run(name, args, this);
            }
        }
    }

    static void noArguments(String args) {
        if (!args.isBlank()) {
            throw Pop3Exception.err("No arguments expected");
        }
    }

    /** QUIT: in TRANSACTION the UPDATE state (RFC 1939 §6) removes the deleted messages, then closes. */
    private void quit() {
        closing = true;
        String bye = "+OK " + listener.hostname() + " Hermod POP3 signing off";
        if (maildrop != null) {
            try {
                int removed = maildrop.update(listener.seenOnRetr());
                bye += " (" + removed + " messages deleted)";
            } catch (TemporaryFailureException e) {
                LOG.debug("POP3 update for {} failed for a while", account, e);
                bye = "-ERR [SYS/TEMP] The deleted messages could not be removed; they are kept";
            } catch (RuntimeException e) {
                LOG.warn("POP3 update for {} failed", account, e);
                bye = "-ERR Some deleted messages were not removed; the administrator can find why in the log";
            }
        }
        ctx.writeAndFlush(ascii(bye + "\r\n")).addListener(ChannelFutureListener.CLOSE);
    }

    // --- state for the commands ---

    Listener listener() {
        return listener;
    }

    String user() {
        return user;
    }

    void user(String name) {
        user = name;
    }

    Maildrop maildrop() {
        return maildrop;
    }

    /** Enters TRANSACTION for the account: the maildrop is its INBOX as it is now. */
    void login(String name) {
        Maildrop drop = Maildrop.open(listener.store().account(name));
        account = name;
        maildrop = drop;
    }

    /**
     * Counts a failed login.
     *
     * @return whether the limit is reached and the connection closes after the answer
     */
    boolean authFailed() {
        return ++authFailures >= listener.maxAuthFailures();
    }

    /** Where the next line goes (AUTH's responses); the input is resumed to read it. */
    void expectContinuation(Consumer<String> next) {
        continuation = next;
    }

    boolean tls() {
        return ctx.pipeline().get(SslHandler.class) != null;
    }

    ClientInfo clientInfo() {
        InetSocketAddress a = ctx.channel().remoteAddress() instanceof InetSocketAddress s ? s
                : new InetSocketAddress("127.0.0.1", 0);
        return new ClientInfo(a.getAddress(), "pop3", tls());
    }

    /** Whether USER/PASS and AUTH PLAIN may be used on this connection now. */
    boolean plaintextAllowed() {
        return listener.authenticator().mechanisms(clientInfo()).contains("PLAIN");
    }

    /** STLS was accepted: answers +OK, puts TLS in front and drops anything the client sent ahead. */
    void startTls() {
        startingTls = true;
        ctx.flush();
        onEventLoop(() -> {
            SslHandler ssl = listener.tls().newHandler(ctx.alloc());
            ctx.writeAndFlush(ascii("+OK Begin TLS negotiation\r\n"));
            ctx.pipeline().addFirst("tls", ssl);
            input.discardBuffered();
        });
    }

    // --- output ---

    /** Writes a response (CRLF added), flushes and reads the next command. */
    void reply(String response) {
        send(response);
        resume();
    }

    /** Writes a response line (CRLF added) without flushing. */
    void send(String line) {
        ctx.write(Unpooled.wrappedBuffer((line + "\r\n").getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Writes part of a multi-line response; waits while the client reads slower than the store delivers,
     * and closes the connection when it reads nothing for {@value #WRITE_STALL_SECONDS} seconds.
     *
     * @return whether the connection is still open
     */
    boolean write(ByteBuf chunk) {
        if (!ctx.channel().isActive()) {
            chunk.release();
            return false;
        }
        ctx.write(chunk);
        if (!ctx.channel().isWritable()) {
            ctx.flush();
            if (!writability.await(ctx.channel(), WRITE_STALL_SECONDS)) {
                if (ctx.channel().isActive()) {
                    LOG.info("Closing the POP3 connection from {}: it read nothing for {} s",
                            ctx.channel().remoteAddress(), WRITE_STALL_SECONDS);
                    ctx.close();
                }
                return false;
            }
        }
        return true;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        writability.changed();
        ctx.fireChannelWritabilityChanged();
    }

    ByteBuf buffer(int size) {
        return ctx.alloc().buffer(size);
    }

    /** Flushes and reads the next command. */
    void resume() {
        ctx.flush();
        onEventLoop(input::resume);
    }

    /** Closes after a failure that leaves the connection in no state to go on (the client sees it end). */
    void close(String line) {
        if (closing) {
            return;
        }
        closing = true;
        ctx.writeAndFlush(ascii(line + "\r\n")).addListener(ChannelFutureListener.CLOSE);
    }

    private void onEventLoop(Runnable task) {
        try {
            ctx.executor().execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("Event loop gone", e);
        }
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.wrappedBuffer(s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Replaces control characters, so that a client's text can be quoted in a message.
     *
     * @param text text from the client
     * @return the text with controls as {@code ?}, cut at 100 characters
     */
    static String printable(String text) {
        String cut = text.length() > 100 ? text.substring(0, 100) + "..." : text;
        StringBuilder b = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.toString();
    }
}
