package dev.hermod.core.internal.mail;

import dev.hermod.api.store.KeyValueIterator;
import dev.hermod.api.store.Keys;
import dev.hermod.api.store.ReadTransaction;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Parsed summaries, one per blob per account under {@code 10 account 05 hash 01 chunk(2)}, split into
 * chunks of {@value #CHUNK} bytes to stay under the store's value limit. The first byte of the summary
 * names its format (see {@link MessageIndexer}). Copies share the summary of their blob.
 */
final class Summaries {

    static final int CHUNK = 90_000;
    static final int MAX_CHUNKS = 0xFFFF;

    private Summaries() {
    }

    static void write(AccountTxn t, byte[] hash, byte[] summary) {
        int chunks = Math.max(1, (summary.length + CHUNK - 1) / CHUNK);
        if (chunks > MAX_CHUNKS) {
            throw new IllegalArgumentException("summary of " + summary.length + " bytes is too large");
        }
        for (int i = 0; i < chunks; i++) {
            int from = i * CHUNK;
            t.txn.set(MailKeys.summaryChunk(t.account, hash, i),
                    Arrays.copyOfRange(summary, from, Math.min(summary.length, from + CHUNK)));
        }
    }

    /** @return the summary, or {@code null} if none is stored */
    static byte[] read(ReadTransaction txn, long account, byte[] hash) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean any = false;
        try (KeyValueIterator it = txn.prefix(MailKeys.summaryChunks(account, hash), 0, false)) {
            while (it.hasNext()) {
                out.writeBytes(it.next().value());
                any = true;
            }
        }
        return any ? out.toByteArray() : null;
    }

    static void clear(AccountTxn t, byte[] hash) {
        byte[] prefix = MailKeys.summaryChunks(t.account, hash);
        t.txn.clearRange(prefix, Keys.strinc(prefix));
    }
}
