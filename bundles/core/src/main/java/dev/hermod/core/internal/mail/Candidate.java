package dev.hermod.core.internal.mail;

import dev.hermod.api.message.MessageSummary;
import java.util.Set;

/**
 * One message as a search weighs it. It starts with what its UID entry (or message record) says; the
 * rest is loaded only if a criterion still needs it: the message record, the {@link SortRecord}, and last
 * the stored summary.
 */
final class Candidate {

    /** Its UID in {@link #mailbox}, or -1 when it comes from its message record. */
    final long uid;
    /** The mailbox its UID entry was read from, or -1. */
    final long mailbox;
    final long message;
    final long modSeq;
    final long size;
    final long receivedAt;
    final Set<String> keywords;
    final long content;

    MessageRecord record;
    boolean sortLoaded;
    SortRecord sort;
    boolean summaryLoaded;
    MessageSummary summary;

    Candidate(long mailbox, UidEntry entry) {
        this.uid = entry.uid();
        this.mailbox = mailbox;
        this.message = entry.message();
        this.modSeq = entry.modSeq();
        this.size = entry.size();
        this.receivedAt = entry.receivedAt();
        this.keywords = entry.keywords();
        this.content = entry.content();
    }

    Candidate(MessageRecord record) {
        this.uid = -1;
        this.mailbox = -1;
        this.message = record.id();
        this.modSeq = record.modSeq();
        this.size = record.size();
        this.receivedAt = record.receivedAt();
        this.keywords = record.keywords();
        this.content = record.content();
        this.record = record;
    }

    /** The thread, from what is loaded; -1 if neither the record nor the sort record is. */
    long thread() {
        if (record != null) {
            return record.thread();
        }
        return sort != null ? sort.thread() : -1;
    }
}
