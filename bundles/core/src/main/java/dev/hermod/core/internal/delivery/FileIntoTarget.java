package dev.hermod.core.internal.delivery;

import dev.hermod.api.filter.Verdict;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.Mailbox;
import dev.hermod.api.mailbox.MailboxException;
import dev.hermod.api.mail.MailboxId;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds, and creates when asked, the mailbox a {@link Verdict.FileInto} names. */
final class FileIntoTarget {

    private static final Logger LOG = LoggerFactory.getLogger(FileIntoTarget.class);

    private FileIntoTarget() {
    }

    /**
     * The mailbox by name first, then by special use (created at first use, as the store does for roles).
     * A name that does not exist and is not to be created falls back to the special use if one is given,
     * otherwise to {@code null}: the caller keeps the message in the INBOX (RFC 5228 §4.1 lets a server
     * keep a message whose fileinto target is missing).
     */
    static Mailbox find(MailAccount account, Verdict.FileInto into) {
        if (into.mailbox() != null) {
            Optional<Mailbox> named = account.find(into.mailbox());
            if (named.isPresent()) {
                return named.get();
            }
            if (into.create()) {
                try {
                    return create(account, into.mailbox());
                } catch (MailboxException e) {
                    LOG.warn("Cannot create mailbox {} for account {}: {}", into.mailbox(), account.name(),
                            e.getMessage());
                }
            } else {
                LOG.info("Mailbox {} of account {} does not exist; filing into the INBOX", into.mailbox(),
                        account.name());
            }
        }
        return into.specialUse() == null ? null : account.mailbox(into.specialUse()).orElse(null);
    }

    private static Mailbox create(MailAccount account, String path) {
        MailboxId parent = null;
        Mailbox box = null;
        StringBuilder sofar = new StringBuilder();
        for (String name : path.split(java.util.regex.Pattern.quote(String.valueOf(MailAccount.SEPARATOR)))) {
            if (name.isEmpty()) {
                continue;
            }
            if (sofar.length() > 0) {
                sofar.append(MailAccount.SEPARATOR);
            }
            sofar.append(name);
            Optional<Mailbox> existing = account.find(sofar.toString());
            box = existing.isPresent() ? existing.get() : account.createMailbox(name, parent, null);
            parent = box.id();
        }
        return box;
    }
}
