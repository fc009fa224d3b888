package dev.hermod.cli;

/** What {@code hermod-cli} exits with. */
final class ExitCodes {

    /** The operation succeeded (a restore also verified). */
    static final int OK = 0;
    /** The server refused the operation as asked: wrong account, path, archive; the message says what to change. */
    static final int FAILED = 1;
    /** The command line was wrong (picocli's usage error). */
    static final int USAGE = 2;
    /** The server refused the credentials. */
    static final int UNAUTHORIZED = 3;
    /** The server could not be reached, or its answer was not understood. */
    static final int UNREACHABLE = 4;
    /** A temporary failure: try again later; imports and migrations resume where they stopped. */
    static final int TEMPORARY = 5;
    /** A restore finished, but the store does not match the archive's summary. */
    static final int NOT_VERIFIED = 6;

    private ExitCodes() {
    }

    /** The exit codes for the usage help. */
    static final String HELP = "Exit codes: 0 done; 1 refused (see the message); 2 usage error; 3 credentials refused;"
            + " 4 server unreachable; 5 temporary failure, run again to resume; 6 restore not verified.";
}
