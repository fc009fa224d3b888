package dev.hermod.imap.internal;

import dev.hermod.net.support.SerialExecutor;
import dev.hermod.api.auth.ClientInfo;
import dev.hermod.api.mail.TemporaryFailureException;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.MailboxException;
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
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One IMAP connection: assembles commands from the {@link ImapInput}'s lines and literals, runs them one at
 * a time on a {@link SerialExecutor} through the {@link CommandRegistry}, keeps the connection state of
 * RFC 9051 §3 and the selected mailbox, and writes responses. The event loop only frames input; everything
 * else runs on the session's executor, which resumes the input when a command is done.
 */
final class ImapSession extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ImapSession.class);
    /** A literal's announcement ending a line: {@code {n}}, {@code {n+}} (RFC 7888), {@code ~{n}} (RFC 3516). */
    static final Pattern LITERAL = Pattern.compile("~?\\{(\\d{1,19})(\\+?)\\}$");

    private final Listener listener;
    private final ImapInput input;
    private final CommandRegistry registry;
    private final SerialExecutor serial;
    private ChannelHandlerContext ctx;

    private SessionState state = SessionState.NOT_AUTHENTICATED;
    private MailAccount account;
    private SelectedMailbox selected;
    private boolean rev2;
    private boolean utf8;
    private boolean condstore;
    private boolean qresync;
    private List<Long> savedSearch = List.of();

    /** Literals before login are kept small: LOGIN and AUTHENTICATE need no more. */
    private static final int MAX_LITERAL_BEFORE_LOGIN = 8192;

    /** The command being assembled: line texts and literals. */
    private List<Object> parts = new ArrayList<>();
    private long partsSize;
    /** Where the next line goes instead of starting a command (AUTHENTICATE, IDLE, APPEND's end). */
    private Consumer<String> continuation;
    /** Logs the client out if it has not logged in in time. */
    private java.util.concurrent.ScheduledFuture<?> loginTimer;

    ImapSession(Listener listener, ImapInput input, CommandRegistry registry) {
        this.listener = listener;
        this.input = input;
        this.registry = registry;
        this.serial = new SerialExecutor(listener.executor(), "IMAP session");
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
        loginTimer = ctx.executor().schedule(() -> serial.execute(() -> {
            if (state == SessionState.NOT_AUTHENTICATED && ctx.channel().isActive()) {
                bye("Autologout; log in within " + listener.loginTimeout() + " seconds");
            }
        }), listener.loginTimeout(), java.util.concurrent.TimeUnit.SECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            serial.execute(() -> bye("Autologout; idle for too long"));
        } else if (evt instanceof SslHandshakeCompletionEvent e && listener.implicitTls() && e.isSuccess()) {
            serial.execute(this::greet);
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (loginTimer != null) {
            loginTimer.cancel(false);
        }
        serial.execute(() -> {
            state = SessionState.LOGOUT;
            endIdle();
        });
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("IMAP session from {} failed", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ImapInput.Line l) {
            serial.execute(() -> {
                try {
                    line(l.bytes());
                } catch (RuntimeException e) {
                    // a failure outside a command's processing: answer and go on reading
                    LOG.warn("IMAP session failed on a line", e);
                    parts = new ArrayList<>();
                    partsSize = 0;
                    continuation = null;
                    send("* BAD [SERVERBUG] Internal error; the administrator can find it in the log");
                    resume();
                }
            });
        } else if (msg instanceof ImapInput.Literal l) {
            serial.execute(() -> {
                parts.add(l.bytes());
                resume();
            });
        } else if (msg instanceof ImapInput.LineTooLong) {
            serial.execute(() -> {
                String tag = parts.isEmpty() ? "*" : tagOf(parts);
                parts = new ArrayList<>();
                partsSize = 0;
                continuation = null;
                send(tag + " BAD [TOOBIG] Line too long (at most " + listener.maxLine() + " octets)");
                resume();
            });
        }
    }

    // --- session thread ---

    private void greet() {
        send("* OK [CAPABILITY " + capabilities() + "] " + listener.hostname() + " Hermod IMAP ready");
        resume();
    }

    private void line(byte[] bytes) {
        if (state == SessionState.LOGOUT) {
            return;
        }
        String text = decode(bytes);
        if (continuation != null) {
            Consumer<String> c = continuation;
            continuation = null;
            c.accept(text);
            return;
        }
        if (parts.isEmpty() && text.isEmpty()) {
            resume();
            return;
        }
        parts.add(text);
        partsSize += bytes.length;
        Matcher m = LITERAL.matcher(text);
        if (!m.find()) {
            List<Object> command = parts;
            parts = new ArrayList<>();
            partsSize = 0;
            execute(command);
            return;
        }
        long size;
        try {
            size = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            size = Long.MAX_VALUE;
        }
        boolean nonSync = !m.group(2).isEmpty();
        if (AppendProcessor.isMessageLiteral(parts, state)) {
            List<Object> command = parts;
            parts = new ArrayList<>();
            partsSize = 0;
            ((AppendProcessor) registry.processor("APPEND")).message(command, size, nonSync, this);
            return;
        }
        int maxLiteral = state == SessionState.NOT_AUTHENTICATED
                ? Math.min(MAX_LITERAL_BEFORE_LOGIN, listener.maxLiteral()) : listener.maxLiteral();
        if (partsSize + size > maxLiteral) {
            String tag = tagOf(parts);
            parts = new ArrayList<>();
            partsSize = 0;
            if (nonSync) {
                long skip = size;
                continuation = rest -> {
                    send(tag + " BAD [TOOBIG] Literal too large (at most " + maxLiteral + " octets)");
                    resume();
                };
                onEventLoop(() -> input.skipLiteral(skip));
            } else {
                send(tag + " BAD [TOOBIG] Literal too large (at most " + maxLiteral + " octets)");
            }
            resume();
            return;
        }
        partsSize += size;
        if (!nonSync) {
            send("+ Ready for literal data");
            flush();
        }
        if (size == 0) {
            parts.add(new byte[0]);
            resume();
            return;
        }
        int n = (int) size;
        onEventLoop(() -> {
            input.readLiteral(n);
            input.resume();
        });
    }

    private void execute(List<Object> command) {
        Arguments parsed = new Arguments(command);
        String rawTag;
        try {
            rawTag = parsed.atom("]");
        } catch (ImapException e) {
            rawTag = "+";
        }
        if (rawTag.indexOf('+') >= 0) {
            // RFC 9051 §9: a tag is an astring without '+'
            send("* BAD Missing or invalid tag");
            resume();
            return;
        }
        String name;
        boolean uid = false;
        try {
            parsed.space();
            name = parsed.atom().toUpperCase(Locale.ROOT);
            if (name.equals("UID")) {
                uid = true;
                parsed.space();
                name = parsed.atom().toUpperCase(Locale.ROOT);
            }
        } catch (ImapException e) {
            send(rawTag + " BAD Missing command name");
            resume();
            return;
        }
        Processor p = registry.processor(name);
        if (p == null || (uid && !CommandRegistry.UID_COMMANDS.contains(name))) {
            send(rawTag + " BAD Unknown command " + Arguments.printable(name));
            resume();
            return;
        }
        if (!p.allowed(name, state)) {
            send(rawTag + " BAD " + name + " is not valid in the " + describe(state) + " state");
            resume();
            return;
        }
        Command c = new Command(rawTag, name, uid, parsed);
        String ok;
        try {
            if (!parsed.atEnd() && !parsed.peekIs(' ')) {
                throw ImapException.bad("Expected a space after the command name");
            }
            parsed.skip(' ');
            ok = p.process(c, this);
        } catch (RuntimeException e) {
            fail(rawTag, e, !name.equals("FETCH") && !name.equals("STORE") && !name.equals("SEARCH") || uid);
            resume();
            return;
        }
        if (ok != null) {
            complete(c, ok);
        }
    }

    /** Ends a command with OK after the untagged updates the command allows, and reads the next. */
    void complete(Command c, String ok) {
        // RFC 9051 §7.5.1: no EXPUNGE while responding to FETCH, STORE or SEARCH (their UID forms allow it)
        boolean expunges = c.uid() || !(c.name().equals("FETCH") || c.name().equals("STORE")
                || c.name().equals("SEARCH"));
        updates(expunges);
        send(c.tag() + " OK " + ok);
        resume();
    }

    /** Ends a command with NO or BAD for {@code e}. */
    void fail(String tag, RuntimeException e, boolean expunges) {
        if (e instanceof ImapException ie) {
            if (!ie.isBad()) {
                updates(expunges);
            }
            send(tag + (ie.isBad() ? " BAD " : " NO ") + (ie.code() == null ? "" : "[" + ie.code() + "] ")
                    + ie.getMessage());
        } else if (e instanceof MailboxException me) {
            send(tag + " NO " + Codes.of(me) + " " + Arguments.printable(me.getMessage()));
        } else if (e instanceof TemporaryFailureException) {
            send(tag + " NO [UNAVAILABLE] The mail store is temporarily unavailable; try again later");
        } else if (ctx.channel().isActive()) {
            LOG.warn("IMAP command failed", e);
            send(tag + " NO [SERVERBUG] Internal error; the administrator can find it in the log");
        }
    }

    /** Sends what changed in the selected mailbox (EXISTS, FETCH FLAGS, EXPUNGE when allowed). */
    void updates(boolean expunges) {
        if (selected != null && state == SessionState.SELECTED) {
            try {
                selected.update(this, expunges);
            } catch (RuntimeException e) {
                LOG.debug("Mailbox update failed", e);
            }
        }
    }

    // --- state for processors ---

    Listener listener() {
        return listener;
    }

    SessionState state() {
        return state;
    }

    MailAccount account() {
        return account;
    }

    SelectedMailbox selected() {
        return selected;
    }

    /** Logs in: the account is opened and the state becomes AUTHENTICATED. */
    void login(MailAccount account) {
        this.account = account;
        state = SessionState.AUTHENTICATED;
    }

    /** UNAUTHENTICATE (RFC 8437): back to the state after the greeting, extensions disabled. */
    void unauthenticate() {
        endIdle();
        account = null;
        selected = null;
        savedSearch = List.of();
        rev2 = false;
        utf8 = false;
        condstore = false;
        qresync = false;
        state = SessionState.NOT_AUTHENTICATED;
    }

    void select(SelectedMailbox mailbox) {
        selected = mailbox;
        savedSearch = List.of();
        state = mailbox == null ? SessionState.AUTHENTICATED : SessionState.SELECTED;
    }

    /** The UIDs saved by {@code SEARCH RETURN (SAVE)} for {@code $} (RFC 5182). */
    List<Long> savedSearch() {
        return savedSearch;
    }

    void saveSearch(List<Long> uids) {
        savedSearch = List.copyOf(uids);
    }

    boolean rev2() {
        return rev2;
    }

    /** Whether mailbox names and strings go as UTF-8 (IMAP4rev2 or UTF8=ACCEPT, RFC 6855). */
    boolean utf8() {
        return rev2 || utf8;
    }

    boolean condstore() {
        return condstore;
    }

    void enableRev2() {
        rev2 = true;
    }

    void enableUtf8() {
        utf8 = true;
    }

    void enableCondstore() {
        condstore = true;
    }

    /** Whether QRESYNC is enabled (RFC 7162 §3.2): VANISHED replaces EXPUNGE. */
    boolean qresync() {
        return qresync;
    }

    void enableQresync() {
        qresync = true;
        condstore = true;
    }

    /** A mailbox name as the client writes it, decoded. */
    String decodeName(String name) {
        return utf8() ? name : ModifiedUtf7.decode(name);
    }

    /** A mailbox name as the client reads it. */
    String encodeName(String name) {
        return utf8() ? name : ModifiedUtf7.encode(name);
    }

    Response response() {
        return new Response(utf8());
    }

    boolean tls() {
        return ctx.pipeline().get(SslHandler.class) != null;
    }

    ClientInfo clientInfo() {
        InetSocketAddress a = ctx.channel().remoteAddress() instanceof InetSocketAddress s ? s
                : new InetSocketAddress("127.0.0.1", 0);
        return new ClientInfo(a.getAddress(), "imap", tls());
    }

    /** What the server offers once a client has logged in. */
    private static final String AUTHENTICATED_CAPABILITIES = " IDLE NAMESPACE UNSELECT UIDPLUS MOVE CHILDREN"
            + " SPECIAL-USE CREATE-SPECIAL-USE LIST-EXTENDED LIST-STATUS ESEARCH SEARCHRES BINARY CONDSTORE QRESYNC"
            + (CompressProcessor.AVAILABLE ? " COMPRESS=DEFLATE" : "") + " UTF8=ACCEPT STATUS=SIZE SORT SORT=DISPLAY"
            + " ESORT QUOTA QUOTA=RES-STORAGE QUOTA=RES-MESSAGE UNAUTHENTICATE PREVIEW OBJECTID MULTIAPPEND"
            + " THREAD=ORDEREDSUBJECT THREAD=REFERENCES WITHIN";

    /** The CAPABILITY list for the current state (RFC 9051 §7.2.2). */
    String capabilities() {
        StringBuilder b = new StringBuilder("IMAP4rev1 IMAP4rev2 LITERAL+ SASL-IR ENABLE ID");
        if (state == SessionState.NOT_AUTHENTICATED) {
            if (listener.tls() != null && !tls()) {
                b.append(" STARTTLS");
            }
            List<String> mechanisms = listener.authenticator().mechanisms(clientInfo());
            if (mechanisms.isEmpty()) {
                b.append(" LOGINDISABLED");
            }
            for (String m : mechanisms) {
                b.append(" AUTH=").append(m);
            }
        } else {
            b.append(AUTHENTICATED_CAPABILITIES);
            if (listener.maxMessage() > 0) {
                b.append(" APPENDLIMIT=").append(listener.maxMessage());
            }
        }
        return b.toString();
    }

    /** Where the next line goes; the input is resumed to read it. */
    void expectContinuation(Consumer<String> next) {
        continuation = next;
    }

    void endIdle() {
        IdleProcessor.stop(this);
    }

    /** The change subscription of an IDLE in progress, or {@code null}. */
    private AutoCloseable idle;

    AutoCloseable idle() {
        return idle;
    }

    void idle(AutoCloseable subscription) {
        idle = subscription;
    }

    // --- output ---

    /** Writes one response line (CRLF added); flushed when the command ends. */
    void send(String line) {
        ctx.write(Unpooled.wrappedBuffer((line + "\r\n").getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes what a {@link Response} holds, waiting while the client reads slowly. */
    void send(Response r) {
        if (r.size() > 0) {
            send(r.take());
        }
    }

    /** How long a client may read nothing while a response waits for it; then the connection is closed. */
    private static final long WRITE_STALL_SECONDS = 120;

    /**
     * Writes octets; when Netty's outbound buffer is past its high-water mark, flushes and waits until the
     * client has read enough, so a large FETCH never queues in memory whole. The wait is a
     * {@link java.util.concurrent.ForkJoinPool#managedBlock managed block}: the worker pool runs another thread
     * meanwhile, so clients that stop reading never take every worker. A client that reads nothing for
     * {@value #WRITE_STALL_SECONDS} seconds is disconnected.
     */
    void send(byte[] bytes) {
        ctx.write(Unpooled.wrappedBuffer(bytes));
        if (!ctx.channel().isWritable()) {
            ctx.flush();
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(WRITE_STALL_SECONDS);
            try {
                java.util.concurrent.ForkJoinPool.managedBlock(new WritableWait(deadline));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            // only the deadline says the client stopped reading: writability may flip back meanwhile
            if (System.nanoTime() > deadline && !ctx.channel().isWritable() && ctx.channel().isActive()) {
                LOG.info("Closing the IMAP connection from {}: it read nothing for {} s",
                        ctx.channel().remoteAddress(), WRITE_STALL_SECONDS);
                ctx.close();
                throw new IllegalStateException("client stopped reading");
            }
        }
    }

    /** Waits until the client has read enough, the connection closed, or the deadline passed. */
    private final class WritableWait implements java.util.concurrent.ForkJoinPool.ManagedBlocker {
        private final long deadline;

        WritableWait(long deadline) {
            this.deadline = deadline;
        }

        @Override
        public boolean block() throws InterruptedException {
            synchronized (writable) {
                while (!isReleasable()) {
                    writable.wait(1000);
                }
            }
            return true;
        }

        @Override
        public boolean isReleasable() {
            return ctx.channel().isWritable() || !ctx.channel().isActive() || System.nanoTime() > deadline;
        }
    }

    private final Object writable = new Object();

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        synchronized (writable) {
            writable.notifyAll();
        }
        ctx.fireChannelWritabilityChanged();
    }

    void flush() {
        ctx.flush();
    }

    /** Flushes and reads the next command. */
    void resume() {
        ctx.flush();
        onEventLoop(input::resume);
    }

    /** Runs on the channel's event loop; nothing when the connection's loop has shut down. */
    void onEventLoop(Runnable task) {
        try {
            ctx.executor().execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("Event loop gone", e);
        }
    }

    /** The event loop's side of this connection, for STARTTLS and APPEND's literal. */
    ChannelHandlerContext context() {
        return ctx;
    }

    ImapInput input() {
        return input;
    }

    SerialExecutor serial() {
        return serial;
    }

    /** Sends BYE and closes the connection. */
    void bye(String text) {
        state = SessionState.LOGOUT;
        endIdle();
        ctx.writeAndFlush(Unpooled.wrappedBuffer(("* BYE " + text + "\r\n").getBytes(StandardCharsets.UTF_8)))
                .addListener(ChannelFutureListener.CLOSE);
    }

    /** Marks the session as ending (LOGOUT); the caller writes the last responses and closes. */
    void logout() {
        state = SessionState.LOGOUT;
        endIdle();
    }

    static String tagOf(List<Object> parts) {
        try {
            return new Arguments(parts).atom("]");
        } catch (ImapException e) {
            return "*";
        }
    }

    private static String describe(SessionState s) {
        return s.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** UTF-8 when valid; otherwise ISO-8859-1, so that no octet is lost in a BAD message. */
    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
