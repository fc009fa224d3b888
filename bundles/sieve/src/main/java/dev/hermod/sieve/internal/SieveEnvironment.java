package dev.hermod.sieve.internal;

import dev.hermod.api.filter.FilterState;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What a run may ask of the server beyond the message: mailboxes, included scripts, duplicate tracking and
 * where scanners leave their scores.
 *
 * @param mailboxExists tells whether the account has a mailbox of the given name ({@code mailboxexists}, RFC
 *                      5490 §3.1)
 * @param includes      finds included scripts (RFC 6609)
 * @param duplicates    tells whether a duplicate tracking key (see {@link SieveResult.DuplicateMark}) was
 *                      recorded and has not expired (RFC 7352); the caller records the keys of the result
 * @param spamScore     where {@code spamtest} reads its score, or {@code null}: the test then sees "0" (not
 *                      scanned)
 * @param virusScore    where {@code virustest} reads its score, or {@code null}
 * @param environment   the items the {@code environment} test reads (RFC 5183 §4), by lower-case name; an
 *                      item not in the map is unknown and the test is false (see {@link EnvironmentItems})
 * @param state         the keys of {@code kvset} and {@code kvage} (extension {@code vnd.hermod.kv}, trusted
 *                      scripts only), or {@code null}: those then fail the run
 */
public record SieveEnvironment(Predicate<String> mailboxExists, IncludeResolver includes,
                               Predicate<String> duplicates, ScoreHeader spamScore, ScoreHeader virusScore,
                               Map<String, String> environment, FilterState state) {

    /**
     * @param mailboxExists tells whether the account has a mailbox
     * @param includes finds included scripts
     * @param duplicates tells whether a tracking key was seen
     * @param spamScore where spamtest reads, or {@code null}
     * @param virusScore where virustest reads, or {@code null}
     * @param environment the environment items, copied
     * @param state the filter state, or {@code null}
     */
    public SieveEnvironment {
        environment = Map.copyOf(environment);
    }

    /** Finds the scripts that {@code include} names. */
    @FunctionalInterface
    public interface IncludeResolver {
        /**
         * @param global whether {@code :global} was given (the admin's scripts) rather than {@code :personal}
         * @param name   the script name
         * @return the compiled script (cache it: it is immutable), or {@code null} if there is none
         * @throws SieveException if the script exists but does not compile; the run fails and the message is
         *                        kept
         */
        SieveScript resolve(boolean global, String name);
    }

    /**
     * INBOX exists, nothing can be included, nothing is a duplicate, no scanner scores; of the environment only
     * "name" and "version".
     */
    public static final SieveEnvironment DEFAULT = new SieveEnvironment(name -> name.equalsIgnoreCase("INBOX"),
            (global, name) -> null, key -> false, null, null, EnvironmentItems.product(), null);

    /**
     * @param mailboxExists tells whether the account has a mailbox
     * @return a copy with that mailbox check
     */
    public SieveEnvironment withMailboxExists(Predicate<String> mailboxExists) {
        return new SieveEnvironment(mailboxExists, includes, duplicates, spamScore, virusScore, environment, state);
    }

    /**
     * @param includes finds included scripts
     * @return a copy with that resolver
     */
    public SieveEnvironment withIncludes(IncludeResolver includes) {
        return new SieveEnvironment(mailboxExists, includes, duplicates, spamScore, virusScore, environment, state);
    }

    /**
     * @param duplicates tells whether a tracking key was seen
     * @return a copy with that check
     */
    public SieveEnvironment withDuplicates(Predicate<String> duplicates) {
        return new SieveEnvironment(mailboxExists, includes, duplicates, spamScore, virusScore, environment, state);
    }

    /**
     * @param spam  where spamtest reads, or {@code null}
     * @param virus where virustest reads, or {@code null}
     * @return a copy with those score headers
     */
    public SieveEnvironment withScores(ScoreHeader spam, ScoreHeader virus) {
        return new SieveEnvironment(mailboxExists, includes, duplicates, spam, virus, environment, state);
    }

    /**
     * @param environment the items of the {@code environment} test by lower-case name
     * @return a copy with those items
     */
    public SieveEnvironment withEnvironment(Map<String, String> environment) {
        return new SieveEnvironment(mailboxExists, includes, duplicates, spamScore, virusScore, environment, state);
    }

    /**
     * @param state the keys of {@code kvset} and {@code kvage}, or {@code null}
     * @return a copy with that state
     */
    public SieveEnvironment withState(FilterState state) {
        return new SieveEnvironment(mailboxExists, includes, duplicates, spamScore, virusScore, environment, state);
    }
}
