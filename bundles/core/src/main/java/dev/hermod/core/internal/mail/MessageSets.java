package dev.hermod.core.internal.mail;

import dev.hermod.api.mail.MailboxId;
import dev.hermod.api.mail.MessageId;
import dev.hermod.api.mailbox.Changes;
import dev.hermod.api.mailbox.StoredMessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** JMAP Email/set: the mailboxes a message is in, and destroying messages wherever they are. */
final class MessageSets {

    private MessageSets() {
    }

    static Optional<StoredMessage> setMailboxes(MailContext context, long account, long id, Set<MailboxId> mailboxes) {
        if (mailboxes.isEmpty()) {
            if (destroy(context, account, List.of(MessageId.of(id))).isEmpty()) {
                throw Errors.noSuchMessage(id);
            }
            return Optional.empty();
        }
        Set<Long> wanted = new TreeSet<>();
        mailboxes.forEach(m -> wanted.add(m.value()));
        return Optional.of(context.write(account, t -> {
            MessageRecord message = MessageWrites.load(t, id);
            if (message == null) {
                throw Errors.noSuchMessage(id);
            }
            wanted.forEach(t::mailbox);
            MessageRecord before = message;
            byte[] sort = message.mailboxes().keySet().containsAll(wanted) ? null : MessageWrites.sortRecord(t, message);
            for (long mailbox : new TreeSet<>(message.mailboxes().keySet())) {
                if (!wanted.contains(mailbox)) {
                    message = MessageWrites.leave(t, message, mailbox);
                }
            }
            for (long mailbox : wanted) {
                if (!message.mailboxes().containsKey(mailbox)) {
                    message = MessageWrites.join(t, message, mailbox, sort);
                }
            }
            if (message != before) {
                MessageWrites.save(t, message);
                t.changes.updated(Changes.Collection.EMAIL, id);
            }
            return message.toStoredMessage();
        }).value());
    }

    static List<MessageId> destroy(MailContext context, long account, Collection<MessageId> ids) {
        List<Long> values = new ArrayList<>();
        ids.forEach(id -> values.add(id.value()));
        List<MessageId> destroyed = new ArrayList<>();
        for (List<Long> batch : Batches.of(values, context.settings.batchSize())) {
            destroyed.addAll(context.write(account, t -> {
                List<MessageId> done = new ArrayList<>();
                for (long id : batch) {
                    MessageRecord message = MessageWrites.load(t, id);
                    if (message != null) {
                        MessageWrites.destroy(t, message);
                        done.add(MessageId.of(id));
                    }
                }
                return done;
            }).value());
        }
        return destroyed;
    }
}
