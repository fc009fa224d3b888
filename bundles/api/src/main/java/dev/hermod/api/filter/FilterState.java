package dev.hermod.api.filter;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Keys with an expiry that filters keep across sessions and messages, e.g. the (client IP, sender, recipient)
 * triplets a greylisting filter has seen. Registered by the core over the metadata store in use; thread safe;
 * shared by all filters, so a filter should prefix its keys with its own name.
 *
 * <p>A key remembers when it was first recorded and until when it lives. A key past its expiry is absent: it
 * reads as such and the next {@link #touch} records it anew. Every method may block on the store and throws
 * {@link dev.hermod.api.mail.TemporaryFailureException} when it is unavailable.
 */
@ProviderType
public interface FilterState {

    /** The longest key, in bytes of UTF-8. */
    int MAX_KEY_SIZE = 1000;

    /**
     * @param key the key, at most {@link #MAX_KEY_SIZE} bytes of UTF-8, not {@code null}
     * @return when the key was first recorded, or empty if it was never recorded or has expired
     * @throws IllegalArgumentException if the key is longer than {@link #MAX_KEY_SIZE}
     */
    Optional<Instant> created(String key);

    /**
     * Records a key: a new (or expired) key is created now; a live key keeps its creation time. Either way it
     * now expires {@code expireAfter} from now.
     *
     * @param key         the key, at most {@link #MAX_KEY_SIZE} bytes of UTF-8, not {@code null}
     * @param expireAfter how long from now the key lives, positive
     * @throws IllegalArgumentException if the key is longer than {@link #MAX_KEY_SIZE} or the duration is not
     *                                  positive
     */
    void touch(String key, Duration expireAfter);
}
