package dev.hermod.core.internal.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.auth.AuthStep;
import dev.hermod.api.auth.AuthStep.Reason;
import dev.hermod.api.auth.ClientInfo;
import dev.hermod.api.auth.SaslExchange;
import dev.hermod.api.directory.Credentials;
import dev.hermod.api.directory.Directory;
import dev.hermod.api.directory.PlainCredentials;
import dev.hermod.api.directory.Principal;
import dev.hermod.api.directory.PrincipalType;
import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.TemporaryFailureException;
import dev.hermod.core.internal.ProviderRegistry;
import dev.hermod.core.internal.TestRegistries;
import dev.hermod.testing.Components;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DirectoryAuthenticatorTest {

    private final AtomicInteger lookups = new AtomicInteger();
    private volatile boolean down;
    private final Directory directory = new Directory() {
        @Override
        public Optional<Principal> authenticate(Credentials credentials) {
            lookups.incrementAndGet();
            if (down) {
                throw new TemporaryFailureException("directory down");
            }
            PlainCredentials plain = (PlainCredentials) credentials;
            boolean alice = plain.name().equals("alice") || plain.name().equals("alice@example.org");
            return alice && plain.secret().equals("s3cret \u00e9\"*)") ? make("alice", true)
                    : plain.name().equals("bob") && plain.secret().equals("pw") ? make("bob", false)
                    : Optional.empty();
        }

        @Override
        public Optional<Principal> principal(String name) {
            return name.equals("alice") ? make("alice", true) : Optional.empty();
        }

        @Override
        public Set<String> recipients(Address address) {
            return address.toString().equals("alice@example.org") ? Set.of("alice") : Set.of();
        }

        @Override
        public boolean isLocalDomain(String domain) {
            return domain.equals("example.org");
        }

        @Override
        public List<Address> expand(String list) {
            return List.of();
        }

        @Override
        public List<Principal> verify(String partial) {
            return List.of();
        }

        @Override
        public Optional<String> cleartextSecret(String name) {
            return name.equals("alice") ? Optional.of("s3cret \u00e9\"*)") : Optional.empty();
        }
    };

    private static Optional<Principal> make(String name, boolean active) {
        return Optional.of(new Principal(name, PrincipalType.INDIVIDUAL, null, 0, 0,
                List.of(Address.parse(name + "@example.org")), Set.of(), active));
    }

    private DirectoryAuthenticator authenticator(Map<String, Object> config) {
        ProviderRegistry registry = TestRegistries.create(200);
        TestRegistries.bind(registry, directory, "test");
        return new DirectoryAuthenticator(registry, Components.config(DirectoryAuthenticator.Config.class, config));
    }

    private static ClientInfo client(String ip, boolean secure) throws Exception {
        return new ClientInfo(InetAddress.getByName(ip), "imap", secure);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void plainWithAnInitialResponse() throws Exception {
        SaslExchange exchange = authenticator(Map.of()).start("plain", client("192.0.2.1", true));
        AuthStep step = exchange.begin(bytes("\0alice\0s3cret \u00e9\"*)"));
        assertEquals("alice", assertInstanceOf(AuthStep.Success.class, step).principal().name());
    }

    @Test
    void plainWithoutAnInitialResponseSendsAnEmptyChallenge() throws Exception {
        SaslExchange exchange = authenticator(Map.of()).start("PLAIN", client("192.0.2.1", true));
        assertArrayEquals(new byte[0], assertInstanceOf(AuthStep.Challenge.class, exchange.begin(null)).data());
        assertInstanceOf(AuthStep.Success.class, exchange.respond(bytes("alice\0alice\0s3cret \u00e9\"*)")));
    }

    @Test
    void plainRefusesActingAsAnotherUserAndMalformedMessages() throws Exception {
        DirectoryAuthenticator auth = authenticator(Map.of());
        AuthStep other = auth.start("PLAIN", client("192.0.2.1", true)).begin(bytes("bob\0alice\0s3cret \u00e9\"*)"));
        assertEquals(Reason.INVALID_CREDENTIALS, assertInstanceOf(AuthStep.Failure.class, other).reason());
        AuthStep malformed = auth.start("PLAIN", client("192.0.2.1", true)).begin(bytes("alice s3cret"));
        assertEquals(Reason.MALFORMED, assertInstanceOf(AuthStep.Failure.class, malformed).reason());
    }

    @Test
    void loginAsksForNameThenPassword() throws Exception {
        SaslExchange exchange = authenticator(Map.of()).start("LOGIN", client("192.0.2.1", true));
        assertArrayEquals(bytes("Username:"), assertInstanceOf(AuthStep.Challenge.class, exchange.begin(null)).data());
        assertArrayEquals(bytes("Password:"), assertInstanceOf(AuthStep.Challenge.class, exchange.respond(bytes("alice"))).data());
        assertInstanceOf(AuthStep.Success.class, exchange.respond(bytes("s3cret \u00e9\"*)")));
    }

    @Test
    void cramMd5ChecksTheDigestOfTheChallenge() throws Exception {
        DirectoryAuthenticator auth = authenticator(Map.of("mechanisms", new String[] {"PLAIN", "CRAM-MD5"}));
        SaslExchange exchange = auth.start("CRAM-MD5", client("192.0.2.1", false));
        byte[] challenge = assertInstanceOf(AuthStep.Challenge.class, exchange.begin(null)).data();
        assertTrue(new String(challenge, StandardCharsets.US_ASCII).matches("<\\d+\\.\\d+@.+>"));
        String digest = HexFormat.of().formatHex(DirectoryAuthenticator.hmacMd5("s3cret \u00e9\"*)", challenge));
        assertInstanceOf(AuthStep.Success.class, exchange.respond(bytes("alice " + digest)));

        SaslExchange wrong = auth.start("CRAM-MD5", client("192.0.2.1", false));
        wrong.begin(null);
        AuthStep failed = wrong.respond(bytes("alice " + "0".repeat(32)));
        assertEquals(Reason.INVALID_CREDENTIALS, assertInstanceOf(AuthStep.Failure.class, failed).reason());
    }

    @Test
    void rfc2195ExampleDigest() {
        // RFC 2195 §2: secret "tanstaaftanstaaf", challenge <1896.697170952@postoffice.reston.mci.net>.
        byte[] digest = DirectoryAuthenticator.hmacMd5("tanstaaftanstaaf",
                bytes("<1896.697170952@postoffice.reston.mci.net>"));
        assertEquals("b913a602c7eda7a495b4e6e7334d3890", HexFormat.of().formatHex(digest));
    }

    @Test
    void plainTextNeedsTlsUnlessAllowed() throws Exception {
        DirectoryAuthenticator strict = authenticator(Map.of());
        assertEquals(List.of(), strict.mechanisms(client("192.0.2.1", false)));
        assertEquals(List.of("PLAIN", "LOGIN"), strict.mechanisms(client("192.0.2.1", true)));
        AuthStep refused = strict.start("PLAIN", client("192.0.2.1", false)).begin(bytes("\0alice\0x"));
        assertEquals(Reason.ENCRYPTION_REQUIRED, ((AuthStep.Failure) refused).reason());
        assertEquals(Reason.ENCRYPTION_REQUIRED, ((AuthStep.Failure) strict.login("alice", "x", client("192.0.2.1", false))).reason());
        DirectoryAuthenticator lax = authenticator(Map.of("plaintext.without.tls", true));
        assertInstanceOf(AuthStep.Success.class, lax.login("alice", "s3cret \u00e9\"*)", client("192.0.2.1", false)));
    }

    @Test
    void unknownMechanismIsRefused() throws Exception {
        AuthStep step = authenticator(Map.of()).start("GSSAPI", client("192.0.2.1", true)).begin(null);
        assertEquals(Reason.UNSUPPORTED_MECHANISM, ((AuthStep.Failure) step).reason());
    }

    @Test
    void anEmailLoginGoesToTheDirectoryAsTyped() throws Exception {
        AuthStep step = authenticator(Map.of()).login("alice@example.org", "s3cret \u00e9\"*)", client("192.0.2.1", true));
        assertEquals("alice", assertInstanceOf(AuthStep.Success.class, step).principal().name());
        // A catch-all or sub-address is not a login name: the authenticator does not resolve recipients.
        assertInstanceOf(AuthStep.Failure.class,
                authenticator(Map.of()).login("alice+tag@example.org", "s3cret \u00e9\"*)", client("192.0.2.1", true)));
    }

    @Test
    void inactiveAccountsAndWrongPasswordsFailAlike() throws Exception {
        DirectoryAuthenticator auth = authenticator(Map.of());
        AuthStep inactive = auth.login("bob", "pw", client("192.0.2.1", true));
        AuthStep wrong = auth.login("alice", "nope", client("192.0.2.2", true));
        assertEquals(inactive, wrong);
    }

    @Test
    void failuresAreLimitedPerAccountAndPerAddressWithoutAskingTheDirectory() throws Exception {
        DirectoryAuthenticator auth = authenticator(Map.of("failures.per.account", 3, "failures.per.address", 5));
        for (int i = 0; i < 3; i++) {
            auth.login("alice", "wrong", client("192.0.2." + (10 + i), true));
        }
        int before = lookups.get();
        AuthStep limited = auth.login("alice", "s3cret \u00e9\"*)", client("192.0.2.99", true));
        assertEquals(Reason.TOO_MANY_FAILURES, ((AuthStep.Failure) limited).reason());
        assertEquals(before, lookups.get(), "a refused attempt does not reach the directory");

        for (int i = 0; i < 5; i++) {
            auth.login("user" + i, "wrong", client("198.51.100.7", true));
        }
        AuthStep fromAddress = auth.login("someone-else", "x", client("198.51.100.7", true));
        assertEquals(Reason.TOO_MANY_FAILURES, ((AuthStep.Failure) fromAddress).reason());
        assertInstanceOf(AuthStep.Failure.class, auth.login("nobody", "x", client("198.51.100.8", true)));
    }

    @Test
    void anUnavailableDirectoryIsATemporaryFailureAndNotCounted() throws Exception {
        DirectoryAuthenticator auth = authenticator(Map.of("failures.per.account", 1));
        down = true;
        AuthStep step = auth.login("alice", "s3cret \u00e9\"*)", client("192.0.2.1", true));
        assertEquals(Reason.TEMPORARY_FAILURE, ((AuthStep.Failure) step).reason());
        down = false;
        assertInstanceOf(AuthStep.Success.class, auth.login("alice", "s3cret \u00e9\"*)", client("192.0.2.1", true)));
    }

    @Test
    void cancellingEndsTheExchange() throws Exception {
        SaslExchange exchange = authenticator(Map.of()).start("LOGIN", client("192.0.2.1", true));
        exchange.begin(null);
        assertEquals(Reason.CANCELLED, ((AuthStep.Failure) exchange.respond(null)).reason());
    }

    @Test
    void logLinesEscapeControlCharacters() {
        assertEquals("a\\x0d\\x0ab", DirectoryAuthenticator.printable("a\r\nb"));
    }
}
