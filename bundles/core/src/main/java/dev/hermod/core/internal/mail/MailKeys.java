package dev.hermod.core.internal.mail;

import dev.hermod.api.store.Keys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The mail store's keys; the layout is documented in {@code package-info.java}. Every id is 8 bytes
 * big-endian so that keys sort numerically.
 */
final class MailKeys {

    // --- global subspaces ---
    /** {@code 01 name} → account id (8 bytes big-endian). */
    static final byte ACCOUNT_NAME = 0x01;
    /** {@code 02 counter} → little-endian counter. */
    static final byte GLOBAL_COUNTER = 0x02;
    /** {@code 03 hash(32)} → number of accounts referring to the blob (little-endian counter). */
    static final byte BLOB_REFS = 0x03;
    /** {@code 04 hash(32)} → deletion marker: state byte and time. */
    static final byte BLOB_DELETION = 0x04;
    /** {@code 10 account(8) ...}: one account's data. */
    static final byte ACCOUNT = 0x10;

    /** Global counter: the last account id. */
    static final byte COUNTER_ACCOUNT_ID = 0x01;

    // --- per account, after 10 account(8) ---
    static final byte META = 0x00;
    static final byte COUNTER = 0x01;
    static final byte MAILBOX = 0x02;
    static final byte MESSAGE = 0x03;
    static final byte UID = 0x04;
    static final byte BLOB = 0x05;
    static final byte CHANGE = 0x06;
    static final byte VANISHED = 0x07;
    static final byte MODSEQ = 0x08;
    static final byte BY_MESSAGE_ID = 0x09;
    static final byte BY_REFERENCE = 0x0A;
    static final byte THREAD = 0x0B;
    static final byte THREAD_KEYS = 0x0C;
    static final byte SORT = 0x0D;
    static final byte POSTINGS = 0x0E;
    static final byte CONTENT_MESSAGE = 0x0F;
    static final byte DEAD_CONTENT = 0x10;
    /** {@code 11 mailbox(8)} → the highest UID some session has already been told is recent (RFC 3501 §2.3.2). */
    static final byte RECENT = 0x11;
    /** {@code 12 content(8) part(8)} → tokens of a content not yet in the posting lists ({@link PendingIndex}). */
    static final byte PENDING_INDEX = 0x12;
    /** {@code 13 name(UTF-8)} → a protocol's setting for the account ({@code MailAccount.setting}). */
    static final byte SETTING = 0x13;

    // --- per-account counters, after 10 account(8) 01 ---
    static final byte CHANGE_ID = 0x01;
    static final byte NEXT_MAILBOX = 0x02;
    static final byte NEXT_MESSAGE = 0x03;
    static final byte NEXT_THREAD = 0x04;
    static final byte QUOTA_BYTES = 0x05;
    static final byte QUOTA_MESSAGES = 0x06;
    static final byte LAST_UIDVALIDITY = 0x07;
    static final byte PRUNED = 0x08;
    static final byte LAST_CONTENT = 0x09;
    static final byte DEAD_CONTENTS = 0x0A;
    static final byte NEW_POSTINGS = 0x0B;
    static final byte POSTING_CHUNKS = 0x0C;

    // --- per blob in an account, after 10 account(8) 05 hash(32) ---
    static final byte BLOB_COUNT = 0x00;
    static final byte BLOB_SUMMARY = 0x01;
    static final byte BLOB_CONTENT = 0x02;

    private MailKeys() {
    }

