package dev.hermod.api.directory;

/** What kind of principal a directory entry is. */
public enum PrincipalType {
    /** A person or service with its own account, mailboxes and credentials. */
    INDIVIDUAL,
    /**
     * A shared account (e.g. {@code support@}): it has mailboxes, which its members may access; it may
     * have no credentials of its own.
     */
    GROUP,
    /**
     * A mailing list: an address that forwards to its members and has no mailboxes. Its members are
     * listed by {@link Directory#expand(String)}.
     */
    LIST
}
