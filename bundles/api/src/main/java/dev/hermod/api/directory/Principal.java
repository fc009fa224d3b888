package dev.hermod.api.directory;

import dev.hermod.api.mail.Address;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A user, group or list as the {@link Directory} describes it.
 *
 * @param name          the principal's unique, canonical name (login name, or list name), e.g. {@code jane}
 *                      or {@code jane@example.com}; the core keys accounts by it. Never {@code null} or blank
 * @param type          what kind of principal it is, never {@code null}
 * @param description   a human-readable name, e.g. {@code Jane Doe}, or {@code null}
 * @param quota         the most bytes the account's messages may take, {@code 0} for unlimited
 * @param quotaMessages the most messages the account may hold, {@code 0} for unlimited
 * @param emails        the addresses that deliver to it, primary address first; copied, never {@code null}
 *                      (empty for a principal that receives no mail)
 * @param memberOf      the names of the groups and lists it belongs to directly; copied, never
 *                      {@code null}
 * @param active        {@code false} if the principal is disabled: it cannot authenticate, and the core
 *                      rejects mail to it
 */
public record Principal(String name, PrincipalType type, String description, long quota, long quotaMessages,
                        List<Address> emails, Set<String> memberOf, boolean active) {

    /**
     * Validates and copies the components.
     *
     * @param name the principal's unique, canonical name (login name, or list name), e.g. {@code jane} or
     *             {@code jane@example.com}; the core keys accounts by it. Never {@code null} or blank
     * @param type what kind of principal it is, never {@code null}
     * @param description a human-readable name, e.g. {@code Jane Doe}, or {@code null}
     * @param quota the most bytes the account's messages may take, {@code 0} for unlimited
     * @param quotaMessages the most messages the account may hold, {@code 0} for unlimited
     * @param emails the addresses that deliver to it, primary address first; copied, never {@code null}
     *               (empty for a principal that receives no mail)
     * @param memberOf the names of the groups and lists it belongs to directly; copied, never {@code null}
     * @param active {@code false} if the principal is disabled: it cannot authenticate, and the core rejects
     *               mail to it
     * @throws NullPointerException     if {@code name}, {@code type}, {@code emails} or {@code memberOf} is
     *                                  {@code null}, or a collection contains {@code null}
     * @throws IllegalArgumentException if {@code name} is blank or a quota is negative
     */
    public Principal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isBlank()) {
            throw new IllegalArgumentException("principal name must not be blank");
        }
        if (quota < 0 || quotaMessages < 0) {
            throw new IllegalArgumentException("quotas must be 0 (unlimited) or positive: " + quota + ", "
                    + quotaMessages);
        }
        emails = List.copyOf(emails);
        memberOf = Set.copyOf(memberOf);
    }

    /** @return the primary address, or empty if the principal has none */
    public Optional<Address> primaryEmail() {
        return emails.isEmpty() ? Optional.empty() : Optional.of(emails.get(0));
    }
}
