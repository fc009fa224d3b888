package dev.hermod.core.internal.auth;

import dev.hermod.api.auth.AuthStep;
import dev.hermod.api.auth.AuthStep.Reason;
import dev.hermod.api.auth.Authenticator;
import dev.hermod.api.auth.ClientInfo;
import dev.hermod.api.auth.SaslExchange;
import dev.hermod.api.directory.Directory;
import dev.hermod.api.directory.PlainCredentials;
import dev.hermod.api.directory.Principal;
import dev.hermod.api.directory.PrincipalType;
import dev.hermod.api.mail.TemporaryFailureException;
import dev.hermod.core.internal.ProviderRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The core's {@link Authenticator}: SASL and plain logins over the directory in use. */
@Component(service = Authenticator.class, configurationPid = "auth")
@Designate(ocd = DirectoryAuthenticator.Config.class)
public final class DirectoryAuthenticator implements Authenticator {

    @ObjectClassDefinition(name = "Hermod authentication",
            description = "SASL mechanisms, plain-text login rules and limits on failed logins, for every protocol.")
    public @interface Config {
        @AttributeDefinition(description = "SASL mechanisms offered, in order. CRAM-MD5 works only with a directory that keeps secrets in the clear.")
        String[] mechanisms() default {"PLAIN", "LOGIN"};

        @AttributeDefinition(description = "Allow PLAIN, LOGIN and plain logins on connections without TLS (not recommended).")
        boolean plaintext_without_tls() default false;

        @AttributeDefinition(description = "Failed logins from one client address within the window before further attempts are refused; 0 disables.")
        int failures_per_address() default 10;

        @AttributeDefinition(description = "Failed logins for one account within the window before further attempts are refused; 0 disables.")
        int failures_per_account() default 5;

        @AttributeDefinition(description = "The window for counting failed logins, in seconds.")
        int failure_window_seconds() default 300;

