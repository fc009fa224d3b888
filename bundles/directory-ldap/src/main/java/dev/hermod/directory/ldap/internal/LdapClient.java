package dev.hermod.directory.ldap.internal;

import dev.hermod.api.mail.TemporaryFailureException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.apache.directory.api.ldap.model.cursor.CursorException;
import org.apache.directory.api.ldap.model.cursor.SearchCursor;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapAuthenticationException;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.message.AliasDerefMode;
import org.apache.directory.api.ldap.model.message.BindRequest;
import org.apache.directory.api.ldap.model.message.BindRequestImpl;
import org.apache.directory.api.ldap.model.message.BindResponse;
import org.apache.directory.api.ldap.model.message.LdapResult;
import org.apache.directory.api.ldap.model.message.Response;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.message.SearchRequest;
import org.apache.directory.api.ldap.model.message.SearchRequestImpl;
import org.apache.directory.api.ldap.model.message.SearchResultDone;
import org.apache.directory.api.ldap.model.message.SearchResultEntry;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.ldap.client.api.DefaultPoolableLdapConnectionFactory;
import org.apache.directory.ldap.client.api.LdapConnection;
import org.apache.directory.ldap.client.api.LdapConnectionConfig;
import org.apache.directory.ldap.client.api.LdapConnectionPool;
import org.apache.directory.ldap.client.api.ValidatingPoolableLdapConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections to the LDAP server, in two pools of {@code pool.size} each:
 * <ul>
 *   <li>searches, bound as {@code bind.dn}, from a {@link ValidatingPoolableLdapConnectionFactory} (which would
 *       restore that identity if anything re-bound a connection);</li>
 *   <li>user binds ({@code auth.mode = bind}): a user's bind changes the identity of the connection it runs on
 *       (RFC 4511 §4.2), so it never runs on a search connection. These connections are only ever used to bind,
 *       so whoever they were last bound as does not matter.</li>
 * </ul>
 * A borrowed connection is checked with {@code isConnected()} (no round trip); one that breaks under an
 * operation is discarded and the operation runs once more on a new one (a server restart). Every failure to
 * get an answer — refused or broken connection, TLS failure, {@code timeout.ms} elapsed, all connections busy
 * for {@code timeout.ms}, a refused service bind, an error result — is a {@link TemporaryFailureException}
 * saying what happened.
 */
