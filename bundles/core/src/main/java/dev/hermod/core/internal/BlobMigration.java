package dev.hermod.core.internal;

import dev.hermod.api.admin.MigrationProgress;
import dev.hermod.api.admin.MigrationReport;
import dev.hermod.api.admin.StorageAdmin.Kind;
import dev.hermod.api.admin.StoreDigest;
import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.mail.BlobHash;
import dev.hermod.api.mail.TemporaryFailureException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Streams every blob the target lacks from one blob store to another, checking each hash on arrival. */
final class BlobMigration {

    static final int PAGE = 500;
    private static final String KIND = "blob";
    private static final Logger LOG = LoggerFactory.getLogger(BlobMigration.class);

    private final String fromName;
    private final BlobStore from;
    private final String toName;
    private final BlobStore to;
    private final MigrationCursors cursors;

    BlobMigration(String fromName, BlobStore from, String toName, BlobStore to, MigrationCursors cursors) {
        this.fromName = fromName;
        this.from = from;
        this.toName = toName;
        this.to = to;
        this.cursors = cursors;
    }

    MigrationReport run(boolean restart, MigrationProgress progress) {
        Optional<String> saved = restart ? Optional.empty() : cursors.load(KIND, fromName, toName);
        BlobHash after = saved.map(BlobHash::parse).orElse(null);
        LOG.info("{} blob migration {} -> {}{}", saved.isPresent() ? "Resuming" : "Starting", fromName, toName,
                saved.map(h -> " after " + h).orElse(""));
        long total = count(from);
        long seen = 0;
        long copied = 0;
        long bytes = 0;
        for (List<BlobHash> page; !(page = from.list(after, PAGE)).isEmpty(); after = page.get(page.size() - 1)) {
            for (BlobHash hash : page) {
                if (!to.exists(hash)) {
                    bytes += copy(hash);
                    copied++;
                }
                seen++;
                progress.update("copying", seen, total, bytes);
            }
            cursors.save(KIND, fromName, toName, page.get(page.size() - 1).hex());
        }
        cursors.clear(KIND, fromName, toName);
        StoreDigest source = digest(fromName, from, (p, d, t, b) -> progress.update("verifying " + fromName, d, t, b));
        StoreDigest target = digest(toName, to, (p, d, t, b) -> progress.update("verifying " + toName, d, t, b));
        MigrationReport report = new MigrationReport(copied, 0, saved.isPresent(), source, target);
        LOG.info("Blob migration {} -> {}: {} blobs copied ({} bytes), {}", fromName, toName, copied, bytes,
                report.verified() ? "verified: " + target.entries() + " blobs, sha256 " + target.sha256()
                        : "MISMATCH (source " + source + ", target " + target + ")");
        return report;
    }

    private long copy(BlobHash hash) {
        try (InputStream in = from.get(hash)) {
            BlobHash stored = to.put(in);
            if (!stored.equals(hash)) {
                to.delete(stored);
                throw new TemporaryFailureException("Blob " + hash.hex() + " read back from '" + fromName
                        + "' as " + stored.hex() + ": the source returned different bytes; nothing kept");
            }
            return to.size(hash);
        } catch (IOException e) {
            throw new TemporaryFailureException("Copying blob " + hash.hex() + " from '" + fromName + "' to '"
                    + toName + "' failed: " + e.getMessage(), e);
        }
    }

    private static long count(BlobStore store) {
        long n = 0;
        BlobHash after = null;
        for (List<BlobHash> page; !(page = store.list(after, PAGE)).isEmpty(); after = page.get(page.size() - 1)) {
            n += page.size();
        }
        return n;
    }

    static StoreDigest digest(String name, BlobStore store, MigrationProgress progress) {
        MessageDigest sha = KeyValueMigration.sha256();
        long entries = 0;
        long bytes = 0;
        BlobHash after = null;
        for (List<BlobHash> page; !(page = store.list(after, PAGE)).isEmpty(); after = page.get(page.size() - 1)) {
            for (BlobHash hash : page) {
                sha.update(hash.bytes());
                bytes += store.size(hash);
                entries++;
            }
            progress.update("digest", entries, -1, bytes);
        }
        return new StoreDigest(name, Kind.BLOB, entries, bytes, HexFormat.of().formatHex(sha.digest()));
    }
}
