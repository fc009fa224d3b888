package dev.hermod.sieve.internal;

import java.util.List;

/** One action of a run's result (RFC 5228 §4 and the extensions). */
public sealed interface SieveAction permits SieveAction.Keep, SieveAction.FileInto, SieveAction.Redirect,
        SieveAction.Discard, SieveAction.Reject, SieveAction.Defer, SieveAction.Vacation, SieveAction.Notify {

    /**
     * {@code notify} (RFC 5435) with the mailto method (RFC 5436): a notification message to the URI's
     * address, sent through the outbound queue.
     *
     * @param method     the notification URI, {@code mailto:...}
     * @param from       {@code :from}, or {@code null}
     * @param importance {@code :importance} 1, 2 or 3 (default 2)
     * @param message    {@code :message}, or {@code null} for the default (the sender and subject)
     */
    record Notify(String method, String from, String importance, String message) implements SieveAction {
    }

    /**
     * Store in INBOX: {@code keep}, or the implicit keep (RFC 5228 §2.10.2).
     *
     * @param flags    IMAP flags to set (RFC 5232), no duplicates
     * @param implicit whether it is the implicit keep
     */
    record Keep(List<String> flags, boolean implicit) implements SieveAction {
        /**
         * @param flags IMAP flags to set, copied
         * @param implicit whether it is the implicit keep
         */
        public Keep {
            flags = List.copyOf(flags);
        }
    }

    /**
     * {@code fileinto} (RFC 5228 §4.1).
     *
     * @param mailbox the mailbox name as the script gave it
     * @param flags   IMAP flags to set (RFC 5232)
     * @param copy    {@code :copy} (RFC 3894): the implicit keep was not cancelled
     * @param create  {@code :create} (RFC 5490 §3.2): create the mailbox if missing
     */
    record FileInto(String mailbox, List<String> flags, boolean copy, boolean create) implements SieveAction {
        /**
         * @param mailbox the mailbox name
         * @param flags IMAP flags to set, copied
         * @param copy {@code :copy}
         * @param create {@code :create}
         */
        public FileInto {
            flags = List.copyOf(flags);
        }
    }

    /**
     * {@code redirect} (RFC 5228 §4.2). Sending needs the outbound queue: the result records it, but
     * {@link SieveVerdicts} does not carry it out yet and keeps the message instead.
     *
     * @param address the address to forward to
     * @param copy    {@code :copy} (RFC 3894)
     */
    record Redirect(String address, boolean copy) implements SieveAction {
    }

    /** {@code discard} (RFC 5228 §4.4). */
    record Discard() implements SieveAction {
    }

    /**
     * {@code reject} or {@code ereject} (RFC 5429).
     *
     * @param reason   the reason text
     * @param extended whether it was {@code ereject}
     */
    record Reject(String reason, boolean extended) implements SieveAction {
    }

    /**
     * {@code defer} (Hermod's extension "vnd.hermod.defer"): refuse the message for now, with a temporary
     * failure the client is expected to retry (RFC 5321 §4.2.1, 4yz replies). Like {@code reject} it cancels
     * the implicit keep; it overrides every other action, as a deferred message is not taken at all.
     *
     * @param reason the reason as the script gave it; it may begin with a 4xx reply code and an enhanced
     *               status code, e.g. {@code 451 4.7.1 Greylisted, try again later}
     */
    record Defer(String reason) implements SieveAction {
    }

    /**
     * {@code vacation} (RFC 5230, RFC 6131): the parameters of an auto-reply. Sending needs the outbound
     * queue and is not done yet. The caller decides whether to send (RFC 5230 §4.5 and §4.6: not to the null
     * sender, to lists, or when the recipient is not among the message's To/Cc addresses) and de-duplicates
     * by {@link #trackingKey()} over {@code seconds}.
     *
     * @param sender    the envelope sender the reply would go to
     * @param reason    the reply text (or MIME entity if {@code mime})
     * @param subject   {@code :subject}, or {@code null} for the default ("Auto: " and the original subject)
     * @param from      {@code :from}, or {@code null}
     * @param addresses {@code :addresses}: more addresses of the recipient
     * @param mime      {@code :mime}
     * @param seconds   the period in which one reply per sender is sent ({@code :days} times 86400, or
     *                  {@code :seconds})
     * @param handle    {@code :handle}, or one derived from the other parameters (RFC 5230 §4.2)
     */
    record Vacation(String sender, String reason, String subject, String from, List<String> addresses,
                    boolean mime, long seconds, String handle) implements SieveAction {
        /**
         * @param sender the envelope sender
         * @param reason the reply text
         * @param subject {@code :subject} or {@code null}
         * @param from {@code :from} or {@code null}
         * @param addresses {@code :addresses}, copied
         * @param mime {@code :mime}
         * @param seconds the period
         * @param handle the handle
         */
        public Vacation {
            addresses = List.copyOf(addresses);
        }

        /** @return the key under which to remember that {@link #sender()} got this reply (RFC 5230 §4.2) */
        public String trackingKey() {
            return sender + "\u0000" + handle;
        }
    }
}