        @AttributeDefinition(description = "Host name in CRAM-MD5 challenges. Empty: this machine's name.")
        String hostname() default "";
    }

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryAuthenticator.class);
    private static final int MAX_LOGIN_LENGTH = 512;
    private static final int MAX_PASSWORD_LENGTH = 4096;

    private final ProviderRegistry registry;
    private final Config config;
    private final List<String> mechanisms;
    private final FailureLimiter byAddress;
    private final FailureLimiter byAccount;
    private final String hostname;

    @Activate
    public DirectoryAuthenticator(@Reference ProviderRegistry registry, Config config) {
        this.registry = registry;
        this.config = config;
        List<String> names = new ArrayList<>();
        for (String m : config.mechanisms()) {
            String upper = m.trim().toUpperCase(Locale.ROOT);
            if (Set.of("PLAIN", "LOGIN", "CRAM-MD5").contains(upper) && !names.contains(upper)) {
                names.add(upper);
            } else if (!upper.isEmpty()) {
                LOG.warn("auth: mechanism '{}' is not supported and not offered (supported: PLAIN, LOGIN, CRAM-MD5)", m);
            }
        }
        this.mechanisms = List.copyOf(names);
        long window = Math.max(1, config.failure_window_seconds()) * 1000L;
        this.byAddress = new FailureLimiter(config.failures_per_address(), window, 100_000, System::nanoTime);
        this.byAccount = new FailureLimiter(config.failures_per_account(), window, 100_000, System::nanoTime);
        this.hostname = config.hostname().isBlank() ? localHostname() : config.hostname().trim();
    }

    @Override
    public List<String> mechanisms(ClientInfo client) {
        if (client.secure() || config.plaintext_without_tls()) {
            return mechanisms;
        }
        return mechanisms.contains("CRAM-MD5") ? List.of("CRAM-MD5") : List.of();
    }

    @Override
    public SaslExchange start(String mechanism, ClientInfo client) {
        String name = mechanism == null ? "" : mechanism.toUpperCase(Locale.ROOT);
        if (!mechanisms.contains(name)) {
            return failed(Reason.UNSUPPORTED_MECHANISM, "Mechanism " + mechanism + " is not supported");
        }
        if (!mechanisms(client).contains(name)) {
            return failed(Reason.ENCRYPTION_REQUIRED, "Use TLS (STARTTLS) before logging in with " + name);
        }
        Mechanism m = switch (name) {
            case "PLAIN" -> new PlainMechanism();
            case "LOGIN" -> new LoginMechanism();
            default -> new CramMd5Mechanism(hostname);
        };
        return new Exchange(m, client);
    }

    @Override
    public AuthStep login(String login, String password, ClientInfo client) {
        if (!client.secure() && !config.plaintext_without_tls()) {
            return new AuthStep.Failure(Reason.ENCRYPTION_REQUIRED, "Use TLS (STARTTLS) before logging in");
        }
        return checkPassword(login, password, client);
    }

    private AuthStep checkPassword(String login, String password, ClientInfo client) {
        AuthStep refused = refuseIfLimited(login, client);
        if (refused != null) {
            return refused;
        }
        if (login.length() > MAX_LOGIN_LENGTH || password.length() > MAX_PASSWORD_LENGTH) {
            return failure(login, client, "name or password too long");
        }
        try {
            Directory directory = registry.directory();
            String name = accountName(directory, login);
            Optional<Principal> principal = directory.authenticate(new PlainCredentials(name, password));
            if (principal.isEmpty() || principal.get().type() != PrincipalType.INDIVIDUAL || !principal.get().active()) {
                return failure(login, client, "invalid credentials");
            }
            return success(login, principal.get(), client);
        } catch (TemporaryFailureException e) {
            LOG.warn("Login of '{}' from {} ({}) not checked: {}", printable(login), client.address().getHostAddress(), client.protocol(), e.getMessage());
            return new AuthStep.Failure(Reason.TEMPORARY_FAILURE, "Authentication is temporarily unavailable, try again later");
        }
    }

    private AuthStep checkDigest(String login, byte[] challenge, String hexDigest, ClientInfo client) {
        AuthStep refused = refuseIfLimited(login, client);
        if (refused != null) {
            return refused;
        }
        try {
            Directory directory = registry.directory();
            String name = accountName(directory, login);
            Optional<String> secret = directory.cleartextSecret(name);
            if (secret.isEmpty()) {
                return failure(login, client, "no clear-text secret for CRAM-MD5");
            }
            byte[] expected = hmacMd5(secret.get(), challenge);
            if (!MessageDigest.isEqual(expected, HexFormat.of().parseHex(hexDigest))) {
                return failure(login, client, "invalid credentials");
            }
            Optional<Principal> principal = directory.principal(name);
            if (principal.isEmpty() || principal.get().type() != PrincipalType.INDIVIDUAL || !principal.get().active()) {
                return failure(login, client, "inactive or not an individual");
            }
            return success(login, principal.get(), client);
        } catch (TemporaryFailureException e) {
            LOG.warn("CRAM-MD5 login of '{}' from {} not checked: {}", printable(login), client.address().getHostAddress(), e.getMessage());
            return new AuthStep.Failure(Reason.TEMPORARY_FAILURE, "Authentication is temporarily unavailable, try again later");
        }
    }

    /**
     * The login as typed: whether an email address logs in is the directory's choice (its
     * {@code login.by.email}), matched on the exact address. Resolving it here through
     * {@code recipients()} would also accept catch-all and sub-addresses as login names.
     */
    private static String accountName(Directory directory, String login) {
        return login;
    }

    private AuthStep refuseIfLimited(String login, ClientInfo client) {
        String address = client.address().getHostAddress();
        if (byAddress.blocked(address) || byAccount.blocked(accountKey(login))) {
            LOG.warn("Login of '{}' from {} ({}) refused: too many failed logins", printable(login), address, client.protocol());
            return new AuthStep.Failure(Reason.TOO_MANY_FAILURES, "Too many failed logins, try again later");
        }
        return null;
    }

    private AuthStep failure(String login, ClientInfo client, String why) {
        String address = client.address().getHostAddress();
        byAddress.fail(address);
        byAccount.fail(accountKey(login));
        LOG.info("Login of '{}' from {} ({}) failed: {}", printable(login), address, client.protocol(), why);
        return new AuthStep.Failure(Reason.INVALID_CREDENTIALS, "Authentication failed");
    }

    private AuthStep success(String login, Principal principal, ClientInfo client) {
        byAccount.reset(accountKey(login));
        LOG.info("Login of '{}' from {} ({}) as {}", printable(login), client.address().getHostAddress(), client.protocol(), principal.name());
        return new AuthStep.Success(principal);
    }

    private static String accountKey(String login) {
        return login.toLowerCase(Locale.ROOT);
    }

    /** A login name fit for a log line: control characters escaped, length capped. */
    static String printable(String login) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(login.length(), 100); i++) {
            char c = login.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return login.length() > 100 ? out + "..." : out.toString();
    }

    static byte[] hmacMd5(String secret, byte[] challenge) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacMD5"));
            return mac.doFinal(challenge);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 is required of every Java runtime", e);
        }
    }

    private static String localHostname() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static SaslExchange failed(Reason reason, String message) {
        return new SaslExchange() {
            @Override
            public AuthStep begin(byte[] initialResponse) {
                return new AuthStep.Failure(reason, message);
            }

            @Override
            public AuthStep respond(byte[] response) {
                return new AuthStep.Failure(reason, message);
            }
        };
    }

    /** One exchange: drives the mechanism and checks what it gathers. */
    private final class Exchange implements SaslExchange {
        private final Mechanism mechanism;
        private final ClientInfo client;
        private boolean over;

        Exchange(Mechanism mechanism, ClientInfo client) {
            this.mechanism = mechanism;
            this.client = client;
        }

        @Override
        public AuthStep begin(byte[] initialResponse) {
            return step(initialResponse);
        }

        @Override
        public AuthStep respond(byte[] response) {
            if (response == null) {
                over = true;
                return new AuthStep.Failure(Reason.CANCELLED, "Authentication cancelled");
            }
            return step(response);
        }

        private AuthStep step(byte[] response) {
            if (over) {
                throw new IllegalStateException("The SASL exchange is over");
            }
            Mechanism.Result result = mechanism.next(response);
            AuthStep step;
            if (result instanceof Mechanism.Send send) {
                return new AuthStep.Challenge(send.challenge());
            } else if (result instanceof Mechanism.CheckPassword check) {
                step = checkPassword(check.login(), check.password(), client);
            } else if (result instanceof Mechanism.CheckDigest digest) {
                step = checkDigest(digest.login(), digest.challenge(), digest.hexDigest(), client);
            } else {
                Mechanism.Fail fail = (Mechanism.Fail) result;
                step = new AuthStep.Failure(fail.reason(), fail.message());
            }
            over = true;
            return step;
        }
    }
}
