package dev.hermod.managesieve.internal;

import dev.hermod.net.support.SerialExecutor;
import dev.hermod.api.auth.ClientInfo;
import dev.hermod.api.mail.TemporaryFailureException;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ManageSieve connection (RFC 5804): assembles commands from the {@link SieveInput}'s lines and
 * literals, runs them one at a time on a {@link SerialExecutor}, keeps the state (not authenticated,
 * authenticated, logging out) and writes responses. The event loop only frames input; commands run on the
 * listener's worker pool, and the input is resumed when a command is done.
 *
 * <p>Commands: CAPABILITY, NOOP, LOGOUT here; STARTTLS, AUTHENTICATE, UNAUTHENTICATE in
 * {@link AuthCommands}; the script commands in {@link ScriptCommands}. A failed command answers
 * {@code NO}; after {@code maxErrors} of them in a row the server says {@code BYE} and closes.
 */
final class ManageSieveSession extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ManageSieveSession.class);

    /** Octets of literals one command may carry before authentication: AUTHENTICATE needs no more. */
    static final int MAX_LITERAL_BEFORE_LOGIN = 8192;
    /** Octets of literals one command may carry once authenticated: a script of the largest size, and a name. */
    static final int MAX_LITERAL = dev.hermod.api.sieve.SieveScripts.MAX_SCRIPT_SIZE + 4096;

    /** Valid before authentication (RFC 5804 §2). */
    private static final Set<String> BEFORE_LOGIN = Set.of("CAPABILITY", "STARTTLS", "AUTHENTICATE", "NOOP",
            "LOGOUT");

    private final Listener listener;
    private final SieveInput input;
    private final SerialExecutor serial;
    private ChannelHandlerContext ctx;

    /** The logged-in account, or {@code null}. */
    private String account;
    private boolean loggingOut;
    private int errors;
    /** STARTTLS answered; the capabilities follow the handshake (RFC 5804 §2.2). */
    private boolean startingTls;

    /** The command being assembled: line texts and literals. */
    private List<Object> parts = new ArrayList<>();
    private long partsSize;
    /** Set when a literal of the command was too large and skipped: the command's answer. */
    private ManageSieveException skipped;
    /** Where the next complete client string goes instead of running a command (AUTHENTICATE). */
    private Consumer<List<Object>> continuation;

    ManageSieveSession(Listener listener, SieveInput input) {
        this.listener = listener;
        this.input = input;
        this.serial = new SerialExecutor(listener.executor(), "ManageSieve session");
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
            serial.execute(() -> bye(null, "Disconnected for inactivity"));
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
        LOG.debug("ManageSieve session from {} failed", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof SieveInput.Line l) {
            serial.execute(() -> {
                try {
                    line(l.bytes());
                } catch (RuntimeException e) {
                    LOG.warn("ManageSieve session failed on a line", e);
                    reset();
                    send(Wire.response("NO", null, "Internal error; the administrator can find it in the log"));
                    resume();
                }
            });
        } else if (msg instanceof SieveInput.Literal l) {
            serial.execute(() -> {
                parts.add(l.bytes());
                resume();
            });
        } else if (msg instanceof SieveInput.LineTooLong) {
            serial.execute(() -> {
                reset();
                failed(ManageSieveException.no("Line too long (at most " + listener.maxLine() + " octets)"));
            });
        }
    }

    // --- session thread ---

    private void greet() {
        capabilities();
        send(Wire.response("OK", null, listener.hostname() + " Hermod ManageSieve ready"));
        resume();
    }

    /** RFC 5804 §2.2: after the handshake the server sends its capabilities again, then OK. */
    private void tlsStarted() {
        if (!startingTls) {
            return;
        }
        startingTls = false;
        capabilities();
        send(Wire.response("OK", null, "TLS negotiation successful"));
        resume();
    }

    /** Writes the capability lines for the current state. */
    void capabilities() {
        boolean startTls = listener.tls() != null && !tls();
        for (String line : Capabilities.lines(listener.authenticator().mechanisms(clientInfo()), startTls, account,
                listener.maxRedirects())) {
            send(line);
        }
    }

    private void line(byte[] bytes) {
        if (loggingOut) {
            return;
        }
        String text = decode(bytes);
        if (parts.isEmpty() && text.isEmpty() && continuation == null) {
            resume();
            return;
        }
        parts.add(text);
        partsSize += bytes.length;
        Matcher m = Arguments.LITERAL.matcher(text);
        if (!m.find()) {
            List<Object> command = parts;
            ManageSieveException error = skipped;
            reset();
            if (error != null) {
                failed(error);
            } else if (continuation != null) {
                Consumer<List<Object>> next = continuation;
                continuation = null;
                next.accept(command);
            } else {
                execute(command);
            }
            return;
        }
        long size = Long.parseLong(m.group(1));
        boolean nonSync = !m.group(2).isEmpty();
        int max = account == null ? MAX_LITERAL_BEFORE_LOGIN : MAX_LITERAL;
        if (skipped != null || partsSize + size > max) {
            if (skipped == null) {
                skipped = account == null ? ManageSieveException.no("Literal too large")
                        : ManageSieveException.no("QUOTA/MAXSIZE", "Too large: a script may have at most "
                        + dev.hermod.api.sieve.SieveScripts.MAX_SCRIPT_SIZE + " octets");
            }
            if (nonSync) {
                // RFC 5804 §4: the octets follow at once; read past them and answer after the command's end
                onEventLoop(() -> {
                    input.skipLiteral(size);
                    input.resume();
                });
            } else {
                // the client waits for permission to send: refuse now, and it sends nothing
                ManageSieveException error = skipped;
                reset();
                failed(error);
            }
            return;
        }
        partsSize += size;
        if (!nonSync) {
            // {n} of the protocol's drafts: the client waits for a continuation before the octets
            send("+ " + Wire.string("Ready for literal data"));
            flush();
        }
        int n = (int) size;
        onEventLoop(() -> {
            input.readLiteral(n);
            input.resume();
        });
    }

    private void reset() {
        parts = new ArrayList<>();
        partsSize = 0;
        skipped = null;
    }

    private void execute(List<Object> command) {
        Arguments args = new Arguments(command);
        String name;
        try {
            name = args.atom().toUpperCase(Locale.ROOT);
        } catch (ManageSieveException e) {
            failed(ManageSieveException.no("Expected a command"));
            return;
        }
        try {
            if (account == null && !BEFORE_LOGIN.contains(name) && Commands.known(name)) {
                throw ManageSieveException.no(name + " needs authentication first");
            }
            if (!args.atEnd()) {
                args.space();
            }
            String ok = switch (name) {
                case "CAPABILITY" -> {
                    args.end();
                    capabilities();
                    yield Wire.response("OK", null, "CAPABILITY completed");
                }
                case "NOOP" -> noop(args);
                case "LOGOUT" -> {
                    args.end();
                    loggingOut = true;
                    ctx.writeAndFlush(Unpooled.wrappedBuffer((Wire.response("OK", null, "Logout completed")
                            + "\r\n").getBytes(StandardCharsets.UTF_8))).addListener(ChannelFutureListener.CLOSE);
                    yield null;
                }
                case "STARTTLS", "AUTHENTICATE", "UNAUTHENTICATE" -> AuthCommands.run(name, args, this);
                default -> {
                    if (!Commands.known(name)) {
                        throw ManageSieveException.no("Unknown command " + Wire.printable(name));
                    }
                    yield ScriptCommands.run(name, args, this);
                }
            };
            if (ok != null) {
                complete(ok);
            }
        } catch (ManageSieveException e) {
            failed(e);
        } catch (TemporaryFailureException e) {
            LOG.debug("ManageSieve {} failed for a while", name, e);
            failed(ManageSieveException.no("TRYLATER", "The script store is unavailable; try again later"));
        } catch (RuntimeException e) {
            LOG.warn("ManageSieve {} failed", name, e);
            failed(ManageSieveException.no("Internal error; the administrator can find it in the log"));
        }
    }

    /** NOOP [tag] (RFC 5804 §2.11): the tag comes back in a TAG response code. */
    private String noop(Arguments args) {
        String tag = null;
        if (!args.atEnd()) {
            tag = args.string();
        }
        args.end();
        return Wire.response("OK", tag == null ? null : "TAG " + Wire.string(tag), "Done");
    }

    /** Ends a command with its OK line and reads the next. */
    void complete(String ok) {
        errors = 0;
        send(ok);
        resume();
    }

    /** Ends a command with NO for {@code e} (BYE past the error limit) and reads the next. */
    void failed(ManageSieveException e) {
        if (++errors >= listener.maxErrors()) {
            bye(null, "Too many errors");
            return;
        }
        send(Wire.response("NO", e.code(), e.getMessage()));
        resume();
    }

    // --- state for the commands ---

    Listener listener() {
        return listener;
    }

    /** @return the logged-in account, or {@code null} */
    String account() {
        return account;
    }

    /** Logs in (or, with {@code null}, out again: UNAUTHENTICATE). */
    void account(String name) {
        account = name;
    }

    /** Where the client's next string goes (AUTHENTICATE's responses); the input is resumed to read it. */
    void expectContinuation(Consumer<List<Object>> next) {
        continuation = next;
    }

    boolean tls() {
        return ctx.pipeline().get(SslHandler.class) != null;
    }

    ClientInfo clientInfo() {
        InetSocketAddress a = ctx.channel().remoteAddress() instanceof InetSocketAddress s ? s
                : new InetSocketAddress("127.0.0.1", 0);
        return new ClientInfo(a.getAddress(), "managesieve", tls());
    }

    /**
     * STARTTLS was accepted: answers OK, puts TLS in front of the connection and drops anything the client
     * sent ahead; the capabilities follow the handshake.
     */
    void startTls() {
        startingTls = true;
        flush();
        onEventLoop(() -> {
            SslHandler ssl = listener.tls().newHandler(ctx.alloc());
            ctx.writeAndFlush(Unpooled.wrappedBuffer((Wire.response("OK", null, "Begin TLS negotiation now")
                    + "\r\n").getBytes(StandardCharsets.UTF_8)));
            ctx.pipeline().addFirst("tls", ssl);
            input.discardBuffered();
        });
    }

    // --- output ---

    /** Writes one response line (CRLF added); flushed when the command ends. */
    void send(String line) {
        ctx.write(Unpooled.wrappedBuffer((line + "\r\n").getBytes(StandardCharsets.UTF_8)));
    }

    void flush() {
        ctx.flush();
    }

    /** Flushes and reads the next command. */
    void resume() {
        ctx.flush();
        onEventLoop(input::resume);
    }

    /** Runs on the channel's event loop; nothing when the loop has shut down. */
    private void onEventLoop(Runnable task) {
        try {
            ctx.executor().execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("Event loop gone", e);
        }
    }

    /** Sends BYE and closes the connection. */
    void bye(String code, String text) {
        if (loggingOut) {
            return;
        }
        loggingOut = true;
        ctx.writeAndFlush(Unpooled.wrappedBuffer((Wire.response("BYE", code, text) + "\r\n")
                .getBytes(StandardCharsets.UTF_8))).addListener(ChannelFutureListener.CLOSE);
    }

    /** UTF-8 when valid; otherwise ISO-8859-1, so that a message can show what came. */
    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
