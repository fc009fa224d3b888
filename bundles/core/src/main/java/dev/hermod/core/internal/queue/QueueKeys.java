package dev.hermod.core.internal.queue;

import dev.hermod.api.store.Keys;
import java.nio.ByteBuffer;

/**
 * The outbound queue's keys, under its own prefix {@code 20} (the mail store keeps {@code 01}–{@code 1F});
 * the layout is documented in {@code package-info.java}. Ids and times are 8 bytes big-endian so that
 * keys sort numerically.
 */
final class QueueKeys {

    static final byte PREFIX = 0x20;
    static final byte COUNTER = 0x00;
    static final byte ENTRY = 0x01;
    static final byte DUE = 0x02;

    static final byte HEADER = 0x00;
    static final byte RECIPIENT = 0x01;
    static final byte LEASE = 0x02;

    private QueueKeys() {
    }

    /** {@code 20 00}: the last entry id, a counter. */
    static byte[] counter() {
        return new byte[] {PREFIX, COUNTER};
    }

    /** {@code 20 01}: the start of every entry. */
    static byte[] entries() {
        return new byte[] {PREFIX, ENTRY};
    }

    /** {@code 20 01 id}: everything one entry holds. */
    static byte[] entry(long id) {
        return ByteBuffer.allocate(10).put(PREFIX).put(ENTRY).putLong(id).array();
    }

    static byte[] header(long id) {
        return ByteBuffer.allocate(11).put(PREFIX).put(ENTRY).putLong(id).put(HEADER).array();
    }

    static byte[] recipient(long id, int index) {
        return ByteBuffer.allocate(15).put(PREFIX).put(ENTRY).putLong(id).put(RECIPIENT).putInt(index).array();
    }

    static byte[] lease(long id) {
        return ByteBuffer.allocate(11).put(PREFIX).put(ENTRY).putLong(id).put(LEASE).array();
    }

    /** {@code 20 02}: the start of the schedule index. */
    static byte[] schedule() {
        return new byte[] {PREFIX, DUE};
    }

    /** {@code 20 02 due(ms) id}: an entry that is due at that time. */
    static byte[] due(long dueMillis, long id) {
        return ByteBuffer.allocate(18).put(PREFIX).put(DUE).putLong(dueMillis).putLong(id).array();
    }

    /** The first index key after every entry due at or before {@code millis}. */
    static byte[] dueUntil(long millis) {
        return ByteBuffer.allocate(10).put(PREFIX).put(DUE).putLong(millis + 1).array();
    }

    static long idOf(byte[] key) {
        return Keys.decodeLong(key, 2);
    }

    static long dueOf(byte[] dueKey) {
        return Keys.decodeLong(dueKey, 2);
    }

    static long idOfDue(byte[] dueKey) {
        return Keys.decodeLong(dueKey, 10);
    }

    /** The kind byte of a key under {@link #entry}: {@link #HEADER}, {@link #RECIPIENT} or {@link #LEASE}. */
    static byte kind(byte[] entryKey) {
        return entryKey[10];
    }

    /** An entry id as users see it: upper-case hex. */
    static String format(long id) {
        return String.format("%08X", id);
    }

    /** @return the id, or -1 if the text is not one */
    static long parse(String text) {
        try {
            long id = Long.parseUnsignedLong(text.trim(), 16);
            return id > 0 ? id : -1;
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
