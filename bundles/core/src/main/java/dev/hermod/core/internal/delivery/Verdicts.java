package dev.hermod.core.internal.delivery;

import dev.hermod.api.filter.Verdict;
import java.util.ArrayList;
import java.util.List;

/** Small rules about verdicts shared by every stage. */
final class Verdicts {

    private Verdicts() {
    }

    /** The verdicts inside {@code v}, in order; empty for {@link Verdict.Proceed}. */
    static List<Verdict> flatten(Verdict v) {
        if (v == null || v instanceof Verdict.Proceed) {
            return List.of();
        }
        if (v instanceof Verdict.Combined c) {
            return c.verdicts();
        }
        return List.of(v);
    }

    /** Whether a verdict ends its stage: no further filter is asked. */
    static boolean terminal(Verdict v) {
        return v instanceof Verdict.Accept || v instanceof Verdict.Discard || v instanceof Verdict.Reject
                || v instanceof Verdict.TempFail;
    }

    static boolean refusal(Verdict v) {
        return v instanceof Verdict.Reject || v instanceof Verdict.TempFail;
    }

    /**
     * One verdict for a list that a stage collected: {@link Verdict#proceed()} for none, the verdict for one,
     * otherwise a {@link Verdict.Combined}. A refusal drops what came before it (a refused message is filed
     * nowhere), as {@link Verdict.Combined} requires.
     */
    static Verdict of(List<Verdict> collected) {
        if (collected.isEmpty()) {
            return Verdict.proceed();
        }
        Verdict last = collected.get(collected.size() - 1);
        if (refusal(last) || collected.size() == 1) {
            return last;
        }
        return new Verdict.Combined(new ArrayList<>(collected));
    }
}
