package dev.hermod.api.mailbox;

import java.util.List;

/**
 * What changed in one collection of an account since a state (JMAP {@code /changes}, RFC 8620 §5.2).
 *
 * @param oldState the state asked about
 * @param newState the state the lists bring the caller to; the current state unless {@code hasMore}
 * @param hasMore whether more changes follow {@code newState}
 * @param created ids created since, as strings (JMAP ids)
 * @param updated ids changed since
 * @param destroyed ids destroyed since
 */
public record Changes(long oldState, long newState, boolean hasMore, List<String> created, List<String> updated,
        List<String> destroyed) {

    /** The collections with change tracking. */
    public enum Collection {
        /** Mailboxes. */
        MAILBOX,
        /** Messages (JMAP Email). */
        EMAIL,
        /** Threads. */
        THREAD
    }

    public Changes {
        created = List.copyOf(created);
        updated = List.copyOf(updated);
        destroyed = List.copyOf(destroyed);
    }
}
