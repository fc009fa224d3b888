package dev.hermod.jmap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bearer tokens: valid on every node with the same key, refused once expired or under another key. */
class BearerTokensTest {

    @Test
    void tokensOfOneKeyAreSharedAndExpire() {
        Clock t0 = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        BearerTokens node1 = new BearerTokens("shared key", Duration.ofHours(1), t0);
        BearerTokens node2 = new BearerTokens("shared key", Duration.ofHours(1), t0);
        String token = node1.issue(new User("alice", List.of("alice@example.org", "a@example.net")));
        assertEquals(new User("alice", List.of("alice@example.org", "a@example.net")), node2.verify(token).orElseThrow());
        assertTrue(new BearerTokens("other key", Duration.ofHours(1), t0).verify(token).isEmpty());
        assertTrue(new BearerTokens("", Duration.ofHours(1), t0).verify(token).isEmpty(), "a random key is not the shared one");
        BearerTokens later = new BearerTokens("shared key", Duration.ofHours(1),
                Clock.offset(t0, Duration.ofMinutes(61)));
        assertTrue(later.verify(token).isEmpty());
        assertTrue(node1.verify("garbage").isEmpty());
        assertTrue(node1.verify(token.replace('.', 'x')).isEmpty());
    }
}
