package dev.hermod.api.outbound;

import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.ReversePath;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A queued message as the shell and the admin interface show it.
 *
 * @param id         the entry's id, never {@code null}
 * @param from       the reverse-path, never {@code null}
 * @param size       the message's size in octets
 * @param queuedAt   when it was accepted, never {@code null}
 * @param nextAttempt when the next delivery attempt is due, or {@code null} if none is (all done)
 * @param attempts   how many delivery attempts were made
 * @param recipients each recipient's state; copied, never {@code null}
 */
public record QueueEntry(String id, ReversePath from, long size, Instant queuedAt, Instant nextAttempt, int attempts,
                         List<RecipientState> recipients) {

    /**
     * Checks and copies.
     *
     * @param id          the id
     * @param from        the reverse-path
     * @param size        the size
     * @param queuedAt    when accepted
     * @param nextAttempt the next attempt, or {@code null}
     * @param attempts    attempts made
     * @param recipients  the recipients' states
     */
    public QueueEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(queuedAt, "queuedAt");
        recipients = List.copyOf(recipients);
    }

    /** Where a recipient stands. */
    public enum State {
        /** Not delivered yet; will be tried (again). */
        PENDING,
        /** Accepted by the remote side. */
        DELIVERED,
        /** Failed for good; a notice went to the sender. */
        FAILED
    }

    /**
     * One recipient's state.
     *
     * @param recipient  the recipient, never {@code null}
     * @param state      its state, never {@code null}
     * @param lastReply  the last reply (remote or local) as text, e.g. {@code 451 4.7.1 Greylisted}, or
     *                   {@code null} before the first attempt
     */
    public record RecipientState(Address recipient, State state, String lastReply) {

        /**
         * Checks.
         *
         * @param recipient the recipient
         * @param state     the state
         * @param lastReply the last reply or {@code null}
         */
        public RecipientState {
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(state, "state");
        }
    }
}
