package dev.hermod.directory.ldap.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.apache.directory.api.ldap.model.exception.LdapInvalidDnException;
import org.apache.directory.api.ldap.model.name.Dn;

/** A validated {@code directory.ldap} configuration. {@link #toString()} shows no secret. */
record LdapSettings(String url, String host, int port, boolean ldaps, boolean starttls, boolean trustAll,
                    String truststorePath, String truststoreType, String truststorePassword, String bindDn,
                    String bindPassword, int poolSize, Duration connectTimeout, Duration timeout, Dn baseDn,
                    Filters filters, ActiveFilter active, Attributes attributes, Types types, AuthMode authMode,
                    boolean loginByEmail, String subaddressSeparator, long cacheTtlMillis) {

    enum AuthMode { BIND, HASH }

    record Filters(FilterTemplate name, FilterTemplate group, FilterTemplate email, FilterTemplate verify,
                   FilterTemplate expand, FilterTemplate domains, FilterTemplate groups) {
    }

    /** Attribute names; {@code quota}, {@code quotaMessages} may be empty (not read). */
    record Attributes(String name, String groupName, String mail, String alias, String memberOf, String member,
                      String secret, String quota, String quotaMessages, List<String> description, String type) {
    }

    /** Values of the type attribute, lower case. */
    record Types(List<String> individual, List<String> group, List<String> list) {
    }

    static LdapSettings from(LdapDirectoryComponent.Config c, UnaryOperator<String> getenv) {
        URI uri;
        try {
            uri = new URI(c.url().strip());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("directory.ldap url is not a URL: " + c.url());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ldap") && !scheme.equals("ldaps") || uri.getHost() == null) {
            throw new IllegalArgumentException("directory.ldap url must be ldap://host[:port] or ldaps://host[:port]: "
                    + c.url());
        }
        if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/") || uri.getQuery() != null
                || uri.getUserInfo() != null) {
            throw new IllegalArgumentException("directory.ldap url takes no path, query or user (set base.dn and bind.dn"
                    + " instead): " + c.url());
        }
        boolean ldaps = scheme.equals("ldaps");
        if (ldaps && c.starttls()) {
            throw new IllegalArgumentException("directory.ldap: starttls applies to ldap:// URLs; an ldaps:// URL is"
                    + " already TLS");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : ldaps ? 636 : 389;
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (c.base_dn() == null || c.base_dn().isBlank()) {
            throw new IllegalArgumentException("directory.ldap base.dn is required, e.g. base.dn = dc=example,dc=org");
        }
        Dn base;
        try {
            base = new Dn(c.base_dn().strip());
        } catch (LdapInvalidDnException e) {
            throw new IllegalArgumentException("directory.ldap base.dn is not a DN: " + c.base_dn(), e);
        }
        String authMode = c.auth_mode().strip().toLowerCase(Locale.ROOT);
        if (!authMode.equals("bind") && !authMode.equals("hash")) {
            throw new IllegalArgumentException("directory.ldap auth.mode must be bind or hash, not " + c.auth_mode());
        }
        String separator = c.subaddress_separator() == null ? "" : c.subaddress_separator().strip();
        if (separator.length() > 1) {
            throw new IllegalArgumentException("directory.ldap subaddress.separator must be one character or empty: "
                    + separator);
        }
        Filters filters = new Filters(
                FilterTemplate.of("filter.name", c.filter_name()),
                FilterTemplate.of("filter.group", c.filter_group()),
                FilterTemplate.of("filter.email", c.filter_email()),
                FilterTemplate.of("filter.verify", c.filter_verify()),
                FilterTemplate.of("filter.expand", c.filter_expand()),
                FilterTemplate.of("filter.domains", c.filter_domains()),
                blank(c.filter_groups()) ? null : FilterTemplate.of("filter.groups", c.filter_groups()));
        Attributes attributes = new Attributes(required("attr.name", c.attr_name()),
                required("attr.group.name", c.attr_group_name()), required("attr.mail", c.attr_mail()),
                optional(c.attr_alias()), optional(c.attr_memberof()), required("attr.member", c.attr_member()),
                required("attr.secret", c.attr_secret()), optional(c.attr_quota()), optional(c.attr_quota_messages()),
                list(c.attr_description()), required("attr.type", c.attr_type()));
        Types types = new Types(lower(list(c.type_individual())), lower(list(c.type_group())),
                lower(list(c.type_list())));
        String password = Secrets.bindPassword(c._bind_password(), c.bind_password_file(), c.bind_password_env(), getenv);
        if (blank(c.bind_dn()) && !password.isEmpty()) {
            throw new IllegalArgumentException("directory.ldap: a bind password is set but bind.dn is empty");
        }
        if (!blank(c.bind_dn()) && password.isEmpty()) {
            throw new IllegalArgumentException("directory.ldap: bind.dn is set but no password (.bind.password,"
                    + " bind.password.file or bind.password.env); an empty password would be an unauthenticated bind");
        }
        if (authMode.equals("hash") && blank(c.bind_dn())) {
            throw new IllegalArgumentException("directory.ldap: auth.mode = hash reads " + c.attr_secret()
                    + ", which servers show to no anonymous client; set bind.dn");
        }
        return new LdapSettings(c.url().strip(), host, port, ldaps, c.starttls(), c.trust_all(),
                c.truststore_path() == null ? "" : c.truststore_path().strip(), c.truststore_type(),
                c._truststore_password() == null ? "" : c._truststore_password(), blank(c.bind_dn()) ? "" : c.bind_dn().strip(),
                password, positive("pool.size", c.pool_size()), Duration.ofMillis(positive("connect.timeout.ms",
                c.connect_timeout_ms())), Duration.ofMillis(positive("timeout.ms", c.timeout_ms())), base, filters,
                ActiveFilter.of(c.filter_active()), attributes, types,
                authMode.equals("bind") ? AuthMode.BIND : AuthMode.HASH, c.login_by_email(), separator,
                Math.max(0, c.cache_ttl_ms()));
    }

    /** @return the separator, or 0 for none */
    char separator() {
        return subaddressSeparator.isEmpty() ? 0 : subaddressSeparator.charAt(0);
    }

    @Override
    public String toString() {
        return "LdapSettings[url=" + url + ", starttls=" + starttls + ", trustAll=" + trustAll + ", bindDn=" + bindDn
                + ", bindPassword=" + (bindPassword.isEmpty() ? "(none)" : "***") + ", baseDn=" + baseDn
                + ", authMode=" + authMode + ", poolSize=" + poolSize + ", timeout=" + timeout + "]";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String required(String key, String value) {
        if (blank(value)) {
            throw new IllegalArgumentException("directory.ldap " + key + " must name an attribute");
        }
        return value.strip();
    }

    private static String optional(String value) {
        return blank(value) ? "" : value.strip();
    }

    private static List<String> list(String value) {
        if (blank(value)) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> lower(List<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }

    private static int positive(String key, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("directory.ldap " + key + " must be positive: " + value);
        }
        return value;
    }
}
