package dev.hermod.api.delivery;

import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.SmtpReply;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link Delivery#deliver}: one result per recipient, in the order the recipients were
 * given.
 *
 * @param results the per-recipient results; copied, never {@code null}
 */
public record DeliveryReport(List<RecipientResult> results) {

    /**
     * @param results the per-recipient results, not {@code null}
     * @throws NullPointerException if {@code results} or an element is {@code null}
     */
    public DeliveryReport {
        results = List.copyOf(results);
    }

    /** @return {@code true} if every recipient's message was stored */
    public boolean allDelivered() {
        return results.stream().allMatch(r -> r.status() == Status.DELIVERED);
    }

    /** How delivery to one recipient ended. */
    public enum Status {
        /** Stored, durably, in the INBOX of every account the recipient resolves to. */
        DELIVERED,
        /** Not stored; the sender should retry later (SMTP {@code 4xx}). */
        TEMPORARY_FAILURE,
        /** Not stored and never will be as sent (SMTP {@code 5xx}). */
        PERMANENT_FAILURE
    }

    /**
     * The result for one recipient.
     *
     * <p>A recipient resolving to several accounts (a list) is {@link Status#DELIVERED} when at least one
     * account stored the message; failures for the other members are logged by the core and not retried,
     * as a list server would. It is a {@link Status#TEMPORARY_FAILURE} when no account stored it and at
     * least one failure was temporary, otherwise a {@link Status#PERMANENT_FAILURE}.
     *
     * @param recipient the recipient, never {@code null}
     * @param status the outcome, never {@code null}
     * @param accounts the accounts that stored the message for this recipient; copied, never {@code null}
     * @param reason why it failed, safe to show the client; empty when delivered; never {@code null}
     * @param filterReply the reply a {@link dev.hermod.api.filter.MessageFilter} chose when it refused the
     *                    message ({@link dev.hermod.api.filter.Verdict.Reject} or
     *                    {@link dev.hermod.api.filter.Verdict.TempFail}), or {@code null}
     */
    public record RecipientResult(Address recipient, Status status, List<String> accounts, String reason,
                                  SmtpReply filterReply) {

        /**
         * @param recipient the recipient
         * @param status the outcome
         * @param accounts the accounts that stored the message; empty when delivered means a filter
         *                 discarded it
         * @param reason why it failed, or empty
         * @param filterReply a filter's reply, or {@code null}
         * @throws NullPointerException if a component other than {@code filterReply} is {@code null}
         * @throws IllegalArgumentException if {@code filterReply} does not suit {@code status}
         */
        public RecipientResult {
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(reason, "reason");
            accounts = List.copyOf(accounts);
            if (filterReply != null && (status == Status.DELIVERED
                    || (status == Status.TEMPORARY_FAILURE) != filterReply.isTransient())) {
                throw new IllegalArgumentException("filter reply " + filterReply + " does not suit " + status);
            }
        }

        /**
         * A result without a filter's reply.
         *
         * @param recipient the recipient
         * @param status the outcome
         * @param accounts the accounts that stored the message
         * @param reason why it failed, or empty
         */
        public RecipientResult(Address recipient, Status status, List<String> accounts, String reason) {
            this(recipient, status, accounts, reason, null);
        }

        /**
         * The SMTP reply for this result, as LMTP sends one per recipient after {@code DATA} (RFC 2033 §4.2):
         * {@code 250 2.0.0}, {@code 451 4.3.0} or {@code 554 5.3.0}; over quota, which the core reports with
         * a reason starting {@code "Over quota"}, {@code 452 4.2.2} or {@code 552 5.2.2}.
         *
         * A filter's reply, when there is one, is returned as it is.
         *
         * @return the reply, never {@code null}
         */
        public SmtpReply reply() {
            if (filterReply != null) {
                return filterReply;
            }
            return switch (status) {
                case DELIVERED -> new SmtpReply(250, "2.0.0", "<" + recipient + "> delivered");
                case TEMPORARY_FAILURE -> reason.startsWith("Over quota")
                        ? new SmtpReply(452, "4.2.2", "<" + recipient + "> " + reason)
                        : new SmtpReply(451, "4.3.0", "<" + recipient + "> " + reason);
                case PERMANENT_FAILURE -> reason.startsWith("Over quota")
                        ? new SmtpReply(552, "5.2.2", "<" + recipient + "> " + reason)
                        : new SmtpReply(554, "5.3.0", "<" + recipient + "> " + reason);
            };
        }
    }
}
