package dev.hermod.itests.provider;

import dev.hermod.api.blob.BlobNotFoundException;
import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.mail.BlobHash;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An in-memory blob store: a stand-in third-party provider for the registry tests, not a product part. */
public final class TestBlobStore implements BlobStore {

    private final Map<BlobHash, byte[]> blobs = new ConcurrentHashMap<>();

    @Override
    public BlobHash put(InputStream content) throws IOException {
        byte[] bytes = content.readAllBytes();
        try {
            BlobHash hash = BlobHash.of(MessageDigest.getInstance("SHA-256").digest(bytes));
            blobs.putIfAbsent(hash, bytes);
            return hash;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public InputStream get(BlobHash hash) {
        return new ByteArrayInputStream(bytes(hash));
    }

    @Override
    public InputStream get(BlobHash hash, long offset, long length) {
        byte[] bytes = bytes(hash);
        int from = (int) Math.min(offset, bytes.length);
        int to = length < 0 ? bytes.length : (int) Math.min(bytes.length, offset + length);
        return new ByteArrayInputStream(bytes, from, to - from);
    }

    @Override
    public boolean exists(BlobHash hash) {
        return blobs.containsKey(hash);
    }

    @Override
    public long size(BlobHash hash) {
        return bytes(hash).length;
    }

    @Override
    public boolean delete(BlobHash hash) {
        return blobs.remove(hash) != null;
    }

    @Override
    public List<BlobHash> list(BlobHash after, int limit) {
        return blobs.keySet().stream()
                .filter(h -> after == null || h.hex().compareTo(after.hex()) > 0)
                .sorted(Comparator.comparing(BlobHash::hex))
                .limit(limit)
                .toList();
    }

    private byte[] bytes(BlobHash hash) {
        byte[] bytes = blobs.get(hash);
        if (bytes == null) {
            throw new BlobNotFoundException(hash);
        }
        return bytes;
    }
}
