package dev.hermod.smtp.internal;

import dev.hermod.api.filter.Verdict;

/** Reading filter verdicts in the session. */
final class Verdicts {

    private Verdicts() {
    }

    /** Whether a verdict, or one inside a {@link Verdict.Combined}, discards the message. */
    static boolean discards(Verdict v) {
        if (v instanceof Verdict.Discard) {
            return true;
        }
        return v instanceof Verdict.Combined c && c.verdicts().stream().anyMatch(x -> x instanceof Verdict.Discard);
    }
}
