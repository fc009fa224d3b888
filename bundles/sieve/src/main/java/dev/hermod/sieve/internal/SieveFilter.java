package dev.hermod.sieve.internal;

import dev.hermod.api.filter.DeliveryContext;
import dev.hermod.api.filter.MessageFilter;
import dev.hermod.api.filter.Verdict;
import dev.hermod.api.mail.Envelope;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs each account's active Sieve script at delivery ({@link MessageFilter#onDelivery}). Scripts come from a
 * provider function (account → compiled script), which caches them; without a script the filter proceeds.
 *
 * <p>{@code redirect} and {@code vacation} are not carried out yet (see {@link SieveVerdicts}). A script
 * error keeps the message in INBOX and is reported to the error listener. The message content cannot be read
 * → {@link UncheckedIOException}, which makes the core keep the message queued.
 */
public final class SieveFilter implements MessageFilter {

    private final Function<String, Optional<SieveScript>> scripts;
    private final SieveInterpreter interpreter;
    private final Clock clock;
    private final OutboundActions actions;
    private final Consumer<String> errors;
    private final String host;

    /**
     * @param scripts     the active script of an account, by principal name
     * @param interpreter runs the scripts
     * @param clock       the current time and the server's zone
     * @param errors      told of each failed run, with the account and reason (e.g. a logger)
     */
    public SieveFilter(Function<String, Optional<SieveScript>> scripts, SieveInterpreter interpreter, Clock clock,
                       Consumer<String> errors) {
        this(scripts, interpreter, clock, errors, "localhost");
    }

    /**
     * @param scripts     the active script of an account, by principal name
     * @param interpreter runs the scripts
     * @param clock       the current time and the server's zone
     * @param errors      told of each failed run, with the account and reason (e.g. a logger)
     * @param host        this server's host name, for the environment items "host" and "domain"
     */
    public SieveFilter(Function<String, Optional<SieveScript>> scripts, SieveInterpreter interpreter, Clock clock,
                       Consumer<String> errors, String host) {
        this(scripts, interpreter, clock, errors, host, null);
    }

    /**
     * @param scripts     the active script of an account, by principal name
     * @param interpreter runs the scripts
     * @param clock       the current time and the server's zone
     * @param errors      told of each failed run, with the account and reason (e.g. a logger)
     * @param host        this server's host name, for the environment items "host" and "domain"
     * @param actions     sends redirects and vacation replies, or {@code null} not to (a redirect then keeps)
     */
    SieveFilter(Function<String, Optional<SieveScript>> scripts, SieveInterpreter interpreter, Clock clock,
                Consumer<String> errors, String host, OutboundActions actions) {
        this.actions = actions;
        this.host = host;
        this.scripts = scripts;
        this.interpreter = interpreter;
        this.clock = clock;
        this.errors = errors;
    }

    @Override
    public Verdict onDelivery(DeliveryContext delivery) {
        Optional<SieveScript> script = scripts.apply(delivery.account());
        if (script.isEmpty()) {
            return Verdict.proceed();
        }
        byte[] bytes;
        try (InputStream in = delivery.content().open()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the message for Sieve", e);
        }
        String from = delivery.envelope().reversePath().mailbox().map(Object::toString).orElse("");
        SieveMessage message = new MimeSieveMessage(bytes, from, delivery.recipient().toString(),
                ZonedDateTime.now(clock));
        Envelope envelope = delivery.envelope();
        SieveEnvironment env = interpreter.environment().withEnvironment(EnvironmentItems.of("delivery", host,
                envelope.remoteAddress(), null, envelope.helo(), envelope.authenticatedUser()));
        SieveResult result = interpreter.run(script.get(), message, env);
        if (result.failed()) {
            errors.accept("Sieve script " + script.get().name() + " of " + delivery.account()
                    + " failed, message kept in INBOX: " + result.error());
            return SieveVerdicts.toVerdict(result);
        }
        boolean redirected = actions != null && actions.carryOut(result, delivery, message, bytes);
        return SieveVerdicts.toVerdict(result, redirected);
    }
}
