package dev.hermod.api.mail;

import java.util.Optional;

/**
 * What a mailbox is for, as IMAP special-use attributes (RFC 6154, RFC 8457) and JMAP mailbox roles
 * (RFC 8621 §2, IANA "IMAP Mailbox Name Attributes" registry) say it. An account has at most one
 * mailbox per role.
 */
public enum MailboxRole {
    /** Where mail arrives. IMAP has no attribute for it: the mailbox is named {@code INBOX}. */
    INBOX(null, "inbox"),
    /** Drafts being composed. */
    DRAFTS("\\Drafts", "drafts"),
    /** Copies of sent messages. */
    SENT("\\Sent", "sent"),
    /** Messages judged to be spam. */
    JUNK("\\Junk", "junk"),
    /** Deleted messages kept for a while. */
    TRASH("\\Trash", "trash"),
    /** Archived messages. */
    ARCHIVE("\\Archive", "archive"),
    /** A virtual mailbox presenting every message of the account. */
    ALL("\\All", "all"),
    /** A virtual mailbox presenting the flagged messages. */
    FLAGGED("\\Flagged", "flagged"),
    /** Messages deemed important (RFC 8457). */
    IMPORTANT("\\Important", "important");

    private final String imapAttribute;
    private final String jmapRole;

    MailboxRole(String imapAttribute, String jmapRole) {
        this.imapAttribute = imapAttribute;
        this.jmapRole = jmapRole;
    }

    /**
     * The IMAP special-use attribute, e.g. {@code \Sent}.
     *
     * @return the attribute with its backslash, or empty for {@link #INBOX}
     */
    public Optional<String> imapAttribute() {
        return Optional.ofNullable(imapAttribute);
    }

    /**
     * The JMAP {@code Mailbox/role} value, e.g. {@code sent}.
     *
     * @return the role name in lower case, never {@code null}
     */
    public String jmapRole() {
        return jmapRole;
    }

    /**
     * The role of an IMAP special-use attribute, compared case-insensitively as IMAP atoms are.
     *
     * @param attribute e.g. {@code \Junk}, not {@code null}
     * @return the role, or empty if the attribute is not a special-use attribute Hermod knows
     */
    public static Optional<MailboxRole> fromImapAttribute(String attribute) {
        for (MailboxRole role : values()) {
            if (role.imapAttribute != null && role.imapAttribute.equalsIgnoreCase(attribute)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /**
     * The role of a JMAP role name; JMAP role names are lower case and compared exactly.
     *
     * @param role e.g. {@code junk}, not {@code null}
     * @return the role, or empty if the name is not a role Hermod knows
     */
    public static Optional<MailboxRole> fromJmapRole(String role) {
        for (MailboxRole r : values()) {
            if (r.jmapRole.equals(role)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
