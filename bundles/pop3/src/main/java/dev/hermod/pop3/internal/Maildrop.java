package dev.hermod.pop3.internal;

import dev.hermod.api.mail.MailboxId;
import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mailbox.KeywordChange;
import dev.hermod.api.mailbox.Keywords;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.MailboxException;
import dev.hermod.api.mailbox.MailboxView;
import dev.hermod.api.mailbox.MessageEntry;
import dev.hermod.api.mailbox.StoredMessage;
import dev.hermod.api.mail.MessageId;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One session's maildrop: the account's INBOX as it was at login, numbered 1..n in UID order. RFC 1939 §5
 * fixes the numbers for the session, so changes made meanwhile by IMAP, JMAP or delivery do not renumber it:
 * new mail shows at the next login, and a message removed elsewhere answers {@code -ERR} when retrieved.
 * Deletion marks live here until {@link #update}, the UPDATE state of RFC 1939 §6.
 */
final class Maildrop {

    private final MailAccount account;
    private final MailboxId inbox;
    private final long uidValidity;
    private final List<MessageEntry> messages;
    private final boolean[] deleted;
    private final boolean[] retrieved;

    private Maildrop(MailAccount account, MailboxView view) {
        this.account = account;
        this.inbox = view.mailbox().id();
        this.uidValidity = view.mailbox().uidValidity();
        this.messages = view.entries();
        this.deleted = new boolean[messages.size()];
        this.retrieved = new boolean[messages.size()];
    }

    /**
     * @param account the logged-in account
     * @return its INBOX as it is now
     */
    static Maildrop open(MailAccount account) {
        var inbox = account.mailbox(MailboxRole.INBOX)
                .orElseThrow(() -> Pop3Exception.err("SYS/PERM", "The account has no INBOX"));
        return new Maildrop(account, account.view(inbox.id()));
    }

    /** @return the number of messages not marked deleted */
    int count() {
        int n = 0;
        for (boolean d : deleted) {
            n += d ? 0 : 1;
        }
        return n;
    }

    /** @return the size in octets of the messages not marked deleted */
    long size() {
        long size = 0;
        for (int i = 0; i < deleted.length; i++) {
            size += deleted[i] ? 0 : messages.get(i).size();
        }
        return size;
    }

    /** @return the highest message number, deleted ones included */
    int last() {
        return messages.size();
    }

    boolean deleted(int number) {
        return deleted[number - 1];
    }

    /**
     * @param arg a message number from the client
     * @return the message
     * @throws Pop3Exception if there is no such message or it is marked deleted
     */
    MessageEntry get(String arg) {
        int number = number(arg);
        if (deleted[number - 1]) {
            throw Pop3Exception.err("Message " + number + " is deleted");
        }
        return messages.get(number - 1);
    }

    /** @return the message number the client means; it may be marked deleted */
    int number(String arg) {
        int number;
        try {
            number = Integer.parseInt(arg);
        } catch (NumberFormatException e) {
            throw Pop3Exception.err("Invalid message number: " + Pop3Session.printable(arg));
        }
        if (number < 1 || number > messages.size()) {
            throw Pop3Exception.err("No such message");
        }
        return number;
    }

    /** @return the message of a number from {@link #number} */
    MessageEntry entry(int number) {
        return messages.get(number - 1);
    }

    /**
     * The unique-id listing of RFC 1939 §7: the INBOX's UIDVALIDITY and the message's UID, which stay the
     * same across sessions and are never given to another message of the mailbox.
     */
    String uid(MessageEntry message) {
        return uidValidity + "." + message.uid();
    }

    void delete(int number) {
        deleted[number - 1] = true;
    }

    void retrieved(int number) {
        retrieved[number - 1] = true;
    }

    /** RSET: unmarks every message. */
    void reset() {
        Arrays.fill(deleted, false);
    }

    /**
     * The raw message as stored.
     *
     * @throws Pop3Exception if it was removed meanwhile by another client
     */
    InputStream open(MessageEntry message) {
        try {
            return account.open(message.id(), 0, -1);
        } catch (MailboxException e) {
            if (e.reason() == MailboxException.Reason.NO_SUCH_MESSAGE) {
                throw Pop3Exception.err("The message was removed by another client");
            }
            throw e;
        }
    }

    /**
     * The UPDATE state (RFC 1939 §6): removes the messages marked deleted from INBOX — a message that is
     * also in another mailbox stays there, one only in INBOX is destroyed — and, with {@code markSeen}, adds
     * {@code $seen} to the retrieved ones that stay.
     *
     * @return how many messages were removed
     */
    int update(boolean markSeen) {
        List<MessageId> destroy = new ArrayList<>();
        List<Long> seen = new ArrayList<>();
        int removed = 0;
        for (int i = 0; i < messages.size(); i++) {
            MessageEntry m = messages.get(i);
            if (!deleted[i]) {
                if (markSeen && retrieved[i] && !m.keywords().contains(Keywords.SEEN)) {
                    seen.add(m.uid());
                }
                continue;
            }
            StoredMessage stored;
            try {
                stored = account.message(m.id());
            } catch (MailboxException e) {
                if (e.reason() == MailboxException.Reason.NO_SUCH_MESSAGE) {
                    continue;
                }
                throw e;
            }
            if (!stored.mailboxes().containsKey(inbox)) {
                continue;
            }
            Set<MailboxId> others = new HashSet<>(stored.mailboxes().keySet());
            others.remove(inbox);
            if (others.isEmpty()) {
                destroy.add(m.id());
            } else {
                account.setMailboxes(m.id(), others);
            }
            removed++;
        }
        if (!destroy.isEmpty()) {
            account.destroy(destroy);
        }
        if (!seen.isEmpty()) {
            account.store(inbox, seen, new KeywordChange(KeywordChange.Operation.ADD, Set.of(Keywords.SEEN), -1));
        }
        return removed;
    }
}
