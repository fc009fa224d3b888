package dev.hermod.api.mailbox;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The mail store service, registered by the core. It keeps no accounts of its own: an account exists
 * when the directory knows a principal of that name, and its mail data is created at first use.
 */
@ProviderType
public interface MailStore {

    /**
     * Opens an account's mail, creating its id and special-use mailboxes (Inbox, Drafts, Sent, Junk,
     * Trash, Archive) the first time.
     *
     * @param accountName the principal's name in the directory
     * @return the account
     * @throws MailboxException NO_SUCH_ACCOUNT if the directory has no such individual principal
     * @throws dev.hermod.api.mail.TemporaryFailureException if storage or the directory is unavailable
     */
    MailAccount account(String accountName);
}
