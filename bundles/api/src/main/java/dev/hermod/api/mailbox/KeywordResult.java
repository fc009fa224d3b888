package dev.hermod.api.mailbox;

import java.util.List;

/**
 * The result of a keyword change.
 *
 * @param changed the messages changed, with their new keywords and MODSEQ, in UID order
 * @param notModified UIDs skipped because their MODSEQ was above UNCHANGEDSINCE (RFC 7162 MODIFIED)
 * @param modSeq the change id of the change, or the unchanged state when nothing changed
 */
public record KeywordResult(List<MessageEntry> changed, List<Long> notModified, long modSeq) {

    public KeywordResult {
        changed = List.copyOf(changed);
        notModified = List.copyOf(notModified);
    }
}
