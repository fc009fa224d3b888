package dev.hermod.sieve.internal;

import dev.hermod.api.filter.HeaderChange;
import java.util.List;

/**
 * What a run decided.
 *
 * @param actions       the actions in the order taken, the implicit keep last if it applies (as a
 *                      {@link SieveAction.Keep} with {@code implicit} set); never empty for a failed run
 * @param headerChanges the {@code addheader}/{@code deleteheader} edits (RFC 5293), in order
 * @param duplicates    the duplicate tracking keys to record now that the run succeeded (RFC 7352 §3)
 * @param error         why the run failed, or {@code null}; a failed run's only action is the implicit keep
 */
public record SieveResult(List<SieveAction> actions, List<HeaderChange> headerChanges,
                          List<DuplicateMark> duplicates, String error) {

    /**
     * A key for the "duplicate" test to remember.
     *
     * @param key     the tracking key
     * @param seconds for how long
     */
    public record DuplicateMark(String key, long seconds) {
    }

    /**
     * @param actions the actions
     * @param headerChanges the header edits
     * @param duplicates the duplicate keys to record
     * @param error why the run failed, or {@code null}
     */
    public SieveResult {
        actions = List.copyOf(actions);
        headerChanges = List.copyOf(headerChanges);
        duplicates = List.copyOf(duplicates);
    }

    /**
     * @param error why the run failed
     * @return the result of a failed run: the implicit keep, nothing else (RFC 5228 §2.10.6)
     */
    static SieveResult failed(String error) {
        return new SieveResult(List.of(new SieveAction.Keep(List.of(), true)), List.of(), List.of(), error);
    }

    /** @return whether the run failed; the message is then kept in INBOX */
    public boolean failed() {
        return error != null;
    }
}
