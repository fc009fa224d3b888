package dev.hermod.core.internal.mail;

import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.mail.BlobHash;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A blob store that counts the reads of blob content, to show what does not read any. */
final class CountingBlobStore implements BlobStore {

    private final BlobStore delegate;
    private final AtomicLong reads = new AtomicLong();

    CountingBlobStore(BlobStore delegate) {
        this.delegate = delegate;
    }

    /** @return the calls of either {@code get} so far */
    long reads() {
        return reads.get();
    }

    @Override
    public BlobHash put(InputStream content) throws IOException {
        return delegate.put(content);
    }

    @Override
    public InputStream get(BlobHash hash) {
        reads.incrementAndGet();
        return delegate.get(hash);
    }

    @Override
    public InputStream get(BlobHash hash, long offset, long length) {
        reads.incrementAndGet();
        return delegate.get(hash, offset, length);
    }

    @Override
    public boolean exists(BlobHash hash) {
        return delegate.exists(hash);
    }

    @Override
    public long size(BlobHash hash) {
        return delegate.size(hash);
    }

    @Override
    public boolean delete(BlobHash hash) {
        return delegate.delete(hash);
    }

    @Override
    public List<BlobHash> list(BlobHash after, int limit) {
        return delegate.list(after, limit);
    }
}
