package dev.hermod.core.internal.mail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/** Appends the codec's primitives to a growing buffer: unsigned LEB128 varints, zigzag, strings, raw bytes. */
final class ByteWriter {

    /** Keywords written as one code byte; the index is the code. Append only: codes are stored. */
    static final String[] KNOWN_KEYWORDS = {null, "$seen", "$answered", "$flagged", "$draft", "$deleted",
        "$forwarded", "$junk", "$notjunk", "$mdnsent", "$phishing"};

    private byte[] buf;
    private int size;

    ByteWriter(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    ByteWriter u8(int value) {
        ensure(1);
        buf[size++] = (byte) value;
        return this;
    }

    /** An unsigned varint; negative values take 10 bytes. */
    ByteWriter varint(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            buf[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buf[size++] = (byte) value;
        return this;
    }

    ByteWriter zigzag(long value) {
        return varint((value << 1) ^ (value >> 63));
    }

    ByteWriter bytes(byte[] value) {
        return bytes(value, 0, value.length);
    }

    ByteWriter bytes(byte[] value, int offset, int length) {
        ensure(length);
        System.arraycopy(value, offset, buf, size, length);
        size += length;
        return this;
    }

    /** A string: its UTF-8 length as a varint, then the bytes. */
    ByteWriter string(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        return varint(utf8.length).bytes(utf8);
    }

    /** Keywords: a count, then per keyword a code byte, 0 followed by a string for unknown ones. */
    ByteWriter keywords(Set<String> keywords) {
        varint(keywords.size());
        for (String keyword : new TreeSet<>(keywords)) {
            int code = Arrays.asList(KNOWN_KEYWORDS).indexOf(keyword);
            if (code > 0) {
                u8(code);
            } else {
                u8(0).string(keyword);
            }
        }
        return this;
    }

    /** Ascending ids: a count, the first, then the differences. */
    ByteWriter ascending(Collection<Long> ids) {
        varint(ids.size());
        long previous = 0;
        for (long id : new TreeSet<>(ids)) {
            varint(id - previous);
            previous = id;
        }
        return this;
    }

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
