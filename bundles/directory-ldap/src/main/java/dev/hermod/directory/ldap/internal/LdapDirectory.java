package dev.hermod.directory.ldap.internal;

import dev.hermod.api.directory.Credentials;
import dev.hermod.api.directory.PlainCredentials;
import dev.hermod.api.directory.Principal;
import dev.hermod.api.directory.PrincipalType;
import dev.hermod.api.mail.Address;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapInvalidDnException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.name.Rdn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link dev.hermod.api.directory.Directory} semantics over an {@link LdapClient}; see the package documentation. */
final class LdapDirectory implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LdapDirectory.class);
    /** Most entries sharing one address that are resolved. */
    private static final int ADDRESS_LIMIT = 50;
    /** Most principals VRFY returns. */
    private static final int VERIFY_LIMIT = 10;
    /** Most member entries read while expanding one list, nested lists included. */
    private static final int MEMBER_LIMIT = 10_000;

    private final LdapSettings settings;
    private final LdapSettings.Attributes attrs;
    private final LdapClient client;
    private final PasswordVerifier passwords;
    private final TtlCache cache;
    private final Set<String> principalAttributes;
    private final Set<String> loginAttributes;
    private final Set<String> listAttributes;

    LdapDirectory(LdapSettings settings, PasswordVerifier passwords) {
        this.settings = settings;
        this.attrs = settings.attributes();
        this.passwords = passwords;
        this.client = new LdapClient(settings);
        this.cache = new TtlCache(settings.cacheTtlMillis(), System::nanoTime);
        Set<String> principal = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        principal.addAll(List.of(attrs.name(), attrs.groupName(), attrs.mail(), attrs.type()));
        principal.addAll(attrs.description());
        for (String optional : List.of(attrs.alias(), attrs.quota(), attrs.quotaMessages(),
                settings.filters().groups() == null ? attrs.memberOf() : "")) {
            if (!optional.isEmpty()) {
                principal.add(optional);
            }
        }
        principal.addAll(settings.active().attributes());
        this.principalAttributes = Set.copyOf(principal);
        Set<String> login = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        login.addAll(principal);
        if (settings.authMode() == LdapSettings.AuthMode.HASH) {
            login.add(attrs.secret());
        }
        this.loginAttributes = Set.copyOf(login);
        Set<String> list = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        list.addAll(principal);
        list.add(attrs.member());
        this.listAttributes = Set.copyOf(list);
        LOG.info("LDAP directory on {} (base {}, auth {}{})", settings.url(), settings.baseDn(),
                settings.authMode().name().toLowerCase(Locale.ROOT), settings.starttls() ? ", StartTLS" : "");
    }

    @Override
    public void close() {
        client.close();
    }

    Optional<Principal> authenticate(Credentials credentials) {
        if (!(credentials instanceof PlainCredentials plain)) {
            return Optional.empty();
        }
        String secret = plain.secret();
        // An empty password would make a bind "unauthenticated" (RFC 4513 §5.1.2): some servers report success.
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        if (!plausible(plain.name())) {
            return Optional.empty();
        }
        Optional<Entry> found = loginEntry(plain.name());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Entry entry = found.get();
        if (!settings.active().test(entry)) {
            LOG.debug("login refused for inactive {}", entry.getDn());
            return Optional.empty();
        }
        boolean valid = settings.authMode() == LdapSettings.AuthMode.BIND
                ? client.bind(entry.getDn(), secret)
                : verifyStored(entry, secret);
        return valid ? Optional.of(toPrincipal(entry, PrincipalType.INDIVIDUAL)) : Optional.empty();
    }

    Optional<Principal> principal(String name) {
        if (!plausible(name)) {
            return Optional.empty();
        }
        return cache.get("p\0" + name.toLowerCase(Locale.ROOT), () -> {
            Optional<Entry> entry = unique(client.search(settings.filters().name().with(name), principalAttributes, 2),
                    name);
            if (entry.isEmpty()) {
                entry = unique(client.search(settings.filters().group().with(name), principalAttributes, 2), name);
            }
            return entry.flatMap(e -> type(e).map(t -> toPrincipal(e, t)));
        });
    }

    Set<String> recipients(Address address) {
        return cache.get("r\0" + address, () -> {
            Set<String> names = resolve(address.toString());
            char separator = settings.separator();
            if (names.isEmpty() && separator != 0) {
                Address base = address.withoutDetail(separator);
                if (!base.equals(address)) {
                    names = resolve(base.toString());
                }
            }
            if (names.isEmpty() && !address.domain().startsWith("[")) {
                names = resolve("@" + address.domain());
            }
            return Set.copyOf(names);
        });
    }

    boolean isLocalDomain(String domain) {
        return cache.get("d\0" + domain.toLowerCase(Locale.ROOT), () ->
                !client.search(settings.filters().domains().with(domain), List.of(), 1).isEmpty());
    }

    List<Address> expand(String list) {
        String key = strip(list);
        if (key.isEmpty() || !plausible(list)) {
            return List.of();
        }
        for (Entry entry : client.search(settings.filters().expand().with(key), listAttributes, 2)) {
            if (type(entry).orElse(null) == PrincipalType.LIST) {
                Set<Address> addresses = new LinkedHashSet<>();
                walkMembers(entry, member -> {
                    if (type(member).orElse(null) != PrincipalType.LIST) {
                        emails(member).stream().findFirst().ifPresent(addresses::add);
                    }
                });
                return List.copyOf(addresses);
            }
        }
        return List.of();
    }

    List<Principal> verify(String partial) {
        String key = strip(partial);
        // "@domain" names a catch-all entry, not a mailbox: VRFY does not say who holds it.
        if (key.isEmpty() || key.startsWith("@") || !plausible(partial)) {
            return List.of();
        }
        List<Principal> found = new ArrayList<>();
        for (Entry entry : client.search(settings.filters().verify().with(key), principalAttributes, VERIFY_LIMIT)) {
            type(entry).ifPresent(t -> found.add(toPrincipal(entry, t)));
        }
        return found;
    }

    // --- lookups

    private Optional<Entry> loginEntry(String name) {
        Optional<Entry> entry = unique(individuals(client.search(settings.filters().name().with(name), loginAttributes,
                2)), name);
        if (entry.isEmpty() && settings.loginByEmail() && name.indexOf('@') > 0) {
            entry = unique(individuals(client.search(settings.filters().email().with(name), loginAttributes, 2)), name);
        }
        return entry;
    }

    private List<Entry> individuals(List<Entry> entries) {
        return entries.stream().filter(e -> type(e).orElse(null) == PrincipalType.INDIVIDUAL).toList();
    }

    private static Optional<Entry> unique(List<Entry> entries, String name) {
        if (entries.size() > 1) {
            LOG.warn("{} LDAP entries match the name {}, e.g. {} and {}; names must be unique, so it is treated as"
                    + " unknown", entries.size(), name, entries.get(0).getDn(), entries.get(1).getDn());
            return Optional.empty();
        }
        return entries.stream().findFirst();
    }

    /** The principals an exact address (or {@code @domain}) delivers to; lists are expanded to their members. */
    private Set<String> resolve(String address) {
        Set<String> names = new TreeSet<>();
        for (Entry entry : client.search(settings.filters().email().with(address), listAttributes, ADDRESS_LIMIT)) {
            Optional<PrincipalType> type = type(entry);
            if (type.isEmpty()) {
                continue;
            }
            if (type.get() == PrincipalType.LIST) {
                walkMembers(entry, member -> {
                    PrincipalType t = type(member).orElse(null);
                    if (t == PrincipalType.INDIVIDUAL || t == PrincipalType.GROUP) {
                        name(member, t).ifPresent(names::add);
                    }
                });
            } else {
                name(entry, type.get()).ifPresent(names::add);
            }
        }
        return names;
    }

    /** Visits the members of a list, and of the lists in it, each entry once (cycles are broken). */
    private void walkMembers(Entry list, java.util.function.Consumer<Entry> visitor) {
        Set<String> seen = new HashSet<>();
        seen.add(key(list.getDn()));
        Deque<Entry> lists = new ArrayDeque<>();
        lists.add(list);
        int read = 0;
        while (!lists.isEmpty()) {
            Entry current = lists.poll();
            for (String memberDn : values(current, attrs.member())) {
                Dn dn;
                try {
                    dn = new Dn(memberDn);
                } catch (LdapInvalidDnException e) {
                    LOG.debug("{} has a member that is not a DN: {}", current.getDn(), memberDn);
                    continue;
                }
                if (!seen.add(key(dn))) {
                    continue;
                }
                if (++read > MEMBER_LIMIT) {
                    LOG.warn("list {} has more than {} members; the rest are ignored", list.getDn(), MEMBER_LIMIT);
                    return;
                }
                for (Entry member : client.read(dn, listAttributes)) {
                    if (type(member).orElse(null) == PrincipalType.LIST) {
                        lists.add(member);
                    }
                    visitor.accept(member);
                }
            }
        }
    }

    private boolean verifyStored(Entry entry, String secret) {
        boolean match = false;
        for (String stored : values(entry, attrs.secret())) {
            match |= passwords.verify(stored, secret);
        }
        return match;
    }

    // --- mapping

    private Principal toPrincipal(Entry entry, PrincipalType type) {
        String name = name(entry, type).orElseThrow(() -> new IllegalStateException(entry.getDn() + " has no name"));
        String description = null;
        for (String attribute : attrs.description()) {
            List<String> values = values(entry, attribute);
            if (!values.isEmpty()) {
                description = values.get(0);
                break;
            }
        }
        return new Principal(name, type, description, number(entry, attrs.quota()), number(entry, attrs.quotaMessages()),
                List.copyOf(emails(entry)), memberOf(entry), settings.active().test(entry));
    }

    /** Primary address(es) first, then aliases; catch-alls ({@code @domain}) and malformed values left out. */
    private Set<Address> emails(Entry entry) {
        Set<Address> emails = new LinkedHashSet<>();
        List<String> values = new ArrayList<>(values(entry, attrs.mail()));
        if (!attrs.alias().isEmpty()) {
            values.addAll(values(entry, attrs.alias()));
        }
        for (String value : values) {
            if (value.startsWith("@")) {
                continue;
            }
            try {
                emails.add(Address.parse(value.strip()));
            } catch (IllegalArgumentException e) {
                LOG.debug("{} has an address Hermod cannot use: {} ({})", entry.getDn(), value, e.getMessage());
            }
        }
        return emails;
    }

    private Set<String> memberOf(Entry entry) {
        List<String> groupDns;
        if (settings.filters().groups() != null) {
            groupDns = client.search(settings.filters().groups().with(entry.getDn().getName()), List.of(), 1000)
                    .stream().map(e -> e.getDn().getName()).toList();
        } else if (!attrs.memberOf().isEmpty()) {
            groupDns = values(entry, attrs.memberOf());
        } else {
            return Set.of();
        }
        Set<String> names = new TreeSet<>();
        for (String groupDn : groupDns) {
            try {
                Dn dn = new Dn(groupDn);
                Rdn rdn = dn.getRdn();
                if (rdn.getType().equalsIgnoreCase(attrs.groupName()) || rdn.getType().equalsIgnoreCase(attrs.name())) {
                    names.add(rdn.getValue());
                } else {
                    for (Entry group : client.read(dn, principalAttributes)) {
                        type(group).flatMap(t -> name(group, t)).ifPresent(names::add);
                    }
                }
            } catch (LdapInvalidDnException e) {
                LOG.debug("{} is a member of something that is not a DN: {}", entry.getDn(), groupDn);
            }
        }
        return names;
    }

    /** The type from {@code attr.type}: {@code type.group} first, then {@code type.list}, then individual. */
    private Optional<PrincipalType> type(Entry entry) {
        Set<String> values = new HashSet<>();
        for (String value : values(entry, attrs.type())) {
            values.add(value.toLowerCase(Locale.ROOT));
        }
        LdapSettings.Types types = settings.types();
        if (types.group().stream().anyMatch(values::contains)) {
            return Optional.of(PrincipalType.GROUP);
        }
        if (types.list().stream().anyMatch(values::contains)) {
            return Optional.of(PrincipalType.LIST);
        }
        if (types.individual().stream().anyMatch(values::contains)) {
            return Optional.of(PrincipalType.INDIVIDUAL);
        }
        return Optional.empty();
    }

    /**
     * The canonical name: {@code attr.name} of individuals, {@code attr.group.name} (else {@code attr.name}) of
     * groups and lists; of several values, the one in the entry's RDN, else the first.
     */
    private Optional<String> name(Entry entry, PrincipalType type) {
        List<String> candidates = type == PrincipalType.INDIVIDUAL ? List.of(attrs.name())
                : List.of(attrs.groupName(), attrs.name());
        Rdn rdn = entry.getDn().getRdn();
        for (String attribute : candidates) {
            List<String> values = values(entry, attribute);
            if (values.isEmpty()) {
                continue;
            }
            if (rdn != null && attribute.equalsIgnoreCase(rdn.getType())) {
                for (String value : values) {
                    if (value.equalsIgnoreCase(rdn.getValue())) {
                        return Optional.of(value);
                    }
                }
            }
            return Optional.of(values.get(0));
        }
        return Optional.empty();
    }

    private static long number(Entry entry, String attribute) {
        if (attribute.isEmpty()) {
            return 0;
        }
        List<String> values = values(entry, attribute);
        if (values.isEmpty()) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(values.get(0).strip()));
        } catch (NumberFormatException e) {
            LOG.warn("{} of {} is not a number: {}; taken as unlimited", attribute, entry.getDn(), values.get(0));
            return 0;
        }
    }

    static List<String> values(Entry entry, String attribute) {
        if (attribute == null || attribute.isEmpty()) {
            return List.of();
        }
        Attribute values = entry.get(attribute);
        if (values == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(values.size());
        for (Value value : values) {
            out.add(ActiveFilter.text(value));
        }
        return out;
    }

    private static String key(Dn dn) {
        return dn.getNormName().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether a name may exist: not blank, no control character. LDAP's string preparation (RFC 4518 §2.2) maps
     * CR, LF, TAB and the like to spaces, which matching then ignores at the ends, so {@code "jane\r\n"} would
     * find {@code jane}; such names are refused before they reach the server.
     */
    private static boolean plausible(String name) {
        return !name.isBlank() && name.chars().noneMatch(Character::isISOControl);
    }

    /** An argument of EXPN/VRFY without surrounding space and angle brackets. */
    private static String strip(String argument) {
        String s = argument.strip();
        if (s.length() >= 2 && s.startsWith("<") && s.endsWith(">")) {
            s = s.substring(1, s.length() - 1).strip();
        }
        return s;
    }

}
