package dev.hermod.api.mailbox;

import java.util.List;

/**
 * The result of IMAP COPY or MOVE: the source and destination UIDs in matching order (RFC 4315 COPYUID).
 *
 * @param uidValidity the destination mailbox's UIDVALIDITY
 * @param sourceUids the UIDs copied, ascending
 * @param targetUids the UIDs they got, in the same order
 * @param modSeq the change id of the operation
 */
public record CopyResult(long uidValidity, List<Long> sourceUids, List<Long> targetUids, long modSeq) {

    public CopyResult {
        sourceUids = List.copyOf(sourceUids);
        targetUids = List.copyOf(targetUids);
        if (sourceUids.size() != targetUids.size()) {
            throw new IllegalArgumentException("source and target UID lists differ in length");
        }
    }
}
