package dev.hermod.api.delivery;

import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.SmtpReply;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Delivery#check} found for a recipient.
 *
 * @param recipient the address checked, never {@code null}
 * @param outcome what the server would do with mail to it, never {@code null}
 * @param accounts for {@link Outcome#LOCAL} the names of the accounts it delivers to (at least one),
 *        otherwise empty; copied, never {@code null}
 * @param temporary for {@link Outcome#OVER_QUOTA}, whether the refusal is temporary (as configured);
 *        {@code false} for the other outcomes
 * @param message a short text for the SMTP reply, safe to show the client; never {@code null}
 */
public record RecipientCheck(Address recipient, Outcome outcome, List<String> accounts, boolean temporary,
                             String message) {

    /** The kinds of answer. */
    public enum Outcome {
        /** The address delivers to local accounts ({@code 250 2.1.5}). */
        LOCAL,
        /** The domain is local but the address does not resolve to an active account ({@code 550 5.1.1}). */
        UNKNOWN_USER,
        /** The message would exceed the recipient's quota ({@code 452 4.2.2} or {@code 552 5.2.2}). */
        OVER_QUOTA,
        /** The domain is not one this server receives mail for: relaying ({@code 550 5.7.1} unless authenticated). */
        NOT_LOCAL_DOMAIN
    }

    /**
     * Validates and copies the components.
     *
     * @param recipient the address checked
     * @param outcome the outcome
     * @param accounts the account names for {@link Outcome#LOCAL}
     * @param temporary whether an {@link Outcome#OVER_QUOTA} is temporary
     * @param message a text for the reply
     * @throws NullPointerException if a component is {@code null}
     * @throws IllegalArgumentException if {@code accounts} is empty for {@link Outcome#LOCAL} or not empty
     *         for another outcome
     */
    public RecipientCheck {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(message, "message");
        accounts = List.copyOf(accounts);
        if (accounts.isEmpty() == (outcome == Outcome.LOCAL)) {
            throw new IllegalArgumentException("accounts must be given exactly for a LOCAL outcome: " + outcome);
        }
        temporary = temporary && outcome == Outcome.OVER_QUOTA;
    }

    /**
     * The SMTP reply for this outcome, as an MTA answers {@code RCPT TO} for an unauthenticated client:
     * {@code 250 2.1.5}, {@code 550 5.1.1}, {@code 452 4.2.2} or {@code 552 5.2.2}, {@code 550 5.7.1}.
     * A submission server answers {@link Outcome#NOT_LOCAL_DOMAIN} differently for authenticated clients.
     *
     * @return the reply, never {@code null}
     */
    public SmtpReply reply() {
        return switch (outcome) {
            case LOCAL -> new SmtpReply(250, "2.1.5", message);
            case UNKNOWN_USER -> new SmtpReply(550, "5.1.1", message);
            case OVER_QUOTA -> temporary ? new SmtpReply(452, "4.2.2", message) : new SmtpReply(552, "5.2.2", message);
            case NOT_LOCAL_DOMAIN -> new SmtpReply(550, "5.7.1", message);
        };
    }
}
