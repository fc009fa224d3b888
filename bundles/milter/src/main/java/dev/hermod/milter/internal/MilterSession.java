package dev.hermod.milter.internal;

import static dev.hermod.milter.internal.MilterProtocol.*;

import dev.hermod.api.filter.HeaderChange;
import dev.hermod.api.filter.MessageContent;
import dev.hermod.api.filter.SessionInfo;
import dev.hermod.api.filter.Verdict;
import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.Envelope;
import dev.hermod.api.mail.SmtpReply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One conversation with a milter about one message, replayed at the {@code DATA} stage: option negotiation,
 * connect, HELO, MAIL, each RCPT, DATA, each header field, end of header, the body in chunks, end of
 * message, then the modifications and the final answer, then QUIT. Each step is left out or sent without
 * waiting for a reply as the milter asked in the negotiation.
 *
 * <p>Answers before end of message: {@code SMFIR_ACCEPT} ends the conversation letting the message through
 * unchanged; {@code SMFIR_REJECT}, {@code SMFIR_TEMPFAIL}, {@code SMFIR_REPLYCODE} and {@code SMFIR_DISCARD}
 * end it with that verdict, except at RCPT, where a refusal concerns one recipient: since recipients can no
 * longer be refused one by one at {@code DATA}, the message is refused only when every recipient is.
 *
 * <p>Header replies map to {@link HeaderChange}s: {@code SMFIR_ADDHEADER} adds at the end;
 * {@code SMFIR_INSHEADER} at index 0 or 1 adds at the top (index 1 is after the MTA's own {@code Received}
 * field, which Hermod prepends at delivery, after the filters), at a higher index at the end;
 * {@code SMFIR_CHGHEADER} replaces the given occurrence (from 1; 0 counts as 1), removes it if the value is
 * empty, and adds the field at the end if there is no such occurrence, as Sendmail does. Values are
 * unfolded. Recipient and sender changes are not offered; a milter sending them anyway is logged and
 * ignored. Not thread safe: one instance per message.
 */
final class MilterSession {

    private static final Logger LOG = LoggerFactory.getLogger(MilterSession.class);

    private final MilterSettings settings;
    private final SessionInfo session;
    private final Envelope envelope;
    private final MessageContent content;
    private MilterChannel channel;
    private int protocol;
    private final MilterOutcome outcome = new MilterOutcome();

    /**
     * @param settings the milter's configuration, not {@code null}
     * @param session  the SMTP session, not {@code null}
     * @param envelope the envelope, not {@code null}
     * @param content  the message, not {@code null}
     */
    MilterSession(MilterSettings settings, SessionInfo session, Envelope envelope, MessageContent content) {
        this.settings = settings;
        this.session = session;
        this.envelope = envelope;
        this.content = content;
    }

    /**
     * Runs the conversation.
     *
     * @return the milter's verdict, never {@code null}
     * @throws IOException if the connection fails or times out, or the milter breaks the protocol
     *                     ({@link MilterException})
     */
    Verdict run() throws IOException {
        channel = MilterChannel.open(settings.address(), settings.connectTimeout(), settings.readTimeout());
        try {
            boolean done = converse();
            try {
                channel.send(C_QUIT, new byte[0]);
            } catch (IOException e) {
                LOG.debug("milter {}: QUIT not sent: {}", settings.name(), e.toString());
            }
            if (!done) {
                LOG.debug("milter {}: accepted the message before its end", settings.name());
            }
            return outcome.verdict(settings.junkOnQuarantine());
        } catch (IOException | RuntimeException e) {
            outcome.discard();
            throw e;
        } finally {
            channel.close();
        }
    }

    /** @return {@code true} if the conversation reached its final answer, {@code false} if it ended early */
    private boolean converse() throws IOException {
        negotiate();
        InetAddress ip = session.remote().getAddress();
        if (!off(P_NOCONNECT)) {
            macros(C_CONNECT, MilterMacros.connect(settings.hostName(), session));
            channel.send(C_CONNECT, connectData(ip));
            if (!off(P_NR_CONN) && stop(reply("connect"))) {
                return false;
            }
        }
        if (!off(P_NOHELO) && session.helo() != null) {
            macros(C_HELO, MilterMacros.helo(session));
            channel.send(C_HELO, cstrings(session.helo()));
            if (!off(P_NR_HELO) && stop(reply("HELO"))) {
                return false;
            }
        }
        if (!off(P_NOMAIL)) {
            macros(C_MAIL, MilterMacros.mail(session, envelope));
            channel.send(C_MAIL, cstrings(mailArgs()));
            if (!off(P_NR_MAIL) && stop(reply("MAIL"))) {
                return false;
            }
        }
        if (!off(P_NORCPT) && rcpts()) {
            return false;
        }
        if (!off(P_NODATA)) {
            channel.send(C_DATA, new byte[0]);
            if (!off(P_NR_DATA) && stop(reply("DATA"))) {
                return false;
            }
        }
        try (InputStream in = content.open()) {
            List<HeaderFields.Field> fields = HeaderFields.read(in);
            if (!off(P_NOHDRS)) {
                for (HeaderFields.Field field : fields) {
                    channel.send(C_HEADER, latin1Strings(field.name(), field.value()));
                    if (!off(P_NR_HDR) && stop(reply("header"))) {
                        return false;
                    }
                }
            }
            if (!off(P_NOEOH)) {
                channel.send(C_EOH, new byte[0]);
                if (!off(P_NR_EOH) && stop(reply("end of header"))) {
                    return false;
                }
            }
            if (!off(P_NOBODY) && body(in)) {
                return false;
            }
            macros(C_BODYEOB, MilterMacros.endOfMessage(session));
            channel.send(C_BODYEOB, new byte[0]);
            endOfMessage(fields);
        }
        return true;
    }

