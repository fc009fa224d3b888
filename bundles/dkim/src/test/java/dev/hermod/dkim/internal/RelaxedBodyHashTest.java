package dev.hermod.dkim.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The streaming body hash gives what {@link Canonicalizer#RELAXED} gives for the whole body, however it is split. */
class RelaxedBodyHashTest {

    private static byte[] expected(byte[] body) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(Canonicalizer.RELAXED.body(body));
    }

    private static byte[] streamed(byte[] body, Random random) {
        RelaxedBodyHash hash = new RelaxedBodyHash();
        int pos = 0;
        while (pos < body.length) {
            int n = random.nextInt(body.length - pos) + 1;
            if (n == 1 && random.nextBoolean()) {
                hash.write(body[pos]);
            } else {
                hash.write(body, pos, n);
            }
            pos += n;
        }
        return hash.finish();
    }

    @Test
    void knownBodies() throws Exception {
        Random random = new Random(1);
        for (String body : new String[] {"", "\r\n", "\r\n\r\n", "a", "a  \t", " a\r\n", "a \r\n\r\n \r\n\t\r\n",
            "a\r\n\r\nb\r\n\r\n", "a\rb\r\n", "a\r", "a\r\r\n", "\r", "x\n\ny", "Hi Joe,  \r\n\r\nshall we?\t\r\n\r\n\r\n"}) {
            byte[] b = body.getBytes(StandardCharsets.ISO_8859_1);
            assertArrayEquals(expected(b), streamed(b, random), body);
        }
    }

    @Test
    void randomBodies() throws Exception {
        Random random = new Random(42);
        byte[] alphabet = {'a', 'b', ' ', '\t', '\r', '\n', '\r', '\n', (byte) 0xc3, (byte) 0xa9};
        for (int i = 0; i < 2000; i++) {
            byte[] b = new byte[random.nextInt(120)];
            for (int j = 0; j < b.length; j++) {
                b[j] = alphabet[random.nextInt(alphabet.length)];
            }
            assertArrayEquals(expected(b), streamed(b, random), new String(b, StandardCharsets.ISO_8859_1));
        }
        byte[] large = new byte[100_000];
        for (int j = 0; j < large.length; j++) {
            large[j] = alphabet[random.nextInt(alphabet.length)];
        }
        assertArrayEquals(expected(large), streamed(large, random));
    }
}
