package dev.hermod.imap.internal;

/** The connection states of RFC 9051 §3. */
enum SessionState {
    /** Before LOGIN or AUTHENTICATE. */
    NOT_AUTHENTICATED,
    /** Logged in, no mailbox selected. */
    AUTHENTICATED,
    /** A mailbox is selected (SELECT or EXAMINE). */
    SELECTED,
    /** LOGOUT was sent, or the server is closing the connection. */
    LOGOUT
}
