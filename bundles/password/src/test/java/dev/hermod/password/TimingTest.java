package dev.hermod.password;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A wrong password takes as long as the right one: no early exit on a mismatch. The fastest of several
 * runs of each is compared, with a wide margin so that a busy machine does not fail the test.
 */
class TimingTest {
    @ParameterizedTest
    @ValueSource(strings = {"mkpasswd -m sha512crypt PASSWORD", "mkpasswd -m md5crypt PASSWORD",
            "mkpasswd -m bcrypt PASSWORD", "slappasswd -h {SSHA} -s PASSWORD", "slappasswd -h {CLEARTEXT}",
            "pbkdf2_sha256.using(rounds=2000)", "doveadm pw -s PBKDF2 -p", "time_cost=2, memory_cost=256"})
    void aWrongPasswordIsNotFaster(String command) {
        Vectors v = Vectors.first(command);
        String wrong = "X" + v.password().substring(1); // same length, differs at the first byte
        long cost = bestOf(v.stored(), v.password(), 1, 3);
        int batch = (int) Math.max(1, Math.min(20_000, 2_000_000 / Math.max(1, cost))); // about 2 ms a batch
        long right = Long.MAX_VALUE;
        long wrongTime = Long.MAX_VALUE;
        for (int round = 0; round < 7; round++) {
            right = Math.min(right, bestOf(v.stored(), v.password(), batch, 1));
            wrongTime = Math.min(wrongTime, bestOf(v.stored(), wrong, batch, 1));
        }
        assertTrue(Passwords.verify(v.stored(), v.password()));
        assertFalse(Passwords.verify(v.stored(), wrong));
        long r = right;
        long w = wrongTime;
        assertTrue(w * 2 >= r, () -> command + ": right password " + r + " ns, wrong " + w + " ns per batch");
    }

    /** The fastest of {@code runs} batches of {@code batch} verifications, in nanoseconds per batch. */
    private static long bestOf(String stored, String password, int batch, int runs) {
        long best = Long.MAX_VALUE;
        for (int r = 0; r < runs; r++) {
            long t = System.nanoTime();
            for (int i = 0; i < batch; i++) {
                Passwords.verify(stored, password);
            }
            best = Math.min(best, System.nanoTime() - t);
        }
        return best;
    }
}