    static byte[] accountName(String canonicalName) {
        return Keys.concat(new byte[] {ACCOUNT_NAME}, canonicalName.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] globalCounter(byte which) {
        return new byte[] {GLOBAL_COUNTER, which};
    }

    static byte[] blobRefs(byte[] hash) {
        return Keys.concat(new byte[] {BLOB_REFS}, hash);
    }

    static byte[] blobDeletion(byte[] hash) {
        return Keys.concat(new byte[] {BLOB_DELETION}, hash);
    }

    /** The first key of the deletion markers. */
    static byte[] blobDeletions() {
        return new byte[] {BLOB_DELETION};
    }

    /** The prefix of everything an account holds. */
    static byte[] account(long account) {
        return ByteBuffer.allocate(9).put(ACCOUNT).putLong(account).array();
    }

    static byte[] sub(long account, byte sub) {
        return ByteBuffer.allocate(10).put(ACCOUNT).putLong(account).put(sub).array();
    }

    static byte[] sub(long account, byte sub, long a) {
        return ByteBuffer.allocate(18).put(ACCOUNT).putLong(account).put(sub).putLong(a).array();
    }

    static byte[] sub(long account, byte sub, long a, long b) {
        return ByteBuffer.allocate(26).put(ACCOUNT).putLong(account).put(sub).putLong(a).putLong(b).array();
    }

    static byte[] sub(long account, byte sub, long a, long b, long c) {
        return ByteBuffer.allocate(34).put(ACCOUNT).putLong(account).put(sub).putLong(a).putLong(b).putLong(c)
                .array();
    }

    static byte[] counter(long account, byte which) {
        return ByteBuffer.allocate(11).put(ACCOUNT).putLong(account).put(COUNTER).put(which).array();
    }

    static byte[] meta(long account) {
        return sub(account, META);
    }

    static byte[] mailbox(long account, long mailbox) {
        return sub(account, MAILBOX, mailbox);
    }

    static byte[] message(long account, long message) {
        return sub(account, MESSAGE, message);
    }

    static byte[] uid(long account, long mailbox, long uid) {
        return sub(account, UID, mailbox, uid);
    }

    static byte[] modSeq(long account, long mailbox, long modSeq, long uid) {
        return sub(account, MODSEQ, mailbox, modSeq, uid);
    }

    static byte[] vanished(long account, long mailbox, long modSeq, long uid) {
        return sub(account, VANISHED, mailbox, modSeq, uid);
    }

    static byte[] change(long account, long changeId) {
        return sub(account, CHANGE, changeId);
    }

    static byte[] blobCount(long account, byte[] hash) {
        return ByteBuffer.allocate(43).put(ACCOUNT).putLong(account).put(BLOB).put(hash).put(BLOB_COUNT).array();
    }

    static byte[] summaryChunks(long account, byte[] hash) {
        return ByteBuffer.allocate(43).put(ACCOUNT).putLong(account).put(BLOB).put(hash).put(BLOB_SUMMARY).array();
    }

    static byte[] summaryChunk(long account, byte[] hash, int chunk) {
        return ByteBuffer.allocate(45).put(ACCOUNT).putLong(account).put(BLOB).put(hash).put(BLOB_SUMMARY)
                .putShort((short) chunk).array();
    }

    /** Everything the account keeps about a blob: {@code 10 account 05 hash}. */
    static byte[] blob(long account, byte[] hash) {
        return ByteBuffer.allocate(42).put(ACCOUNT).putLong(account).put(BLOB).put(hash).array();
    }

    static byte[] blobContent(long account, byte[] hash) {
        return ByteBuffer.allocate(43).put(ACCOUNT).putLong(account).put(BLOB).put(hash).put(BLOB_CONTENT).array();
    }

    static byte[] sortRecord(long account, long mailbox, long uid) {
        return sub(account, SORT, mailbox, uid);
    }

    /** {@code 10 account 0E token}: the start of the posting lists of every token beginning with it. */
    static byte[] postingsPrefix(long account, String token) {
        byte[] t = token.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(10 + t.length).put(ACCOUNT).putLong(account).put(POSTINGS).put(t).array();
    }

    /** {@code 10 account 0E token 00}: the start of one token's posting list. */
    static byte[] postings(long account, String token) {
        byte[] t = token.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(11 + t.length).put(ACCOUNT).putLong(account).put(POSTINGS).put(t).put((byte) 0)
                .array();
    }

    /** {@code 10 account 0E token 00 first(8)}: one chunk of a token's posting list. */
    static byte[] postingChunk(long account, String token, long first) {
        return Keys.concat(postings(account, token), Keys.encodeLong(first));
    }

    static byte[] contentMessage(long account, long content, long message) {
        return sub(account, CONTENT_MESSAGE, content, message);
    }

    static byte[] deadContent(long account, long content) {
        return sub(account, DEAD_CONTENT, content);
    }

    /** {@code 09 hash16 message} or {@code 0A hash16 message}. */
    static byte[] threadLookup(long account, byte sub, byte[] idHash, long message) {
        return ByteBuffer.allocate(34).put(ACCOUNT).putLong(account).put(sub).put(idHash).putLong(message).array();
    }

    static byte[] threadLookups(long account, byte sub, byte[] idHash) {
        return ByteBuffer.allocate(26).put(ACCOUNT).putLong(account).put(sub).put(idHash).array();
    }

    static byte[] threadMember(long account, long thread, long receivedAt, long message) {
        return sub(account, THREAD, thread, receivedAt, message);
    }

    static byte[] threadKeys(long account, long message) {
        return sub(account, THREAD_KEYS, message);
    }

    /** The last 8 bytes of a key, as a big-endian long. */
    static long lastLong(byte[] key) {
        return Keys.decodeLong(key, key.length - 8);
    }

    /** The 8 bytes before the last 8 of a key. */
    static long secondLastLong(byte[] key) {
        return Keys.decodeLong(key, key.length - 16);
    }

    static long counterValue(byte[] value) {
        return Keys.decodeLongLittleEndian(value);
    }

    static byte[] counterBytes(long value) {
        return Keys.encodeLongLittleEndian(value);
    }
}
