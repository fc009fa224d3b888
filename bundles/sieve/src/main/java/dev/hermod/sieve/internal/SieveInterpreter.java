package dev.hermod.sieve.internal;

/**
 * Runs compiled scripts against messages. Thread safe: every run has its own state.
 *
 * <p>A run never throws for what a script does: a runtime error or an exceeded limit gives a
 * {@linkplain SieveResult#failed() failed} result whose only action is the implicit keep, so the message is
 * stored in INBOX (RFC 5228 §2.10.6).
 */
public final class SieveInterpreter {

    private final SieveLimits limits;
    private final SieveEnvironment environment;

    /** @return the environment runs get unless one is given */
    public SieveEnvironment environment() {
        return environment;
    }

    /**
     * @param limits      the limits of each run
     * @param environment mailboxes, includes, duplicate tracking and scores
     */
    public SieveInterpreter(SieveLimits limits, SieveEnvironment environment) {
        this.limits = limits;
        this.environment = environment;
    }

    /**
     * @param script  the script
     * @param message the message and its delivery
     * @return the actions to take, never {@code null}
     */
    public SieveResult run(SieveScript script, SieveMessage message) {
        return run(script, message, environment);
    }

    /**
     * @param script      the script
     * @param message     the message and its delivery
     * @param environment this run's environment instead of the interpreter's (e.g. with the session's
     *                    {@linkplain SieveEnvironment#environment() environment items})
     * @return the actions to take, never {@code null}
     */
    public SieveResult run(SieveScript script, SieveMessage message, SieveEnvironment environment) {
        try {
            return new Run(limits, environment, message).execute(script);
        } catch (SieveRuntimeException | SieveException e) {
            return SieveResult.failed(e.getMessage());
        } catch (RuntimeException e) {
            return SieveResult.failed("internal error: " + e);
        }
    }
}
