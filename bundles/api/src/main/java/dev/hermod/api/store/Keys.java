package dev.hermod.api.store;

import java.util.Arrays;
import java.util.Objects;

/**
 * Helpers for building and comparing keys and counter values. Keys sort as unsigned bytes, so numbers in
 * keys are big-endian; counter values for {@link Transaction#add(byte[], long)} are little-endian.
 */
public final class Keys {

    private Keys() {
    }

    /**
     * The first key after every key that starts with {@code prefix} (FoundationDB's {@code strinc}): the
     * prefix without its trailing {@code 0xFF} bytes, with its last byte incremented. So
     * {@code range(prefix, strinc(prefix))} reads exactly the keys starting with {@code prefix}.
     *
     * @param prefix the prefix, not {@code null}; not modified
     * @return a new array, never {@code null}
     * @throws IllegalArgumentException if {@code prefix} is empty or holds only {@code 0xFF} bytes
     */
    public static byte[] strinc(byte[] prefix) {
        int n = prefix.length;
        while (n > 0 && prefix[n - 1] == (byte) 0xFF) {
            n--;
        }
        if (n == 0) {
            throw new IllegalArgumentException("no key follows every key with prefix " + printable(prefix)
                    + ": it is empty or all 0xFF bytes");
        }
        byte[] end = Arrays.copyOf(prefix, n);
        end[n - 1]++;
        return end;
    }

    /**
     * Compares keys in store order: unsigned lexicographic, a proper prefix before the longer key.
     *
     * @param a a key, not {@code null}
     * @param b a key, not {@code null}
     * @return negative, zero or positive as {@code a} sorts before, equal to or after {@code b}
     */
    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    /**
     * Whether {@code key} starts with {@code prefix}.
     *
     * @param key    the key, not {@code null}
     * @param prefix the prefix, not {@code null}
     * @return {@code true} if the first bytes of {@code key} are {@code prefix}
     */
    public static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    /**
     * Concatenates parts into one key.
     *
     * @param parts the parts in order, none {@code null}; not modified
     * @return a new array, never {@code null}
     */
    public static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] key = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, key, at, part.length);
            at += part.length;
        }
        return key;
    }

    /**
     * Encodes a long in 8 bytes, big-endian: non-negative values sort numerically as keys (negative values
     * sort after all non-negative ones).
     *
     * @param value the value
     * @return a new 8-byte array
     */
    public static byte[] encodeLong(long value) {
        byte[] b = new byte[8];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) value;
            value >>>= 8;
        }
        return b;
    }

    /**
     * Decodes 8 big-endian bytes, as written by {@link #encodeLong(long)}.
     *
     * @param bytes  the array, not {@code null}
     * @param offset where the 8 bytes start
     * @return the value
     * @throws IndexOutOfBoundsException if fewer than 8 bytes follow {@code offset}
     */
    public static long decodeLong(byte[] bytes, int offset) {
        Objects.checkFromIndexSize(offset, 8, bytes.length);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = value << 8 | bytes[offset + i] & 0xFF;
        }
        return value;
    }

    /**
     * Decodes an 8-byte big-endian array, as written by {@link #encodeLong(long)}.
     *
     * @param bytes exactly 8 bytes, not {@code null}
     * @return the value
     * @throws IllegalArgumentException if {@code bytes} is not 8 bytes long
     */
    public static long decodeLong(byte[] bytes) {
        if (bytes.length != 8) {
            throw new IllegalArgumentException("a long is 8 bytes, not " + bytes.length);
        }
        return decodeLong(bytes, 0);
    }

    /**
     * Encodes an int in 4 bytes, big-endian: non-negative values sort numerically as keys.
     *
     * @param value the value
     * @return a new 4-byte array
     */
    public static byte[] encodeInt(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    /**
     * Decodes 4 big-endian bytes, as written by {@link #encodeInt(int)}.
     *
     * @param bytes  the array, not {@code null}
     * @param offset where the 4 bytes start
     * @return the value
     * @throws IndexOutOfBoundsException if fewer than 4 bytes follow {@code offset}
     */
    public static int decodeInt(byte[] bytes, int offset) {
        Objects.checkFromIndexSize(offset, 4, bytes.length);
        return (bytes[offset] & 0xFF) << 24 | (bytes[offset + 1] & 0xFF) << 16 | (bytes[offset + 2] & 0xFF) << 8
                | bytes[offset + 3] & 0xFF;
    }

    /**
     * Encodes a counter value as {@link Transaction#add(byte[], long)} reads and writes it: 8 bytes,
     * little-endian, two's complement.
     *
     * @param value the value
     * @return a new 8-byte array
     */
    public static byte[] encodeLongLittleEndian(long value) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) value;
            value >>>= 8;
        }
        return b;
    }

    /**
     * Decodes a counter value written by {@link Transaction#add(byte[], long)} or
     * {@link #encodeLongLittleEndian(long)}; a missing counter is 0.
     *
     * @param bytes 8 bytes, or {@code null} for a key that is not set
     * @return the value, 0 for {@code null}
     * @throws IllegalArgumentException if {@code bytes} is not 8 bytes long
     */
    public static long decodeLongLittleEndian(byte[] bytes) {
        if (bytes == null) {
            return 0;
        }
        if (bytes.length != 8) {
            throw new IllegalArgumentException("a counter is 8 bytes, not " + bytes.length);
        }
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = value << 8 | bytes[i] & 0xFF;
        }
        return value;
    }

    /**
     * Renders bytes for logs and error messages, as FoundationDB does: printable ASCII as is, other bytes
     * and the backslash as {@code \xNN}.
     *
     * @param bytes the bytes, or {@code null}
     * @return the text, {@code "null"} for {@code null}
     */
    public static String printable(byte[] bytes) {
        if (bytes == null) {
            return "null";
        }
        StringBuilder s = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            if (b >= 32 && b < 127 && b != '\\') {
                s.append((char) b);
            } else {
                s.append("\\x").append(Character.forDigit(b >> 4 & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
        }
        return s.toString();
    }
}
