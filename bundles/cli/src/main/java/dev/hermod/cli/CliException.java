package dev.hermod.cli;

/** A failure with the exit code it maps to. */
final class CliException extends Exception {

    private static final long serialVersionUID = 1L;
    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
