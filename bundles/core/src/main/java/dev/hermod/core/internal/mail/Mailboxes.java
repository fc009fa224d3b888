package dev.hermod.core.internal.mail;

import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mailbox.Changes.Collection;
import dev.hermod.api.mailbox.MailboxException.Reason;
import java.util.LinkedHashMap;
import java.util.Map;

/** Creating, renaming, changing and (the first phase of) deleting mailboxes, inside an {@link AccountTxn}. */
final class Mailboxes {

    /** The special-use mailboxes every account starts with (RFC 6154), in this order. */
    static final Map<MailboxRole, String> SPECIAL_USE = specialUse();

    private Mailboxes() {
    }

    private static Map<MailboxRole, String> specialUse() {
        Map<MailboxRole, String> m = new LinkedHashMap<>();
        m.put(MailboxRole.INBOX, MailboxNames.INBOX);
        m.put(MailboxRole.DRAFTS, "Drafts");
        m.put(MailboxRole.SENT, "Sent");
        m.put(MailboxRole.JUNK, "Junk");
        m.put(MailboxRole.TRASH, "Trash");
        m.put(MailboxRole.ARCHIVE, "Archive");
        return m;
    }

    static MailboxRecord create(AccountTxn t, String name, Long parent, MailboxRole role) {
        String checked = MailboxNames.check(name);
        long parentId = parent == null ? MailboxRecord.NO_PARENT : t.mailbox(parent).id();
        MailboxTree tree = new MailboxTree(t.allMailboxes());
        checkUnique(tree, checked, parentId, -1);
        if (role != null && tree.withRole(role).isPresent()) {
            throw Errors.of(Reason.ALREADY_EXISTS, "Another mailbox already has the role " + role.jmapRole()
                    + " (" + tree.path(tree.withRole(role).get().id()) + "); an account has one mailbox per role.");
        }
        MailboxRecord created = MailboxRecord.create(t.next(MailKeys.NEXT_MAILBOX), checked, parentId, role,
                nextUidValidity(t), t.modSeq);
        t.put(created);
        t.changes.created(Collection.MAILBOX, created.id());
        return created;
    }

    static MailboxRecord rename(AccountTxn t, long id, String name, Long parent) {
        MailboxRecord mailbox = t.mailbox(id);
        String checked = MailboxNames.check(name);
        long parentId = parent == null ? MailboxRecord.NO_PARENT : t.mailbox(parent).id();
        if (mailbox.role() == MailboxRole.INBOX && (!checked.equals(mailbox.name()) || parentId != mailbox.parent())) {
            throw Errors.of(Reason.CANNOT, "INBOX cannot be renamed or moved; create another mailbox and move"
                    + " the messages instead.");
        }
        MailboxTree tree = new MailboxTree(t.allMailboxes());
        if (parent != null && tree.isWithin(parentId, id)) {
            throw Errors.of(Reason.INVALID_PARENT, "A mailbox cannot be moved into itself or one of its children.");
        }
        checkUnique(tree, checked, parentId, id);
        MailboxRecord renamed = mailbox.withPlace(checked, parentId);
        t.put(renamed);
        t.changes.updated(Collection.MAILBOX, id);
        return renamed;
    }

    static MailboxRecord update(AccountTxn t, long id, boolean subscribed, MailboxRole role, int sortOrder) {
        MailboxRecord mailbox = t.mailbox(id);
        if (mailbox.role() == MailboxRole.INBOX && role != MailboxRole.INBOX) {
            throw Errors.of(Reason.CANNOT, "INBOX keeps its role: mail is delivered there.");
        }
        if (role != null && role != mailbox.role()) {
            MailboxTree tree = new MailboxTree(t.allMailboxes());
            if (tree.withRole(role).isPresent()) {
                throw Errors.of(Reason.ALREADY_EXISTS, "Another mailbox already has the role " + role.jmapRole()
                        + " (" + tree.path(tree.withRole(role).get().id()) + "); remove it there first.");
            }
        }
        MailboxRecord updated = mailbox.withSettings(subscribed, role, sortOrder);
        t.put(updated);
        t.changes.updated(Collection.MAILBOX, id);
        return updated;
    }

    /** Marks a mailbox deleted: from now on no reader sees it; {@link MailboxDeletion} does the rest. */
    static void markDeleted(AccountTxn t, long id, boolean removeMessages) {
        MailboxRecord mailbox = t.mailbox(id);
        if (mailbox.role() == MailboxRole.INBOX) {
            throw Errors.of(Reason.CANNOT, "INBOX cannot be deleted.");
        }
        MailboxTree tree = new MailboxTree(t.allMailboxes());
        if (!tree.children(id).isEmpty()) {
            throw Errors.of(Reason.HAS_CHILDREN, "Mailbox " + tree.path(id) + " has child mailboxes; delete or move"
                    + " them first.");
        }
        if (!removeMessages && mailbox.messages() > 0) {
            throw Errors.of(Reason.HAS_MESSAGES, "Mailbox " + tree.path(id) + " still holds " + mailbox.messages()
                    + " messages; move them away or delete it with its messages.");
        }
        t.put(mailbox.markedDeleting());
        t.changes.destroyed(Collection.MAILBOX, id);
    }

    private static void checkUnique(MailboxTree tree, String name, long parent, long self) {
        for (MailboxRecord sibling : tree.children(parent)) {
            if (sibling.id() != self && MailboxNames.clash(sibling.name(), name, parent == MailboxRecord.NO_PARENT)) {
                throw Errors.of(Reason.ALREADY_EXISTS, "A mailbox named '" + sibling.name() + "' already exists"
                        + (parent == MailboxRecord.NO_PARENT ? " at the top level." : " there."));
            }
        }
    }

    /**
     * UIDVALIDITY: the time in seconds, or one more than the account's last if that is not later, so that
     * a mailbox re-created under an old name never repeats one (RFC 9051 §2.3.1.1). Fits 32 bits until 2106.
     */
    private static long nextUidValidity(AccountTxn t) {
        long value = Math.max(System.currentTimeMillis() / 1000, t.counter(MailKeys.LAST_UIDVALIDITY) + 1);
        t.txn.set(MailKeys.counter(t.account, MailKeys.LAST_UIDVALIDITY), MailKeys.counterBytes(value));
        return value;
    }
}
