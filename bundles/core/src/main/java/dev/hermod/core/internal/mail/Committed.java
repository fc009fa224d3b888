package dev.hermod.core.internal.mail;

import dev.hermod.api.mail.BlobHash;
import java.util.List;

/**
 * What a committed account transaction left for after the commit.
 *
 * @param value the function's result
 * @param state the account's state after it
 * @param changed whether it took a change id
 * @param released blobs the account stopped referring to, to delete if no account does
 * @param prune whether the change log should be pruned
 * @param indexWork whether postings were written or contents released ({@link FullText#compact})
 */
record Committed<T>(T value, long state, boolean changed, List<BlobHash> released, boolean prune, boolean indexWork) {
}
