package dev.hermod.core.internal.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A message's threading keys: the first 16 bytes of the SHA-256 of its own {@code Message-ID} and of the
 * ids it refers to ({@code In-Reply-To} first, then {@code References} from the nearest ancestor). Kept
 * under {@code 10 account 0C message} so that destroying the message finds its index entries. Format 1:
 * version, flag (1 = has own id), own hash, count, hashes.
 */
record ThreadKeys(byte[] own, List<byte[]> references) {

    static final int HASH = 16;
    private static final int VERSION = 1;

    static ThreadKeys of(IndexedMessage message) {
        List<byte[]> refs = new ArrayList<>();
        List<String> ordered = new ArrayList<>(message.inReplyTo());
        List<String> references = new ArrayList<>(message.references());
        java.util.Collections.reverse(references);
        ordered.addAll(references);
        for (String id : ordered) {
            byte[] h = hash(id);
            if (refs.stream().noneMatch(r -> Arrays.equals(r, h))) {
                refs.add(h);
            }
        }
        byte[] own = message.messageId() == null ? null : hash(message.messageId());
        if (own != null) {
            refs.removeIf(r -> Arrays.equals(r, own));
        }
        return new ThreadKeys(own, refs);
    }

    static byte[] hash(String messageId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(messageId.getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(digest, HASH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    byte[] encode() {
        ByteWriter out = new ByteWriter(20 + HASH * (references.size() + 1)).u8(VERSION).u8(own == null ? 0 : 1);
        if (own != null) {
            out.bytes(own);
        }
        out.varint(references.size());
        references.forEach(out::bytes);
        return out.toByteArray();
    }

    static ThreadKeys decode(byte[] value) {
        ByteReader in = new ByteReader(value).version(VERSION, "thread keys");
        byte[] own = in.u8() == 1 ? in.bytes(HASH) : null;
        int count = in.varint32();
        List<byte[]> refs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            refs.add(in.bytes(HASH));
        }
        return new ThreadKeys(own, refs);
    }
}
