package dev.hermod.password.internal;

import java.security.SecureRandom;

/** Salts. */
final class Salts {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Salts() {}

    static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
