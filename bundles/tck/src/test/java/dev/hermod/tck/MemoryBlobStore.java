package dev.hermod.tck;

import dev.hermod.api.blob.BlobNotFoundException;
import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.mail.BlobHash;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/** The simplest correct store but for memory: it holds every blob on the heap. Checks the contract itself. */
final class MemoryBlobStore implements BlobStore {

    private final ConcurrentSkipListMap<String, byte[]> blobs = new ConcurrentSkipListMap<>();

    @Override
    public BlobHash put(InputStream content) throws IOException {
        byte[] bytes = content.readAllBytes();
        BlobHash hash = BlobHash.sha256(bytes);
        blobs.putIfAbsent(hash.hex(), bytes);
        return hash;
    }

    @Override
    public InputStream get(BlobHash hash) {
        return get(hash, 0, -1);
    }

    @Override
    public InputStream get(BlobHash hash, long offset, long length) {
        if (offset < 0 || length < -1) {
            throw new IllegalArgumentException();
        }
        byte[] bytes = bytes(hash);
        int from = (int) Math.min(offset, bytes.length);
        int count = length < 0 ? bytes.length - from : (int) Math.min(length, bytes.length - from);
        return new ByteArrayInputStream(bytes, from, count);
    }

    @Override
    public boolean exists(BlobHash hash) {
        return blobs.containsKey(hash.hex());
    }

    @Override
    public long size(BlobHash hash) {
        return bytes(hash).length;
    }

    @Override
    public boolean delete(BlobHash hash) {
        return blobs.remove(hash.hex()) != null;
    }

    @Override
    public List<BlobHash> list(BlobHash after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException();
        }
        var tail = after == null ? blobs : blobs.tailMap(after.hex(), false);
        return tail.keySet().stream().limit(limit).map(BlobHash::new).toList();
    }

    private byte[] bytes(BlobHash hash) {
        byte[] bytes = blobs.get(hash.hex());
        if (bytes == null) {
            throw new BlobNotFoundException(hash);
        }
        return bytes;
    }
}
