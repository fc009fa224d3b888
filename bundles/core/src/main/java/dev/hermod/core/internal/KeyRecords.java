package dev.hermod.core.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Keys and values in a backup archive: each record a 4-byte big-endian key length, the key, a 4-byte value
 * length and the value. The archive's checksum is the XOR of every record's SHA-256, so that it does not
 * depend on the order in which the backup wrote the records and a restore can check the store it filled.
 */
final class KeyRecords {

    private final MessageDigest sha = KeyValueMigration.sha256();
    private final byte[] checksum = new byte[32];
    private long count;
    private long bytes;

    static void write(DataOutputStream out, byte[] key, byte[] value) throws IOException {
        out.writeInt(key.length);
        out.write(key);
        out.writeInt(value.length);
        out.write(value);
    }

    /** @return the next key and value, or {@code null} at the end of the stream */
    static byte[][] read(DataInputStream in) throws IOException {
        int keyLength;
        try {
            keyLength = in.readInt();
        } catch (EOFException end) {
            return null;
        }
        if (keyLength < 0 || keyLength > 10 * 1024) {
            throw new IOException("corrupt key record (key length " + keyLength + ")");
        }
        byte[] key = in.readNBytes(keyLength);
        int valueLength = in.readInt();
        if (valueLength < 0 || valueLength > 1024 * 1024) {
            throw new IOException("corrupt key record (value length " + valueLength + ")");
        }
        byte[] value = in.readNBytes(valueLength);
        if (key.length != keyLength || value.length != valueLength) {
            throw new EOFException("truncated key record");
        }
        return new byte[][] {key, value};
    }

    /** Counts a record into the checksum. */
    void add(byte[] key, byte[] value) {
        sha.update(new byte[] {(byte) (key.length >>> 24), (byte) (key.length >>> 16), (byte) (key.length >>> 8), (byte) key.length});
        sha.update(key);
        sha.update(new byte[] {(byte) (value.length >>> 24), (byte) (value.length >>> 16), (byte) (value.length >>> 8), (byte) value.length});
        sha.update(value);
        byte[] h = sha.digest();
        for (int i = 0; i < 32; i++) {
            checksum[i] ^= h[i];
        }
        count++;
        bytes += key.length + value.length;
    }

    /** Adds another set's records to this one. */
    void addAll(KeyRecords other) {
        for (int i = 0; i < 32; i++) {
            checksum[i] ^= other.checksum[i];
        }
        count += other.count;
        bytes += other.bytes;
    }

    long count() {
        return count;
    }

    long bytes() {
        return bytes;
    }

    String checksum() {
        return HexFormat.of().formatHex(checksum);
    }
}
