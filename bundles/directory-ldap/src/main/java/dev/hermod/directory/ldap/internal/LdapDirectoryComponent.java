package dev.hermod.directory.ldap.internal;

import dev.hermod.api.directory.Credentials;
import dev.hermod.api.directory.Directory;
import dev.hermod.api.directory.Principal;
import dev.hermod.api.mail.Address;
import dev.hermod.password.Passwords;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Registers the LDAP {@link Directory} ({@code name=ldap}, ranking 10) once a {@code directory.ldap}
 * configuration exists; a changed configuration makes a new one. Nothing is fetched at activation: the pool
 * connects at the first lookup, and a server that is down then gives temporary failures, not a failed
 * component. See the package documentation for the semantics.
 */
@Component(service = Directory.class, configurationPid = LdapDirectoryComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = {"name=ldap", "service.ranking:Integer=10"})
@Designate(ocd = LdapDirectoryComponent.Config.class)
public final class LdapDirectoryComponent implements Directory {

    static final String PID = "directory.ldap";

    @ObjectClassDefinition(name = "Hermod directory: LDAP",
            description = "Users, groups, lists, addresses and domains from an LDAP server.")
    public @interface Config {
        @AttributeDefinition(description = "ldap://host:port or ldaps://host:port (default ports 389 and 636). No path.")
        String url() default "ldap://127.0.0.1:389";

        @AttributeDefinition(description = "Upgrade ldap:// connections with StartTLS (RFC 4513 §3); fails rather than"
                + " continues without TLS.")
        boolean starttls() default false;

        @AttributeDefinition(description = "Accept any server certificate and host name (tests only).")
        boolean trust_all() default false;

        @AttributeDefinition(description = "Certificates to trust: a PEM file of CA certificates, or a key store"
                + " (truststore.type). Empty: the JDK's trusted CAs.")
        String truststore_path() default "";

        @AttributeDefinition(description = "Key store type of truststore.path when it is not PEM.")
        String truststore_type() default "PKCS12";

        @AttributeDefinition(type = AttributeType.PASSWORD, description = "Key store password, if it has one.")
        String _truststore_password() default "";

        @AttributeDefinition(description = "DN Hermod binds as to search; empty binds anonymously.")
        String bind_dn() default "";

        @AttributeDefinition(name = "Bind password", type = AttributeType.PASSWORD,
                description = "Password of bind.dn (key .bind.password). Prefer bind.password.file or bind.password.env.")
        String _bind_password() default "";

        @AttributeDefinition(description = "File holding the bind password on its first line (mode 600).")
        String bind_password_file() default "";

        @AttributeDefinition(description = "Environment variable holding the bind password.")
        String bind_password_env() default "";

        @AttributeDefinition(description = "Connections for searches; as many again for user binds.", min = "1")
        int pool_size() default 8;

        @AttributeDefinition(description = "Milliseconds to open a connection (TCP and TLS).", min = "100")
        int connect_timeout_ms() default 5000;

        @AttributeDefinition(description = "Milliseconds an operation (or a wait for a pooled connection) may take"
                + " before the caller gets a temporary failure.", min = "100")
        int timeout_ms() default 5000;

        @AttributeDefinition(description = "Where searches start (subtree), e.g. dc=example,dc=org.")
        String base_dn();

        @AttributeDefinition(description = "An individual by login name.")
        String filter_name() default "(&(objectClass=inetOrgPerson)(uid=?))";

        @AttributeDefinition(description = "A group or list by name.")
        String filter_group() default "(&(objectClass=groupOfNames)(cn=?))";

        @AttributeDefinition(description = "Entries by address: exact, or '@domain' for catch-all entries.")
        String filter_email() default "(|(mail=?)(mailAlias=?))";

        @AttributeDefinition(description = "VRFY: entries matching a name or address.")
        String filter_verify() default "(|(&(objectClass=inetOrgPerson)(|(uid=?)(mail=?)(mailAlias=?)))"
                + "(&(objectClass=groupOfNames)(|(cn=?)(mail=?)(mailAlias=?))))";

        @AttributeDefinition(description = "EXPN: a list by address or name.")
        String filter_expand() default "(&(objectClass=groupOfNames)(|(mail=?)(mailAlias=?)(cn=?)))";

