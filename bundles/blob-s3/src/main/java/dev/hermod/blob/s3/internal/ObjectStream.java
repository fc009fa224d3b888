package dev.hermod.blob.s3.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The stream a get returns: an object's body, ending after {@code limit} bytes, with the SDK's unchecked
 * failures while reading (a checksum mismatch, an aborted connection) reported as {@link IOException}s.
 */
final class ObjectStream extends FilterInputStream {

    private long remaining;

    ObjectStream(InputStream body, long limit) {
        super(body);
        this.remaining = limit < 0 ? Long.MAX_VALUE : limit;
    }

    @Override
    public int read() throws IOException {
        if (remaining <= 0) {
            return -1;
        }
        try {
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        } catch (SdkException e) {
            throw new IOException("reading the blob from S3 failed: " + e.getMessage(), e);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (remaining <= 0) {
            return -1;
        }
        try {
            int n = super.read(buffer, offset, (int) Math.min(length, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        } catch (SdkException e) {
            throw new IOException("reading the blob from S3 failed: " + e.getMessage(), e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            long skipped = super.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        } catch (SdkException e) {
            throw new IOException("reading the blob from S3 failed: " + e.getMessage(), e);
        }
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(super.available(), remaining);
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
