package dev.hermod.sieve.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hermod.api.filter.FilterStage;
import dev.hermod.api.filter.FilterState;
import dev.hermod.api.filter.MessageContent;
import dev.hermod.api.filter.SessionInfo;
import dev.hermod.api.filter.Verdict;
import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.Envelope;
import dev.hermod.api.mail.ReversePath;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TrustedSieveFilterTest {

    @TempDir
    Path dir;

    private final Map<String, Instant> keys = new HashMap<>();
    private final FilterState state = new FilterState() {
        @Override
        public Optional<Instant> created(String key) {
            return Optional.ofNullable(keys.get(key));
        }

        @Override
        public void touch(String key, Duration expireAfter) {
            keys.putIfAbsent(key, Instant.now());
        }
    };

    private TrustedSieveFilter filter(Map<String, String> scripts) throws Exception {
        Map<String, Object> values = new HashMap<>(Map.of("hostname", "mx.example.org", "max.steps", 10_000));
        for (Map.Entry<String, String> e : scripts.entrySet()) {
            Path file = dir.resolve(e.getKey() + ".sieve");
            Files.writeString(file, e.getValue());
            values.put("script." + e.getKey(), file.toString());
        }
        TrustedSieveFilter.Config config = (TrustedSieveFilter.Config) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {TrustedSieveFilter.Config.class},
                (self, m, args) -> values.getOrDefault(m.getName().replace('_', '.'), m.getDefaultValue()));
        return new TrustedSieveFilter(state, config);
    }

    private static SessionInfo session(String helo, String user) {
        return new SessionInfo(new InetSocketAddress("192.0.2.7", 40000), helo, user, false, "mta", "s1");
    }

    @Test
    void eachStageRunsItsScriptWithWhatIsKnown() throws Exception {
        TrustedSieveFilter f = filter(Map.of(
                "connect", "require [\"environment\", \"reject\"];"
                        + " if environment \"remote-ip\" \"192.0.2.66\" { reject \"go away\"; }",
                "ehlo", "require [\"environment\", \"vnd.hermod.defer\"];"
                        + " if environment :is \"vnd.hermod.helo\" \"localhost\" { defer \"421 4.7.0 not now\"; }",
                "rcpt", """
                        require ["envelope", "vnd.hermod.defer", "vnd.hermod.kv", "variables", "environment"];
                        if envelope :matches "from" "*" { set "from" "${1}"; }
                        if envelope :matches "to" "*" { set "to" "${1}"; }
                        if environment :matches "remote-ip" "*" { set "ip" "${1}"; }
                        if kvage :over 0 "${ip}/${from}/${to}" { stop; }
                        if kvage :under 3600 "${ip}/${from}/${to}" { stop; }
                        kvset "${ip}/${from}/${to}";
                        defer "Greylisted";
                        """,
                "data", "if header :contains \"subject\" \"drop\" { discard; }",
                "mail", "this does not compile"));
        assertEquals(Verdict.proceed(), f.onConnect(session(null, null)));
        assertEquals(Verdict.reject(550, "5.7.1", "go away"), f.onConnect(
                new SessionInfo(new InetSocketAddress("192.0.2.66", 1), null, null, false, "mta", "s2")));
        assertEquals(Verdict.tempFail(421, "4.7.0", "not now"), f.onEhlo(session("localhost", null), "localhost"));
        assertEquals(Verdict.proceed(), f.onEhlo(session("client.example", null), "client.example"));

        SessionInfo s = session("client.example", null);
        assertEquals(Verdict.proceed(), f.onMail(s, ReversePath.of(Address.parse("a@sender.example"))),
                "a script that does not compile is left out");
        assertEquals(Verdict.tempFail(451, "4.7.1", "Greylisted"), f.onRcpt(s, Address.parse("b@example.org")));
        assertEquals(java.util.Set.of("192.0.2.7/a@sender.example/b@example.org"), keys.keySet(),
                "the key is the triplet");
        assertEquals(Verdict.proceed(), f.onRcpt(s, Address.parse("b@example.org")), "known now");

        byte[] msg = "Subject: please drop me\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII);
        MessageContent content = new MessageContent() {
            @Override
            public long size() {
                return msg.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(msg);
            }

            @Override
            public List<String> header(String name) {
                return List.of();
            }
        };
        Envelope env = Envelope.of(ReversePath.of(Address.parse("a@sender.example")),
                List.of(Address.parse("b@example.org")));
        assertEquals(Verdict.discard(), f.onData(s, env, content));
    }

    @Test
    void resultsPerStage() {
        SieveResult discard = Sieve.run("discard;");
        assertEquals(Verdict.discard(), TrustedSieveFilter.verdict(discard, FilterStage.DATA));
        assertEquals(Verdict.proceed(), TrustedSieveFilter.verdict(discard, FilterStage.RCPT));
        assertEquals(Verdict.proceed(), TrustedSieveFilter.verdict(Sieve.run("require \"fileinto\"; fileinto \"X\";"),
                FilterStage.DATA));
        assertEquals(Verdict.reject(550, "5.7.1", "no"), TrustedSieveFilter.verdict(
                Sieve.run("require \"reject\"; reject \"no\";"), FilterStage.RCPT));
    }

    @Test
    void aFailingRunProceeds() throws Exception {
        // kvset fails when the state cannot be written: fail open
        TrustedSieveFilter f = new TrustedSieveFilter(new FilterState() {
            @Override
            public Optional<Instant> created(String key) {
                throw new IllegalStateException("store down");
            }

            @Override
            public void touch(String key, Duration expireAfter) {
                throw new IllegalStateException("store down");
            }
        }, config("rcpt", "require [\"vnd.hermod.kv\", \"vnd.hermod.defer\"];"
                + " if not kvage :over 1 \"k\" { defer \"x\"; }"));
        assertEquals(Verdict.proceed(), f.onRcpt(session("c", null), Address.parse("b@example.org")));
    }

    private TrustedSieveFilter.Config config(String stage, String script) throws Exception {
        Path file = dir.resolve(stage + "-only.sieve");
        Files.writeString(file, script);
        Map<String, Object> values = Map.of("script." + stage, file.toString(), "hostname", "h.example");
        return (TrustedSieveFilter.Config) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {TrustedSieveFilter.Config.class},
                (self, m, args) -> values.getOrDefault(m.getName().replace('_', '.'), m.getDefaultValue()));
    }

    @Test
    void theShippedGreylistingScript() throws Exception {
        String script;
        try (InputStream in = TrustedSieveFilter.class.getResourceAsStream("/greylist.sieve")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(true, new SieveCheckerComponent().check("greylist", script).isPresent(),
                "not for users' scripts");
        TrustedSieveFilter f = filter(Map.of("rcpt", script.replace("set \"delay\" \"300\";",
                "set \"delay\" \"1\";")));
        SessionInfo s = session("client.example", null);
        f.onMail(s, ReversePath.of(Address.parse("A@Sender.example")));
        assertEquals(Verdict.tempFail(451, "4.7.1", "Greylisted, please try again later"),
                f.onRcpt(s, Address.parse("b@example.org")));
        assertEquals(java.util.Set.of("greylist/192.0.2.7/a@sender.example/b@example.org"), keys.keySet());
        keys.replaceAll((k, v) -> v.minusSeconds(2));
        assertEquals(Verdict.proceed(), f.onRcpt(s, Address.parse("b@example.org")), "after the delay");
        SessionInfo auth = session("laptop", "alice");
        f.onMail(auth, ReversePath.of(Address.parse("alice@example.org")));
        assertEquals(Verdict.proceed(), f.onRcpt(auth, Address.parse("c@elsewhere.example")), "authenticated");
        assertEquals(1, keys.size());
    }
}
