package dev.hermod.core.internal.filterstate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.core.internal.ProviderRegistry;
import dev.hermod.core.internal.TestRegistries;
import dev.hermod.store.sqlite.internal.SqliteStoreComponent;
import dev.hermod.testing.Components;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Filters' keys with an expiry over the real SQLite store. */
class FilterStateStoreTest {

    private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TempDir
    Path dir;

    private SqliteStoreComponent kv;
    private final TestClock clock = new TestClock();
    private FilterStateStore state;

    @BeforeEach
    void start() {
        kv = new SqliteStoreComponent(Components.config(SqliteStoreComponent.Config.class,
                Map.of("path", dir.resolve("metadata.sqlite").toString())), Components.bundleContext(Map.of(), dir));
        ProviderRegistry registry = TestRegistries.create(200);
        TestRegistries.bind(registry, kv, "kv");
        state = new FilterStateStore(registry, clock, false);
    }

    @AfterEach
    void stop() throws Exception {
        Method m = kv.getClass().getDeclaredMethod("deactivate");
        m.setAccessible(true);
        m.invoke(kv);
    }

    @Test
    void aKeyKeepsItsCreationTimeWhileItLives() {
        assertEquals(Optional.empty(), state.created("greylist/192.0.2.1/a@b/c@d"));
        state.touch("greylist/192.0.2.1/a@b/c@d", Duration.ofSeconds(60));
        assertEquals(Optional.of(T0), state.created("greylist/192.0.2.1/a@b/c@d"));
        assertEquals(Optional.empty(), state.created("greylist/192.0.2.1/a@b/c@"), "no prefix matches");

        clock.now = T0.plusSeconds(50);
        state.touch("greylist/192.0.2.1/a@b/c@d", Duration.ofSeconds(60));
        clock.now = T0.plusSeconds(100);
        assertEquals(Optional.of(T0), state.created("greylist/192.0.2.1/a@b/c@d"),
                "touching extends the expiry only");

        clock.now = T0.plusSeconds(110);
        assertEquals(Optional.empty(), state.created("greylist/192.0.2.1/a@b/c@d"), "expired: absent");
        state.touch("greylist/192.0.2.1/a@b/c@d", Duration.ofSeconds(60));
        assertEquals(Optional.of(T0.plusSeconds(110)), state.created("greylist/192.0.2.1/a@b/c@d"),
                "an expired key is recorded anew");
    }

    @Test
    void keysAreLimited() {
        String longest = "k".repeat(FilterStateStore.MAX_KEY_SIZE);
        state.touch(longest, Duration.ofDays(30));
        assertTrue(state.created(longest).isPresent());
        assertThrows(IllegalArgumentException.class, () -> state.created(longest + "k"));
        assertThrows(IllegalArgumentException.class, () -> state.touch("\u00e9".repeat(501), Duration.ofDays(1)),
                "bytes of UTF-8 count, not characters");
        assertThrows(IllegalArgumentException.class, () -> state.touch("k", Duration.ZERO));
        state.touch("forever", Duration.ofSeconds(Long.MAX_VALUE));
        assertEquals(Optional.of(T0), state.created("forever"));
    }

    @Test
    void theSweepRemovesExpiredKeysOnly() {
        for (int i = 0; i < 2500; i++) {
            state.touch("short/" + i, Duration.ofSeconds(10));
        }
        state.touch("long", Duration.ofSeconds(1000));
        clock.now = T0.plusSeconds(20);
        assertEquals(2500, state.sweep());
        assertEquals(0, state.sweep());
        assertEquals(Optional.of(T0), state.created("long"));
    }
}
