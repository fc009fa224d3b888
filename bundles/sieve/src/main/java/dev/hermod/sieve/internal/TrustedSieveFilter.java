package dev.hermod.sieve.internal;

import dev.hermod.api.filter.FilterStage;
import dev.hermod.api.filter.FilterState;
import dev.hermod.api.filter.MessageContent;
import dev.hermod.api.filter.MessageFilter;
import dev.hermod.api.filter.SessionInfo;
import dev.hermod.api.filter.Verdict;
import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.Envelope;
import dev.hermod.api.mail.ReversePath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The administrator's trusted Sieve scripts at the SMTP stages: one script per stage (connect, EHLO, MAIL,
 * RCPT, DATA), read from the files {@code etc/sieve.trusted.cfg} names and compiled once at activation, with
 * every extension, {@code vnd.hermod.kv} (the core's {@link FilterState}) included. Nothing runs until that
 * configuration exists.
 *
 * <p>Each run sees what is known at its stage: the session as {@code environment} items (RFC 5183; see
 * {@link EnvironmentItems}), at MAIL the envelope sender, at RCPT the sender and this recipient as the
 * envelope, at DATA the message and the envelope (its first recipient as {@code envelope "to"}); before DATA
 * the header is empty. Results: {@code defer} → {@link Verdict.TempFail}, {@code reject}/{@code ereject} →
 * {@link Verdict.Reject} {@code 550 5.7.1} (the reply to the command of the stage), {@code discard} at DATA →
 * {@link Verdict.Discard}; anything else proceeds. A script that fails at run time is logged and the stage
 * proceeds (fail open).
 */
@Component(service = MessageFilter.class, configurationPid = TrustedSieveFilter.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = {"name=sieve.trusted", MessageFilter.STAGES + "=connect", MessageFilter.STAGES + "=ehlo",
                MessageFilter.STAGES + "=mail", MessageFilter.STAGES + "=rcpt", MessageFilter.STAGES + "=data",
                "service.ranking:Integer=50"})
@Designate(ocd = TrustedSieveFilter.Config.class)
public final class TrustedSieveFilter implements MessageFilter {

    static final String PID = "sieve.trusted";

    @ObjectClassDefinition(name = "Hermod trusted Sieve scripts at the SMTP stages")
    public @interface Config {
        @AttributeDefinition(description = "Script run when a client connects (file path; empty: none).")
        String script_connect() default "";

        @AttributeDefinition(description = "Script run at EHLO/HELO/LHLO (file path; empty: none).")
        String script_ehlo() default "";

        @AttributeDefinition(description = "Script run at MAIL FROM (file path; empty: none).")
        String script_mail() default "";

        @AttributeDefinition(description = "Script run at each RCPT TO (file path; empty: none).")
        String script_rcpt() default "";

        @AttributeDefinition(description = "Script run once the message is received (file path; empty: none).")
        String script_data() default "";

        @AttributeDefinition(description = "This server's host name for the environment items \"host\" and "
                + "\"domain\"; empty: the machine's.")
        String hostname() default "";

        @AttributeDefinition(description = "Most commands and tests one run may execute.")
        int max_steps() default 10_000;
    }

    private static final Logger LOG = LoggerFactory.getLogger(TrustedSieveFilter.class);
    /** Sessions whose MAIL FROM is remembered for RCPT: the most recent ones. */
    private static final int MAX_SESSIONS = 10_000;

    private final Map<FilterStage, SieveScript> scripts = new EnumMap<>(FilterStage.class);
    private final SieveInterpreter interpreter;
    private final SieveEnvironment environment;
    private final String host;
    private final Clock clock = Clock.systemDefaultZone();
    /** The envelope sender of each session's current transaction, by session id. */
    private final Map<String, String> senders = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > MAX_SESSIONS;
                }
            });

    @Activate
    public TrustedSieveFilter(@Reference FilterState state, Config config) {
        SieveLimits limits = new SieveLimits(SieveLimits.DEFAULT.maxScriptSize(), Math.max(1, config.max_steps()),
                SieveLimits.DEFAULT.maxRedirects(), SieveLimits.DEFAULT.maxHeaderEdits(),
                SieveLimits.DEFAULT.maxIncludeDepth(), SieveLimits.DEFAULT.maxActions());
        SieveCompiler compiler = new SieveCompiler(limits, true);
        compile(compiler, FilterStage.CONNECT, config.script_connect());
        compile(compiler, FilterStage.EHLO, config.script_ehlo());
        compile(compiler, FilterStage.MAIL, config.script_mail());
        compile(compiler, FilterStage.RCPT, config.script_rcpt());
        compile(compiler, FilterStage.DATA, config.script_data());
        this.environment = SieveEnvironment.DEFAULT.withState(state);
        this.interpreter = new SieveInterpreter(limits, environment);
        this.host = config.hostname().isBlank() ? EnvironmentItems.localHost() : config.hostname().trim();
    }

    private void compile(SieveCompiler compiler, FilterStage stage, String file) {
        if (file == null || file.isBlank()) {
            return;
        }
        Path path = Path.of(file.trim());
        try {
            scripts.put(stage, compiler.compile(path.toString(), Files.readString(path)));
            LOG.info("trusted Sieve script {} runs at {}", path, stage.name().toLowerCase(Locale.ROOT));
        } catch (IOException e) {
            LOG.error("trusted Sieve script {} for {} cannot be read, the stage runs without it: {}", path,
                    stage.name().toLowerCase(Locale.ROOT), e.toString());
        } catch (SieveException e) {
            LOG.error("trusted Sieve script {} for {} does not compile, the stage runs without it: {}", path,
                    stage.name().toLowerCase(Locale.ROOT), e.getMessage());
        }
    }

    @Override
    public Verdict onConnect(SessionInfo session) {
        senders.remove(session.sessionId());
        return run(FilterStage.CONNECT, session, null, "", "");
    }

    @Override
    public Verdict onEhlo(SessionInfo session, String helo) {
        return run(FilterStage.EHLO, session, null, "", "");
    }

    @Override
    public Verdict onMail(SessionInfo session, ReversePath sender) {
        String from = sender.mailbox().map(Address::toString).orElse("");
        senders.put(session.sessionId(), from);
        return run(FilterStage.MAIL, session, null, from, "");
    }

    @Override
    public Verdict onRcpt(SessionInfo session, Address recipient) {
        String from = senders.getOrDefault(session.sessionId(), "");
        return run(FilterStage.RCPT, session, null, from, recipient.toString());
    }

    @Override
    public Verdict onData(SessionInfo session, Envelope envelope, MessageContent content) {
        String from = envelope.reversePath().mailbox().map(Address::toString).orElse("");
        String to = envelope.recipients().isEmpty() ? "" : envelope.recipients().get(0).toString();
        return run(FilterStage.DATA, session, content, from, to);
    }

    private Verdict run(FilterStage stage, SessionInfo session, MessageContent content, String from, String to) {
        SieveScript script = scripts.get(stage);
        if (script == null) {
            return Verdict.proceed();
        }
        String stageName = stage.name().toLowerCase(Locale.ROOT);
        try {
            byte[] bytes = new byte[0];
            if (content != null) {
                try (InputStream in = content.open()) {
                    bytes = in.readAllBytes();
                }
            }
            SieveMessage message = new MimeSieveMessage(bytes, from, to, ZonedDateTime.now(clock));
            SieveEnvironment env = environment.withEnvironment(EnvironmentItems.of(stageName, host,
                    session.remote().getAddress(), null, session.helo(), session.authenticatedUser()));
            SieveResult result = interpreter.run(script, message, env);
            if (result.failed()) {
                LOG.warn("trusted Sieve script {} failed at {} in session {}, proceeding: {}", script.name(),
                        stageName, session.sessionId(), result.error());
                return Verdict.proceed();
            }
            return verdict(result, stage);
        } catch (IOException | RuntimeException e) {
            LOG.warn("trusted Sieve script {} failed at {} in session {}, proceeding: {}", script.name(), stageName,
                    session.sessionId(), e.toString());
            return Verdict.proceed();
        }
    }

    /** The verdict of a successful run at a stage. */
    static Verdict verdict(SieveResult result, FilterStage stage) {
        boolean discard = false;
        boolean kept = false;
        for (SieveAction a : result.actions()) {
            if (a instanceof SieveAction.Defer d) {
                return Verdict.tempFail(SieveVerdicts.deferReply(d.reason()));
            }
        }
        for (SieveAction a : result.actions()) {
            if (a instanceof SieveAction.Reject r) {
                String text = SieveVerdicts.oneLine(r.reason());
                return Verdict.reject(550, "5.7.1", text.isEmpty() ? "Message rejected" : text);
            }
            discard |= a instanceof SieveAction.Discard;
            kept |= a instanceof SieveAction.Keep || a instanceof SieveAction.FileInto
                    || a instanceof SieveAction.Redirect;
        }
        return stage == FilterStage.DATA && discard && !kept ? Verdict.discard() : Verdict.proceed();
    }
}
