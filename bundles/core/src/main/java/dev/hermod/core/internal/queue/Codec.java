package dev.hermod.core.internal.queue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Write and read helpers for the queue's records: a format byte first, then fixed fields. No Java serialization. */
final class Codec {

    private Codec() {
    }

    /** Writes one record. */
    @FunctionalInterface
    interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads one record. */
    @FunctionalInterface
    interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    static byte[] encode(int format, Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(format);
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * @throws IllegalStateException if the value is of another format or truncated: a reader never guesses
     */
    static <T> T decode(byte[] value, int format, String what, Reader<T> reader) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            int version = in.readUnsignedByte();
            if (version != format) {
                throw new IllegalStateException(what + " record of format " + version + " (this version reads "
                        + format + ")");
            }
            return reader.read(in);
        } catch (IOException e) {
            throw new IllegalStateException("corrupt " + what + " record", e);
        }
    }
}
