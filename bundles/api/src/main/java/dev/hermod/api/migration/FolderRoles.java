package dev.hermod.api.migration;

import dev.hermod.api.mail.MailboxRole;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The special-use role of a folder from another server, by the names mail clients and servers commonly give
 * those folders (compared without case, at the top level or under INBOX).
 */
public final class FolderRoles {

    private static final Map<String, MailboxRole> NAMES = Map.ofEntries(
            Map.entry("inbox", MailboxRole.INBOX),
            Map.entry("sent", MailboxRole.SENT), Map.entry("sent items", MailboxRole.SENT),
            Map.entry("sent messages", MailboxRole.SENT), Map.entry("sent mail", MailboxRole.SENT),
            Map.entry("drafts", MailboxRole.DRAFTS), Map.entry("draft", MailboxRole.DRAFTS),
            Map.entry("trash", MailboxRole.TRASH), Map.entry("deleted items", MailboxRole.TRASH),
            Map.entry("deleted messages", MailboxRole.TRASH), Map.entry("bin", MailboxRole.TRASH),
            Map.entry("junk", MailboxRole.JUNK), Map.entry("spam", MailboxRole.JUNK),
            Map.entry("junk e-mail", MailboxRole.JUNK), Map.entry("junk email", MailboxRole.JUNK),
            Map.entry("bulk mail", MailboxRole.JUNK),
            Map.entry("archive", MailboxRole.ARCHIVE), Map.entry("archives", MailboxRole.ARCHIVE));

    private FolderRoles() {
    }

    /**
     * The role a folder path suggests.
     *
     * @param path      the folder's path on the source, not {@code null}
     * @param separator the source's hierarchy separator
     * @return the role for a top-level folder (or one directly under INBOX) with a well-known name, else empty
     */
    public static Optional<MailboxRole> byName(String path, char separator) {
        String p = path;
        String inboxPrefix = "INBOX" + separator;
        if (p.regionMatches(true, 0, inboxPrefix, 0, inboxPrefix.length())) {
            p = p.substring(inboxPrefix.length());
        }
        if (p.indexOf(separator) >= 0) {
            return Optional.empty();
        }
        return Optional.ofNullable(NAMES.get(p.toLowerCase(Locale.ROOT)));
    }
}
