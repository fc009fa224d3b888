package dev.hermod.core.internal.queue;

import dev.hermod.api.mail.BlobHash;
import dev.hermod.api.mail.ReversePath;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an entry holds besides its recipients ({@code 20 01 id 00}).
 *
 * @param id            the entry id
 * @param from          the reverse-path
 * @param parameters    the {@code MAIL FROM} ESMTP parameters, upper-case names
 * @param size          the message's octets
 * @param eightBit      the message has octets above 127
 * @param smtpUtf8      the envelope or header needs SMTPUTF8
 * @param blob          the message's blob
 * @param queuedAt      when it was accepted (the DSN's Arrival-Date)
 * @param nextAttempt   when the next attempt is due, as scheduled
 * @param due           where the entry sits in the schedule index: {@code nextAttempt}, or the end of the
 *                      lease while a node works on it
 * @param attempts      attempts made
 * @param delayNotified whether the sender was told of the delay
 * @param recipients    how many recipient records follow
 */
record EntryRecord(long id, ReversePath from, Map<String, String> parameters, long size, boolean eightBit,
                   boolean smtpUtf8, BlobHash blob, Instant queuedAt, Instant nextAttempt, Instant due,
                   int attempts, boolean delayNotified, int recipients) {

    private static final int FORMAT = 1;

    EntryRecord {
        parameters = Map.copyOf(parameters);
    }

    EntryRecord scheduled(Instant next, Instant newDue) {
        return new EntryRecord(id, from, parameters, size, eightBit, smtpUtf8, blob, queuedAt, next, newDue, attempts,
                delayNotified, recipients);
    }

    EntryRecord due(Instant newDue) {
        return scheduled(nextAttempt, newDue);
    }

    EntryRecord attempted(int newAttempts, boolean newDelayNotified) {
        return new EntryRecord(id, from, parameters, size, eightBit, smtpUtf8, blob, queuedAt, nextAttempt, due,
                newAttempts, newDelayNotified, recipients);
    }

    byte[] encode() {
        return Codec.encode(FORMAT, out -> {
            out.writeLong(id);
            out.writeUTF(from.isNull() ? "" : from.address().toString());
            Map<String, String> sorted = new TreeMap<>(parameters);
            out.writeShort(sorted.size());
            for (Map.Entry<String, String> e : sorted.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
            out.writeLong(size);
            out.writeBoolean(eightBit);
            out.writeBoolean(smtpUtf8);
            out.writeUTF(blob.hex());
            out.writeLong(queuedAt.toEpochMilli());
            out.writeLong(nextAttempt.toEpochMilli());
            out.writeLong(due.toEpochMilli());
            out.writeInt(attempts);
            out.writeBoolean(delayNotified);
            out.writeInt(recipients);
        });
    }

    static EntryRecord decode(byte[] value) {
        return Codec.decode(value, FORMAT, "queue entry", in -> {
            long id = in.readLong();
            String from = in.readUTF();
            int n = in.readUnsignedShort();
            Map<String, String> parameters = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                parameters.put(in.readUTF(), in.readUTF());
            }
            return new EntryRecord(id, from.isEmpty() ? ReversePath.NULL : ReversePath.parse("<" + from + ">"),
                    parameters, in.readLong(), in.readBoolean(), in.readBoolean(), BlobHash.parse(in.readUTF()),
                    Instant.ofEpochMilli(in.readLong()), Instant.ofEpochMilli(in.readLong()),
                    Instant.ofEpochMilli(in.readLong()), in.readInt(), in.readBoolean(), in.readInt());
        });
    }
}
