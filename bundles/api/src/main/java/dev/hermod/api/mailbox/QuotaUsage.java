package dev.hermod.api.mailbox;

/**
 * An account's storage use against the directory's limits (RFC 9208 STORAGE and MESSAGE, RFC 9425).
 *
 * @param usedBytes octets of all messages
 * @param usedMessages number of messages
 * @param limitBytes the principal's quota in octets, 0 for none
 * @param limitMessages the principal's message quota, 0 for none
 */
public record QuotaUsage(long usedBytes, long usedMessages, long limitBytes, long limitMessages) {

    /**
     * Whether adding a message of this size stays within both limits.
     *
     * @param size the message's size in octets
     * @return {@code true} if it fits
     */
    public boolean fits(long size) {
        return (limitBytes <= 0 || usedBytes + size <= limitBytes)
                && (limitMessages <= 0 || usedMessages + 1 <= limitMessages);
    }
}
