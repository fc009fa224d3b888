package dev.hermod.store.foundationdb.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hermod.api.store.StoreLimitException;
import dev.hermod.api.store.StoreLimits;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeyPrefixTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void theSubspaceNameIsTupleEncoded() {
        KeyPrefix prefix = KeyPrefix.of("hermod");
        assertArrayEquals(bytes("\u0002hermod\u0000"), prefix.add(new byte[0]));
        assertEquals(8, prefix.length());
        assertEquals("\\x02hermod\\x00", prefix.toString());
    }

    @Test
    void aZeroByteInTheNameIsEscapedAsTuplesDo() {
        assertArrayEquals(bytes("\u0002a\u0000\u00ffb\u0000"), KeyPrefix.of("a\u0000b").add(new byte[0]));
    }

    @Test
    void keysArePrefixedAndStripped() {
        KeyPrefix prefix = KeyPrefix.of("hermod");
        byte[] stored = prefix.add(bytes("k1"));
        assertArrayEquals(bytes("\u0002hermod\u0000k1"), stored);
        assertArrayEquals(bytes("k1"), prefix.strip(stored));
        assertArrayEquals(new byte[0], prefix.strip(prefix.add(new byte[0])));
    }

    @Test
    void anEmptySubspaceLeavesKeysAlone() {
        KeyPrefix prefix = KeyPrefix.of("");
        byte[] key = bytes("k");
        assertSame(key, prefix.add(key));
        assertArrayEquals(key, prefix.strip(key));
        assertEquals(0, prefix.length());
    }

    @Test
    void stripRejectsAKeyOutsideTheSubspace() {
        assertThrows(IllegalStateException.class, () -> KeyPrefix.of("hermod").strip(bytes("other")));
    }

    @Test
    void rangeEndsStopAtTheEndOfTheUserKeySpace() {
        KeyPrefix prefix = KeyPrefix.of("h");
        assertArrayEquals(bytes("\u0002h\u0000\u00ff"), prefix.addEnd(new byte[] {(byte) 0xFF}));
        assertArrayEquals(bytes("\u0002h\u0000\u00ff"), prefix.addEnd(new byte[] {(byte) 0xFF, 0}));
        assertArrayEquals(bytes("\u0002h\u0000b"), prefix.addEnd(bytes("b")));
        assertArrayEquals(new byte[] {(byte) 0xFF}, KeyPrefix.of("").addEnd(new byte[] {(byte) 0xFF, (byte) 0xFF}));
    }

    @Test
    void theLongestKeyFitsWithAPrefixButNotBeyondFoundationDbsLimit() {
        KeyPrefix.of("hermod").checkWritable(new byte[StoreLimits.MAX_KEY_SIZE]);
        StoreLimitException e = assertThrows(StoreLimitException.class,
                () -> KeyPrefix.of("hermod").checkWritable(new byte[StoreLimits.MAX_KEY_SIZE + 1]));
        assertEquals(StoreLimitException.Limit.KEY_SIZE, e.limit());
        assertEquals(StoreLimits.MAX_KEY_SIZE + 1, e.size());
        KeyPrefix huge = KeyPrefix.of("p".repeat(1_200));
        StoreLimitException native_ = assertThrows(StoreLimitException.class,
                () -> huge.checkWritable(new byte[StoreLimits.MAX_KEY_SIZE]));
        assertEquals(KeyPrefix.FDB_MAX_KEY_SIZE, Math.min(native_.size(), KeyPrefix.FDB_MAX_KEY_SIZE));
    }
}
