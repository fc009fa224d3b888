package dev.hermod.imap.internal;

/**
 * One parsed command: its tag, its name in upper case (without {@code UID}), whether it came as a
 * {@code UID} command, and its arguments positioned after the name.
 */
record Command(String tag, String name, boolean uid, Arguments args) {
}
