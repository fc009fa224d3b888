package dev.hermod.core.internal.delivery;

import dev.hermod.api.directory.Credentials;
import dev.hermod.api.directory.Directory;
import dev.hermod.api.directory.Principal;
import dev.hermod.api.directory.PrincipalType;
import dev.hermod.api.mail.Address;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A directory in memory with addresses, aliases, lists, catch-alls and '+' sub-addressing, for example.org. */
final class RoutingDirectory implements Directory {

    private final Map<String, Principal> principals = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> routes = new ConcurrentHashMap<>();

    RoutingDirectory user(String name, long quota) {
        return put(name, PrincipalType.INDIVIDUAL, quota, true);
    }

    RoutingDirectory put(String name, PrincipalType type, long quota, boolean active) {
        principals.put(name.toLowerCase(Locale.ROOT), new Principal(name, type, null, quota, 0,
                List.of(new Address(name, "example.org")), Set.of(), active));
        return route(name + "@example.org", name);
    }

    /** @param address an address, or {@code @domain} for a catch-all */
    RoutingDirectory route(String address, String... names) {
        routes.computeIfAbsent(address.toLowerCase(Locale.ROOT), a -> new LinkedHashSet<>()).addAll(List.of(names));
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
        Set<String> names = routes.get(address.toString().toLowerCase(Locale.ROOT));
        if (names == null) {
            names = routes.get(address.withoutDetail('+').toString().toLowerCase(Locale.ROOT));
        }
        if (names == null) {
            names = routes.get("@" + address.domain());
        }
        return names == null ? Set.of() : Set.copyOf(names);
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
