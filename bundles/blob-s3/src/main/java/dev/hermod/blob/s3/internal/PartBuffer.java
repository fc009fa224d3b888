package dev.hermod.blob.s3.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The bytes of one upload part, read from the caller's stream and hashed on the way. Starts small and grows
 * up to the part size, so that the usual small blob does not cost a whole part of memory.
 */
final class PartBuffer {

    private static final int INITIAL = 64 * 1024;

    private final int capacity;
    private byte[] bytes;
    private int size;
    private boolean ended;

    PartBuffer(int capacity) {
        this.capacity = capacity;
        this.bytes = new byte[Math.min(capacity, INITIAL)];
    }

    /**
     * Replaces the content with the next bytes of {@code in}, up to a full part or the end of the stream.
     *
     * @throws IOException if reading {@code in} fails
     */
    void fill(InputStream in, MessageDigest digest) throws IOException {
        size = 0;
        while (size < capacity) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(capacity, 2L * bytes.length));
            }
            int n = in.read(bytes, size, bytes.length - size);
            if (n < 0) {
                ended = true;
                return;
            }
            digest.update(bytes, size, n);
            size += n;
        }
    }

    int size() {
        return size;
    }

    /** @return whether the stream has ended; the last part is in the buffer */
    boolean ended() {
        return ended;
    }

    /** A request body over the current content, re-readable for the SDK's signing and retries; no copy. */
    RequestBody body() {
        byte[] content = bytes;
        int length = size;
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(content, 0, length), length,
                "application/octet-stream");
    }
}