    private void negotiate() throws IOException {
        ByteBuffer offer = ByteBuffer.allocate(12).putInt(VERSION).putInt(ACTIONS).putInt(PROTOCOL);
        channel.send(C_OPTNEG, offer.array());
        MilterPacket answer = channel.receive();
        if (answer.code() != C_OPTNEG) {
            throw new MilterException("milter answered the negotiation with " + name(answer.code()));
        }
        long version = answer.uint32(0);
        long actions = answer.uint32(4);
        long steps = answer.data().length >= 12 ? answer.uint32(8) : 0;
        if (version < 2) {
            throw new MilterException("milter speaks protocol version " + version + ", not 2..6");
        }
        if ((actions & ~ACTIONS) != 0 || (steps & ~PROTOCOL) != 0) {
            LOG.debug("milter {}: asked for actions 0x{} and steps 0x{} beyond those offered; ignored", settings.name(),
                    Long.toHexString(actions & ~ACTIONS), Long.toHexString(steps & ~PROTOCOL));
        }
        protocol = (int) (steps & PROTOCOL);
        LOG.debug("milter {}: version {}, actions 0x{}, steps 0x{}", settings.name(), version,
                Long.toHexString(actions), Long.toHexString(steps));
    }

    private boolean off(int flag) {
        return (protocol & flag) != 0;
    }

