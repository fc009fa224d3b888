package dev.hermod.sieve.internal;

/**
 * Limits on a script's size and on what one run may do. A run that exceeds one stops with an error, and the
 * message is kept (RFC 5228 §2.10.6).
 *
 * @param maxScriptSize   the largest script, in UTF-8 bytes, the compiler accepts
 * @param maxSteps        the most commands and tests one run may execute, included scripts counted
 * @param maxRedirects    the most {@code redirect} actions of one run (RFC 5228 §4.2 asks for a limit)
 * @param maxHeaderEdits  the most {@code addheader} and {@code deleteheader} changes of one run
 * @param maxIncludeDepth the deepest nesting of {@code include} (RFC 6609 §3.2)
 * @param maxActions      the most actions of one run
 */
public record SieveLimits(int maxScriptSize, int maxSteps, int maxRedirects, int maxHeaderEdits,
                          int maxIncludeDepth, int maxActions) {

    /** Defaults: 1 MiB scripts, 100000 steps, 4 redirects, 100 header edits, include depth 10, 1000 actions. */
    public static final SieveLimits DEFAULT = new SieveLimits(1 << 20, 100_000, 4, 100, 10, 1000);

    /**
     * @param maxScriptSize the largest script, in UTF-8 bytes, the compiler accepts
     * @param maxSteps the most commands and tests one run may execute, included scripts counted
     * @param maxRedirects the most {@code redirect} actions of one run
     * @param maxHeaderEdits the most {@code addheader} and {@code deleteheader} changes of one run
     * @param maxIncludeDepth the deepest nesting of {@code include}
     * @param maxActions the most actions of one run
     * @throws IllegalArgumentException if a limit is negative, or the size or steps not positive
     */
    public SieveLimits {
        if (maxScriptSize < 1 || maxSteps < 1 || maxRedirects < 0 || maxHeaderEdits < 0 || maxIncludeDepth < 0
                || maxActions < 1) {
            throw new IllegalArgumentException("Sieve limits must not be negative; size and steps at least 1");
        }
    }
}
