package dev.hermod.sieve.internal;

/**
 * A script cannot be compiled: a syntax error, an unknown command, test or tag, an extension used without
 * {@code require}, or a limit exceeded. The message names the line and what to fix.
 */
public final class SieveException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int line;

    /**
     * @param line    the script line, from 1, or 0 if unknown
     * @param message what is wrong
     */
    public SieveException(int line, String message) {
        super(line > 0 ? "line " + line + ": " + message : message);
        this.line = line;
    }

    /** @return the script line the error is on, from 1, or 0 if unknown */
    public int line() {
        return line;
    }
}