final class LdapClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LdapClient.class);

    @FunctionalInterface
    private interface Operation<T> {
        T run(LdapConnection connection) throws LdapException;
    }

    private final LdapSettings settings;
    private final LdapConnectionPool searchPool;
    private final LdapConnectionPool bindPool;
    private final int timeLimitSeconds;

    LdapClient(LdapSettings settings) {
        this.settings = settings;
        this.timeLimitSeconds = (int) Math.max(1, (settings.timeout().toMillis() + 999) / 1000);
        LdapConnectionConfig config = connectionConfig(settings);
        ValidatingPoolableLdapConnectionFactory searchFactory = new ValidatingPoolableLdapConnectionFactory(config);
        searchFactory.setValidator(c -> c.isConnected() && c.isAuthenticated());
        searchPool = new LdapConnectionPool(searchFactory, poolConfig(settings));
        DefaultPoolableLdapConnectionFactory bindFactory = new DefaultPoolableLdapConnectionFactory(config);
        bindFactory.setValidator(LdapConnection::isConnected);
        bindPool = new LdapConnectionPool(bindFactory, poolConfig(settings));
    }

    static LdapConnectionConfig connectionConfig(LdapSettings s) {
        LdapConnectionConfig config = new LdapConnectionConfig();
        config.setLdapHost(s.host());
        config.setLdapPort(s.port());
        config.setUseSsl(s.ldaps());
        config.setUseTls(s.starttls());
        config.setName(s.bindDn());
        config.setCredentials(s.bindPassword());
        long timeout = s.timeout().toMillis();
        config.setTimeout(timeout);
        config.setConnectTimeout(s.connectTimeout().toMillis());
        config.setReadOperationTimeout(timeout);
        config.setWriteOperationTimeout(timeout);
        config.setSendTimeout(timeout);
        config.setCloseTimeout(Math.min(timeout, 2000L));
        if (s.ldaps() || s.starttls()) {
            config.setTrustManagers(TlsTrust.trustManagers(s));
            // TlsTrust checks the configured host name itself (see there).
            config.setSslEndpointIdentificationAlgorithm(null);
        }
        return config;
    }

    private static GenericObjectPoolConfig<LdapConnection> poolConfig(LdapSettings s) {
        GenericObjectPoolConfig<LdapConnection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(s.poolSize());
        pool.setMaxIdle(s.poolSize());
        pool.setMinIdle(0);
        pool.setBlockWhenExhausted(true);
        pool.setMaxWait(s.timeout());
        pool.setTestOnBorrow(true);
        pool.setTimeBetweenEvictionRuns(Duration.ofSeconds(60));
        pool.setMinEvictableIdleDuration(Duration.ofMinutes(5));
        pool.setJmxEnabled(false);
        return pool;
    }

    /**
     * Searches the subtree of {@code base.dn}.
     *
     * @param filter     an RFC 4515 filter, its values escaped
     * @param attributes attributes to return; empty for none
     * @param sizeLimit  most entries wanted; more matches are not an error
     */
    List<Entry> search(String filter, Collection<String> attributes, int sizeLimit) {
        return withConnection(searchPool, c -> search(c, settings.baseDn(), SearchScope.SUBTREE, filter, attributes,
                sizeLimit, false));
    }

    /**
     * Reads one entry.
     *
     * @return the entry in a list, or an empty list if it does not exist
     */
    List<Entry> read(Dn dn, Collection<String> attributes) {
        return withConnection(searchPool, c -> search(c, dn, SearchScope.OBJECT, "(objectClass=*)", attributes, 1, true));
    }

    /**
     * A simple bind as {@code dn} on a connection of the bind pool.
     *
     * @param password not empty: the caller refuses empty passwords, which would be unauthenticated binds
     *                 (RFC 4513 §5.1.2)
     * @return whether the server accepted the password
     */
    boolean bind(Dn dn, String password) {
        if (password.isEmpty()) {
            throw new IllegalArgumentException("empty password");
        }
        return withConnection(bindPool, c -> {
            BindRequest request = new BindRequestImpl();
            request.setDn(dn);
            request.setSimple(true);
            request.setCredentials(password.getBytes(StandardCharsets.UTF_8));
            BindResponse response = c.bind(request);
            LdapResult result = response.getLdapResult();
            switch (result.getResultCode()) {
                case SUCCESS:
                    return true;
                case INVALID_CREDENTIALS:
                case INAPPROPRIATE_AUTHENTICATION:
                case UNWILLING_TO_PERFORM:
                case CONSTRAINT_VIOLATION:
                case INVALID_DN_SYNTAX:
                case NO_SUCH_OBJECT:
                    return false;
                default:
                    throw failure("bind", result);
            }
        });
    }

    @Override
    public void close() {
        searchPool.close();
        bindPool.close();
    }

    private List<Entry> search(LdapConnection c, Dn base, SearchScope scope, String filter, Collection<String> attributes,
                               int sizeLimit, boolean missingBaseIsEmpty) throws LdapException {
        SearchRequest request = new SearchRequestImpl();
        request.setBase(base);
        request.setScope(scope);
        request.setFilter(filter);
        request.setDerefAliases(AliasDerefMode.NEVER_DEREF_ALIASES);
        request.setSizeLimit(sizeLimit);
        request.setTimeLimit(timeLimitSeconds);
        request.addAttributes(attributes.isEmpty() ? new String[] {"1.1"} : attributes.toArray(String[]::new));
        List<Entry> entries = new ArrayList<>();
        try (SearchCursor cursor = c.search(request)) {
            while (cursor.next()) {
                Response response = cursor.get();
                if (response instanceof SearchResultEntry entry) {
                    entries.add(entry.getEntry());
                }
            }
            SearchResultDone done = cursor.getSearchResultDone();
            if (done == null) {
                throw new LdapException("the search ended without a result");
            }
            ResultCodeEnum code = done.getLdapResult().getResultCode();
            if (code == ResultCodeEnum.SUCCESS || code == ResultCodeEnum.SIZE_LIMIT_EXCEEDED) {
                return entries;
            }
            if (code == ResultCodeEnum.NO_SUCH_OBJECT && missingBaseIsEmpty) {
                return List.of();
            }
            if (code == ResultCodeEnum.NO_SUCH_OBJECT) {
                throw new TemporaryFailureException("LDAP server " + settings.url() + " has no entry " + base
                        + ": check directory.ldap base.dn");
            }
            throw failure("search", done.getLdapResult());
        } catch (CursorException e) {
            throw e.getCause() instanceof LdapException cause ? cause : new LdapException(e.getMessage(), e);
        } catch (IOException e) {
            throw new LdapException("cannot close the search cursor", e);
        }
    }

    private TemporaryFailureException failure(String what, LdapResult result) {
        String diagnostic = result.getDiagnosticMessage();
        return new TemporaryFailureException("LDAP server " + settings.url() + " answered the " + what + " with "
                + result.getResultCode().getResultCode() + " " + result.getResultCode().getMessage()
                + (diagnostic == null || diagnostic.isEmpty() ? "" : " (" + diagnostic + ")") + "; try again later");
    }

    private <T> T withConnection(LdapConnectionPool pool, Operation<T> operation) {
        for (int attempt = 1; ; attempt++) {
            LdapConnection connection;
            try {
                connection = pool.getConnection();
            } catch (LdapException | RuntimeException e) {
                throw unavailable(e);
            }
            boolean broken = true;
            boolean retry = false;
            try {
                T result = operation.run(connection);
                broken = false;
                return result;
            } catch (LdapException e) {
                retry = attempt == 1 && !connection.isConnected();
                if (!retry) {
                    throw unavailable(e);
                }
                LOG.debug("LDAP connection to {} broke; trying once more on a new one", settings.url(), e);
            } catch (TemporaryFailureException e) {
                broken = false;
                throw e;
            } catch (RuntimeException e) {
                throw unavailable(e);
            } finally {
                giveBack(pool, connection, broken);
            }
        }
    }

    private void giveBack(LdapConnectionPool pool, LdapConnection connection, boolean broken) {
        try {
            if (broken) {
                pool.invalidateObject(connection);
            } else {
                pool.releaseConnection(connection);
            }
        } catch (Exception e) {
            LOG.debug("could not return an LDAP connection to its pool", e);
        }
    }

    private TemporaryFailureException unavailable(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LdapAuthenticationException) {
                return new TemporaryFailureException("LDAP server " + settings.url() + " refused the bind as "
                        + (settings.bindDn().isEmpty() ? "anonymous" : settings.bindDn())
                        + ": check directory.ldap bind.dn and its password", e);
            }
            if (t instanceof java.util.NoSuchElementException) {
                return new TemporaryFailureException("LDAP server " + settings.url() + ": all " + settings.poolSize()
                        + " connections stayed busy for " + settings.timeout().toMillis()
                        + " ms; try again later, or raise directory.ldap pool.size", e);
            }
        }
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new TemporaryFailureException("LDAP server " + settings.url() + " unavailable: " + reason
                + "; check that it runs and answers within " + settings.timeout().toMillis()
                + " ms, and directory.ldap url and TLS settings", e);
    }
}
