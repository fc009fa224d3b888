package dev.hermod.core.internal.queue;

import dev.hermod.api.directory.Credentials;
import dev.hermod.api.directory.Directory;
import dev.hermod.api.directory.Principal;
import dev.hermod.api.directory.PrincipalType;
import dev.hermod.api.mail.Address;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** A directory with the individuals alice and carol in the local domain example.org. */
final class QueueDirectory implements Directory {

    private static final Set<String> USERS = Set.of("alice", "carol");

    @Override
    public Optional<Principal> authenticate(Credentials credentials) {
        return Optional.empty();
    }

    @Override
    public Optional<Principal> principal(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return USERS.contains(n) ? Optional.of(new Principal(n, PrincipalType.INDIVIDUAL, null, 0, 0,
                List.of(new Address(n, "example.org")), Set.of(), true)) : Optional.empty();
    }

    @Override
    public Set<String> recipients(Address address) {
        String local = address.localPart().toLowerCase(Locale.ROOT);
        return address.domain().equals("example.org") && USERS.contains(local) ? Set.of(local) : Set.of();
    }

    @Override
    public boolean isLocalDomain(String domain) {
        return "example.org".equals(domain);
    }

    @Override
    public List<Address> expand(String list) {
        return List.of();
    }

    @Override
    public List<Principal> verify(String partial) {
        return List.of();
    }
}
