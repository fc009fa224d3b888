package dev.hermod.api.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeysTest {

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void strinc() {
        assertArrayEquals(bytes(1, 3), Keys.strinc(bytes(1, 2)));
        assertArrayEquals(bytes(2), Keys.strinc(bytes(1, 0xFF, 0xFF)));
        assertArrayEquals(bytes(1, 0x80), Keys.strinc(bytes(1, 0x7F)));
        assertThrows(IllegalArgumentException.class, () -> Keys.strinc(bytes()));
        assertThrows(IllegalArgumentException.class, () -> Keys.strinc(bytes(0xFF, 0xFF)));
        byte[] prefix = bytes(5, 0xFF);
        Keys.strinc(prefix);
        assertArrayEquals(bytes(5, 0xFF), prefix, "argument not modified");
    }

    @Test
    void compareIsUnsignedLexicographic() {
        assertTrue(Keys.compare(bytes(0x7F), bytes(0x80)) < 0);
        assertTrue(Keys.compare(bytes(0xFF), bytes(0x00, 0x00)) > 0);
        assertTrue(Keys.compare(bytes(1), bytes(1, 0)) < 0);
        assertEquals(0, Keys.compare(bytes(1, 2), bytes(1, 2)));
        assertTrue(Keys.compare(bytes(), bytes(0)) < 0);
        // every key with a prefix sorts before strinc(prefix)
        byte[] prefix = bytes(3, 0xFF);
        assertTrue(Keys.compare(bytes(3, 0xFF, 0xFF, 0xFF), Keys.strinc(prefix)) < 0);
    }

    @Test
    void numbersSortAsKeys() {
        assertTrue(Keys.compare(Keys.encodeLong(255), Keys.encodeLong(256)) < 0);
        assertTrue(Keys.compare(Keys.encodeInt(1), Keys.encodeInt(70000)) < 0);
        assertEquals(Long.MAX_VALUE, Keys.decodeLong(Keys.encodeLong(Long.MAX_VALUE)));
        assertEquals(-2L, Keys.decodeLong(Keys.encodeLong(-2)));
        assertEquals(70000, Keys.decodeInt(Keys.concat(bytes(9), Keys.encodeInt(70000)), 1));
        assertEquals(42L, Keys.decodeLong(Keys.concat(bytes(1, 2), Keys.encodeLong(42)), 2));
        assertThrows(IllegalArgumentException.class, () -> Keys.decodeLong(bytes(1, 2)));
        assertThrows(IndexOutOfBoundsException.class, () -> Keys.decodeInt(bytes(1, 2, 3, 4), 1));
    }

    @Test
    void countersAreLittleEndian() {
        assertArrayEquals(bytes(1, 0, 0, 0, 0, 0, 0, 0), Keys.encodeLongLittleEndian(1));
        assertArrayEquals(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF), Keys.encodeLongLittleEndian(-1));
        assertEquals(0L, Keys.decodeLongLittleEndian(null));
        assertEquals(-5L, Keys.decodeLongLittleEndian(Keys.encodeLongLittleEndian(-5)));
        assertEquals(0x0102030405060708L, Keys.decodeLongLittleEndian(bytes(8, 7, 6, 5, 4, 3, 2, 1)));
    }

    @Test
    void concatStartsWithPrintable() {
        byte[] key = Keys.concat(bytes(1), bytes(), bytes(2, 3));
        assertArrayEquals(bytes(1, 2, 3), key);
        assertTrue(Keys.startsWith(key, bytes(1, 2)));
        assertFalse(Keys.startsWith(key, bytes(1, 3)));
        assertFalse(Keys.startsWith(bytes(1), bytes(1, 2)));
        assertEquals("a\\x00\\x5c\\xff", Keys.printable(bytes('a', 0, '\\', 0xFF)));
    }

    @Test
    void keyValueComparesContents() {
        assertEquals(new KeyValue(bytes(1), bytes(2)), new KeyValue(bytes(1), bytes(2)));
        assertEquals(new KeyValue(bytes(1), bytes(2)).hashCode(), new KeyValue(bytes(1), bytes(2)).hashCode());
        assertNotEquals(new KeyValue(bytes(1), bytes(2)), new KeyValue(bytes(1), bytes(3)));
    }

    @Test
    void limits() {
        StoreLimitException e = assertThrows(StoreLimitException.class,
                () -> StoreLimits.checkKey(new byte[StoreLimits.MAX_KEY_SIZE + 1]));
        assertEquals(StoreLimitException.Limit.KEY_SIZE, e.limit());
        assertEquals(StoreLimits.MAX_KEY_SIZE + 1, e.size());
        assertFalse(e.temporary());
        assertThrows(IllegalArgumentException.class, () -> StoreLimits.checkKey(bytes(0xFF, 1)));
        assertThrows(StoreLimitException.class, () -> StoreLimits.checkValue(new byte[StoreLimits.MAX_VALUE_SIZE + 1]));
        StoreLimits.checkValue(new byte[StoreLimits.MAX_VALUE_SIZE]);
        assertTrue(new ConflictException().temporary());
    }
}
