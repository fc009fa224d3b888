package dev.hermod.core.internal.queue;

import java.time.Instant;

/**
 * A node's claim on an entry ({@code 20 01 id 02}): while it is live no other node or thread works on the
 * entry; once it has run out, anyone may take the entry over.
 *
 * @param holder the node id and a number unique to the claim, e.g. {@code mx1/5f3a...}
 * @param until  when the lease runs out
 */
record Lease(String holder, Instant until) {

    private static final int FORMAT = 1;

    boolean live(Instant now) {
        return until.isAfter(now);
    }

    byte[] encode() {
        return Codec.encode(FORMAT, out -> {
            out.writeUTF(holder);
            out.writeLong(until.toEpochMilli());
        });
    }

    static Lease decode(byte[] value) {
        return Codec.decode(value, FORMAT, "queue lease", in -> new Lease(in.readUTF(),
                Instant.ofEpochMilli(in.readLong())));
    }
}
