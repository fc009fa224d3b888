package dev.hermod.core.internal.mail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads what {@link ByteWriter} wrote; a truncated or corrupt value is an {@link IllegalStateException}. */
final class ByteReader {

    private final byte[] buf;
    private int at;

    ByteReader(byte[] buf) {
        this.buf = buf;
    }

    ByteReader(byte[] buf, int offset) {
        this.buf = buf;
        this.at = offset;
    }

    int u8() {
        check(1);
        return buf[at++] & 0xFF;
    }

    long varint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = u8();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalStateException("corrupt varint at offset " + at);
    }

    int varint32() {
        long value = varint();
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new IllegalStateException("length out of range: " + value);
        }
        return (int) value;
    }

    long zigzag() {
        long v = varint();
        return (v >>> 1) ^ -(v & 1);
    }

    byte[] bytes(int length) {
        check(length);
        byte[] value = Arrays.copyOfRange(buf, at, at + length);
        at += length;
        return value;
    }

    String string() {
        int length = varint32();
        check(length);
        String value = new String(buf, at, length, StandardCharsets.UTF_8);
        at += length;
        return value;
    }

    Set<String> keywords() {
        int count = varint32();
        Set<String> keywords = new HashSet<>(count * 2);
        for (int i = 0; i < count; i++) {
            int code = u8();
            if (code == 0) {
                keywords.add(string());
            } else if (code < ByteWriter.KNOWN_KEYWORDS.length) {
                keywords.add(ByteWriter.KNOWN_KEYWORDS[code]);
            } else {
                throw new IllegalStateException("unknown keyword code " + code + ": written by a newer Hermod?");
            }
        }
        return keywords;
    }

    List<Long> ascending() {
        int count = varint32();
        List<Long> ids = new ArrayList<>(count);
        long previous = 0;
        for (int i = 0; i < count; i++) {
            previous += varint();
            ids.add(previous);
        }
        return ids;
    }

    boolean atEnd() {
        return at >= buf.length;
    }

    /** Checks the version byte a value starts with. */
    ByteReader version(int expected, String what) {
        int version = u8();
        if (version != expected) {
            throw new IllegalStateException(what + " record has format version " + version + ", this Hermod reads "
                    + expected + ": was it written by a newer release?");
        }
        return this;
    }

    /**
     * Checks the version byte a value starts with, of a record with several formats.
     *
     * @return the version, between {@code oldest} and {@code newest}
     */
    int versions(int oldest, int newest, String what) {
        int version = u8();
        if (version < oldest || version > newest) {
            throw new IllegalStateException(what + " record has format version " + version + ", this Hermod reads "
                    + oldest + " to " + newest + ": was it written by a newer release?");
        }
        return version;
    }

    private void check(int length) {
        if (length < 0 || at + length > buf.length) {
            throw new IllegalStateException("truncated value: need " + length + " bytes at offset " + at + " of "
                    + buf.length);
        }
    }
}