    private void macros(byte command, Map<String, String> macros) throws IOException {
        if (macros.isEmpty()) {
            return;
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.write(command);
        for (Map.Entry<String, String> m : macros.entrySet()) {
            data.writeBytes(m.getKey().getBytes(StandardCharsets.UTF_8));
            data.write(0);
            data.writeBytes(m.getValue().getBytes(StandardCharsets.UTF_8));
            data.write(0);
        }
        channel.send(C_MACRO, data.toByteArray());
    }

    private byte[] connectData(InetAddress ip) {
        String host = session.helo() != null && !session.helo().isBlank() ? session.helo()
                : "[" + ip.getHostAddress() + "]";
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(host.getBytes(StandardCharsets.UTF_8));
        data.write(0);
        InetAddress unmapped = MilterMacros.unmap(ip);
        data.write(unmapped instanceof Inet6Address ? '6' : unmapped instanceof Inet4Address ? '4' : 'U');
        int port = session.remote().getPort();
        data.write((port >> 8) & 0xff);
        data.write(port & 0xff);
        data.writeBytes(MilterMacros.text(unmapped).getBytes(StandardCharsets.US_ASCII));
        data.write(0);
        return data.toByteArray();
    }

    private String[] mailArgs() {
        Map<String, String> params = new TreeMap<>(envelope.parameters());
        String[] args = new String[1 + params.size()];
        args[0] = envelope.reversePath().toString();
        int i = 1;
        for (Map.Entry<String, String> p : params.entrySet()) {
            args[i++] = p.getValue().isEmpty() ? p.getKey() : p.getKey() + "=" + p.getValue();
        }
        return args;
    }

    /** @return {@code true} if the conversation ended */
    private boolean rcpts() throws IOException {
        Verdict lastRefusal = null;
        int refused = 0;
        for (Address rcpt : envelope.recipients()) {
            macros(C_RCPT, MilterMacros.rcpt(rcpt));
            channel.send(C_RCPT, cstrings("<" + rcpt + ">"));
            if (off(P_NR_RCPT)) {
                continue;
            }
            MilterPacket answer = reply("RCPT");
            if (answer.code() == R_REJECT || answer.code() == R_TEMPFAIL || answer.code() == R_REPLYCODE) {
                lastRefusal = refusal(answer);
                refused++;
                LOG.info("milter {}: refused recipient {} of session {} ({}); the message still goes to the others",
                        settings.name(), rcpt, session.sessionId(), lastRefusal);
            } else if (stop(answer)) {
                return true;
            }
        }
        if (refused > 0 && refused == envelope.recipients().size()) {
            outcome.end(lastRefusal);
            return true;
        }
        return false;
    }

    /** @return {@code true} if the conversation ended */
    private boolean body(InputStream in) throws IOException {
        byte[] chunk = new byte[BODY_CHUNK];
        while (true) {
            int n = in.readNBytes(chunk, 0, chunk.length);
            if (n <= 0) {
                return false;
            }
            byte[] data = n == chunk.length ? chunk.clone() : java.util.Arrays.copyOf(chunk, n);
            channel.send(C_BODY, data);
            if (!off(P_NR_BODY)) {
                MilterPacket answer = reply("body");
                if (answer.code() == R_SKIP) {
                    return false;
                }
                if (stop(answer)) {
                    return true;
                }
            }
            if (n < chunk.length) {
                return false;
            }
        }
    }

    private void endOfMessage(List<HeaderFields.Field> fields) throws IOException {
        while (true) {
            MilterPacket p = reply("end of message");
            switch (p.code()) {
                case R_ADDHEADER -> {
                    String[] nv = p.nameAndValue(0);
                    outcome.header(change(() -> HeaderChange.addLast(nv[0], unfold(nv[1]))));
                }
                case R_INSHEADER -> {
                    long index = p.uint32(0);
                    String[] nv = p.nameAndValue(4);
                    outcome.header(change(() -> index <= 1 ? HeaderChange.addFirst(nv[0], unfold(nv[1]))
                            : HeaderChange.addLast(nv[0], unfold(nv[1]))));
                }
                case R_CHGHEADER -> {
                    int index = (int) Math.max(1, Math.min(Integer.MAX_VALUE, p.uint32(0)));
                    String[] nv = p.nameAndValue(4);
                    String value = unfold(nv[1]);
                    boolean present = index <= HeaderFields.count(fields, nv[0]);
                    if (value.isBlank()) {
                        if (present) {
                            outcome.header(change(() -> new HeaderChange(HeaderChange.Kind.REMOVE, nv[0], null, index)));
                        }
                    } else {
                        outcome.header(change(() -> present ? HeaderChange.replace(nv[0], index, value)
                                : HeaderChange.addLast(nv[0], value)));
                    }
                }
                case R_REPLBODY -> outcome.body(p.data());
                case R_QUARANTINE -> {
                    List<String> reason = p.strings(0);
                    outcome.quarantine(reason.isEmpty() ? "" : reason.get(0));
                    LOG.info("milter {}: quarantined the message of session {}: {}", settings.name(),
                            session.sessionId(), outcome.quarantineReason());
                }
                case R_ADDRCPT, R_DELRCPT, R_ADDRCPT_PAR, R_CHGFROM ->
                        LOG.warn("milter {}: envelope change {} was not offered; ignored", settings.name(),
                                name(p.code()));
                case R_ACCEPT, R_CONTINUE -> {
                    return;
                }
                case R_REJECT, R_TEMPFAIL, R_REPLYCODE, R_DISCARD -> {
                    stop(p);
                    return;
                }
                default -> throw new MilterException("unexpected milter reply " + name(p.code()) + " at end of message");
            }
        }
    }

    /** Waits for the reply to a step, passing over progress notices. */
    private MilterPacket reply(String step) throws IOException {
        while (true) {
            MilterPacket p = channel.receive();
            if (p.code() != R_PROGRESS) {
                LOG.trace("milter {}: {} → {}", settings.name(), step, name(p.code()));
                return p;
            }
        }
    }

    /**
     * Handles the reply to a step before end of message.
     *
     * @return {@code true} if it ends the conversation
     * @throws MilterException if it is not a reply allowed here
     */
    private boolean stop(MilterPacket answer) throws MilterException {
        switch (answer.code()) {
            case R_CONTINUE:
                return false;
            case R_ACCEPT:
                return true;
            case R_DISCARD:
                outcome.end(Verdict.discard());
                return true;
            case R_REJECT, R_TEMPFAIL, R_REPLYCODE:
                outcome.end(refusal(answer));
                return true;
            default:
                throw new MilterException("unexpected milter reply " + name(answer.code()));
        }
    }

    private Verdict refusal(MilterPacket answer) throws MilterException {
        if (answer.code() == R_REJECT) {
            return Verdict.reject(550, "5.7.1", "Message rejected by content filter");
        }
        if (answer.code() == R_TEMPFAIL) {
            return Verdict.tempFail(451, "4.7.1", "Message deferred by content filter, try again later");
        }
        List<String> text = answer.strings(0);
        SmtpReply reply = ReplyCodes.parse(text.isEmpty() ? "" : text.get(0));
        return reply.isPermanent() ? Verdict.reject(reply) : Verdict.tempFail(reply);
    }

    /** A header change the milter asked for, or a protocol error if it is malformed. */
    private static HeaderChange change(java.util.function.Supplier<HeaderChange> change) throws MilterException {
        try {
            return change.get();
        } catch (IllegalArgumentException e) {
            throw new MilterException("milter sent a malformed header change: " + e.getMessage(), e);
        }
    }

    /** Removes the line breaks of a folded value (the white space after them stays) and leading white space. */
    static String unfold(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\r' && c != '\n' && c != 0) {
                out.append(c);
            }
        }
        return out.toString().stripLeading();
    }

    private static byte[] cstrings(String... strings) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (String s : strings) {
            data.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            data.write(0);
        }
        return data.toByteArray();
    }

    private static byte[] latin1Strings(String... strings) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (String s : strings) {
            data.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
            data.write(0);
        }
        return data.toByteArray();
    }
}
