package dev.hermod.smtp.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where a message being received waits for delivery: in memory up to a threshold, in a temporary file past
 * it. Most mail is small, and a file created and deleted per message costs the file system more than the
 * message's bytes do. Not thread safe: written on the event loop, read once by the delivering worker.
 */
final class MessageSpool extends OutputStream {

    private final int memoryLimit;
    private byte[] buffer = new byte[8192];
    private int count;
    private Path file;
    private OutputStream fileOut;
    private boolean closed;

    MessageSpool(int memoryLimit) {
        this.memoryLimit = memoryLimit;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("spool closed");
        }
        if (fileOut == null && count + len > memoryLimit) {
            file = Files.createTempFile("hermod-smtp-", ".eml");
            fileOut = new java.io.BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
            fileOut.write(buffer, 0, count);
            buffer = null;
        }
        if (fileOut != null) {
            fileOut.write(b, off, len);
            return;
        }
        if (count + len > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(count + len, Math.min(memoryLimit, buffer.length * 2)));
        }
        System.arraycopy(b, off, buffer, count, len);
        count += len;
    }

    /** Ends writing. */
    @Override
    public void close() throws IOException {
        closed = true;
        if (fileOut != null) {
            fileOut.close();
        }
    }

    /** The message from its first byte; call after {@link #close()}. */
    InputStream open() throws IOException {
        return file != null ? Files.newInputStream(file) : new ByteArrayInputStream(buffer, 0, count);
    }

    /** Frees the memory or deletes the file. */
    void discard() {
        buffer = null;
        if (fileOut != null) {
            try {
                fileOut.close();
            } catch (IOException ignored) {
                // the file is deleted next
            }
        }
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover temporary file
            }
        }
    }
}
