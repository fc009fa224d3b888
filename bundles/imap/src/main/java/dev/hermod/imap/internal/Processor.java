package dev.hermod.imap.internal;

import java.util.Set;

/**
 * Carries out the commands of one family (as Apache James' IMAP processors do). Runs on the session's
 * serial executor, so it may call the store and the directory directly.
 */
interface Processor {

    /** @return the command names this processor handles, upper case */
    Set<String> commands();

    /**
     * @param name the command name
     * @param state the session's state
     * @return whether the command is valid in that state
     */
    boolean allowed(String name, SessionState state);

    /**
     * Carries out a command: reads its arguments, writes untagged responses through the session.
     *
     * @param command the command
     * @param session the session
     * @return the text of the tagged OK, response code included ({@code [READ-WRITE] SELECT completed}),
     *         or {@code null} when the processor completes the command itself later (IDLE, AUTHENTICATE,
     *         STARTTLS, LOGOUT)
     * @throws ImapException for a tagged NO or BAD
     */
    String process(Command command, ImapSession session);
}
