package dev.hermod.api.mail;

import java.util.Objects;
import java.util.Optional;

/**
 * The reverse-path of {@code MAIL FROM:} (RFC 5321 §4.1.2): either a mailbox, where delivery status
 * notifications go, or the null path {@code <>} of bounces and auto-replies, which must never be answered
 * with another message (RFC 5321 §4.5.5).
 *
 * @param address the sender's mailbox, or {@code null} for the null path; prefer {@link #mailbox()}
 */
public record ReversePath(Address address) {

    /** The null reverse-path {@code <>}. */
    public static final ReversePath NULL = new ReversePath(null);

    /**
     * A reverse-path naming a mailbox.
     *
     * @param address the mailbox, not {@code null} (use {@link #NULL} for {@code <>})
     * @return the reverse-path, never {@code null}
     * @throws NullPointerException if {@code address} is {@code null}
     */
    public static ReversePath of(Address address) {
        return new ReversePath(Objects.requireNonNull(address, "address"));
    }

    /**
     * Parses a reverse-path with its angle brackets: {@code <>} or a path as accepted by
     * {@link Address#parsePath(String)} (a source route is ignored).
     *
     * @param path the text, e.g. {@code <>} or {@code <user@example.com>}; not {@code null}
     * @return the reverse-path, never {@code null}
     * @throws NullPointerException     if {@code path} is {@code null}
     * @throws IllegalArgumentException if the text is not a reverse-path
     */
    public static ReversePath parse(String path) {
        Objects.requireNonNull(path, "path");
        return path.equals("<>") ? NULL : of(Address.parsePath(path));
    }

    /** @return {@code true} for the null path {@code <>} */
    public boolean isNull() {
        return address == null;
    }

    /** @return the sender's mailbox, or empty for the null path */
    public Optional<Address> mailbox() {
        return Optional.ofNullable(address);
    }

    /** @return the path as written in SMTP: {@code <>} or {@code <user@example.com>} */
    @Override
    public String toString() {
        return address == null ? "<>" : "<" + address + ">";
    }
}