        @AttributeDefinition(description = "A local domain: matches at least one entry. E.g. (&(objectClass=dNSDomain)(dc=?))"
                + " for one entry per domain named by its full name, or (|(mail=*@?)(mailAlias=*@?)).")
        String filter_domains() default "(&(objectClass=domainRelatedObject)(associatedDomain=?))";

        @AttributeDefinition(description = "Groups a DN is a direct member of, when the server has no memberOf"
                + " (e.g. (&(objectClass=groupOfNames)(member=?))). Empty: read attr.memberof.")
        String filter_groups() default "";

        @AttributeDefinition(description = "Active entries, evaluated by Hermod on the entry: &, |, !, (a=*), (a=v)."
                + " Empty: all active.")
        String filter_active() default "(!(pwdAccountLockedTime=*))";

        @AttributeDefinition(description = "Login name of individuals.")
        String attr_name() default "uid";

        @AttributeDefinition(description = "Name of groups and lists.")
        String attr_group_name() default "cn";

        @AttributeDefinition(description = "Primary address(es), first.")
        String attr_mail() default "mail";

        @AttributeDefinition(description = "Further addresses; '@domain' makes a catch-all (not listed in emails).")
        String attr_alias() default "mailAlias";

        @AttributeDefinition(description = "DNs of the groups an entry belongs to (OpenLDAP memberof/dynlist, AD, 389-DS).")
        String attr_memberof() default "memberOf";

        @AttributeDefinition(description = "DNs of a group's or list's members.")
        String attr_member() default "member";

        @AttributeDefinition(description = "Stored password, read when auth.mode = hash.")
        String attr_secret() default "userPassword";

        @AttributeDefinition(description = "Quota in bytes; empty: unlimited.")
        String attr_quota() default "mailQuota";

        @AttributeDefinition(description = "Quota in messages; empty: unlimited.")
        String attr_quota_messages() default "";

        @AttributeDefinition(description = "Human-readable name; a comma-separated list takes the first present.")
        String attr_description() default "description";

        @AttributeDefinition(description = "Attribute whose values give the type (type.*).")
        String attr_type() default "objectClass";

        @AttributeDefinition(description = "Values of attr.type making an individual (comma-separated).")
        String type_individual() default "inetOrgPerson";

        @AttributeDefinition(description = "Values of attr.type making a group with a shared mailbox; checked first.")
        String type_group() default "hermodSharedMailbox";

        @AttributeDefinition(description = "Values of attr.type making a mailing list.")
        String type_list() default "groupOfNames";

        @AttributeDefinition(description = "bind: bind as the user's DN (the server checks the password, and its"
                + " policies apply); hash: read attr.secret with bind.dn and verify it here.",
                options = {@Option(value = "bind"), @Option(value = "hash")})
        String auth_mode() default "bind";

        @AttributeDefinition(description = "Also accept an address (filter.email) as login name.")
        boolean login_by_email() default true;

        @AttributeDefinition(description = "Sub-address separator (user+tag@); empty: none.")
        String subaddress_separator() default "+";

        @AttributeDefinition(description = "Milliseconds to keep answers of principal/recipients/isLocalDomain;"
                + " 0: none, every change shows at once.", min = "0")
        long cache_ttl_ms() default 0;
    }

    private final LdapDirectory directory;

    @Activate
    public LdapDirectoryComponent(Config config) {
        directory = new LdapDirectory(LdapSettings.from(config, System::getenv), Passwords::verify);
    }

    @Deactivate
    void deactivate() {
        directory.close();
    }

    @Override
    public Optional<Principal> authenticate(Credentials credentials) {
        return directory.authenticate(credentials);
    }

    @Override
    public Optional<Principal> principal(String name) {
        return directory.principal(name);
    }

    @Override
    public Set<String> recipients(Address address) {
        return directory.recipients(address);
    }

    @Override
    public boolean isLocalDomain(String domain) {
        return directory.isLocalDomain(domain);
    }

    @Override
    public List<Address> expand(String list) {
        return directory.expand(list);
    }

    @Override
    public List<Principal> verify(String partial) {
        return directory.verify(partial);
    }
}
