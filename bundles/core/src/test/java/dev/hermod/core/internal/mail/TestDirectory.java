package dev.hermod.core.internal.mail;

import dev.hermod.api.directory.Credentials;
import dev.hermod.api.directory.Directory;
import dev.hermod.api.directory.Principal;
import dev.hermod.api.directory.PrincipalType;
import dev.hermod.api.mail.Address;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A directory held in memory, names matched ignoring case as most directories do. */
final class TestDirectory implements Directory {

    private final Map<String, Principal> principals = new ConcurrentHashMap<>();

    TestDirectory user(String name) {
        return put(name, PrincipalType.INDIVIDUAL, 0, 0, true);
    }

    TestDirectory put(String name, PrincipalType type, long quota, long quotaMessages, boolean active) {
        principals.put(name.toLowerCase(Locale.ROOT), new Principal(name, type, null, quota, quotaMessages,
                List.of(new Address(name.toLowerCase(Locale.ROOT), "example.org")), Set.of(), active));
        return this;
    }

    @Override
    public Optional<Principal> authenticate(Credentials credentials) {
        return Optional.empty();
    }

    @Override
    public Optional<Principal> principal(String name) {
        return Optional.ofNullable(principals.get(name.toLowerCase(Locale.ROOT)));
    }

    @Override
    public Set<String> recipients(Address address) {
        return Set.of();
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
