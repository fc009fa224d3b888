package dev.hermod.milter.internal;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.filter.HeaderChange;
import dev.hermod.api.filter.Verdict;
import java.nio.file.Path;
import dev.hermod.testing.PeerDaemon;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against real SpamAssassin: a private spamd (local tests only, no user configuration) and spamass-milter
 * in front of it on a Unix domain socket, rejecting at a score of 15 or more ({@code -r 15}).
 */
class SpamAssassinTest {

    @TempDir
    static Path dir;
    private static PeerDaemon spamd;
    private static PeerDaemon milter;
    private static Path socket;

    @BeforeAll
    static void start() throws Exception {
        int spamdPort = PeerDaemon.freePort();
        socket = dir.resolve("spamass.sock");
        List<String> spamdCommand = new ArrayList<>(List.of(PeerDaemon.program("spamd"), "--local",
                "--listen=127.0.0.1:" + spamdPort, "--allowed-ips=127.0.0.1", "--min-children=1", "--max-children=2",
                "--nouser-config", "--syslog=" + dir.resolve("spamd.log"), "--pidfile=" + dir.resolve("spamd.pid")));
        if (PeerDaemon.root()) {
            spamdCommand.addAll(List.of("--username=nobody"));
        }
        spamd = PeerDaemon.start(dir, spamdCommand);
        spamd.awaitPort(spamdPort, 120);
        milter = PeerDaemon.start(dir, List.of(PeerDaemon.program("spamass-milter"),
                "-p", "unix:" + socket, "-r", "15", "--", "-d", "127.0.0.1", "-p",
                Integer.toString(spamdPort)));
        milter.awaitSocket(socket, 30);
    }

    @AfterAll
    static void stop() throws Exception {
        if (milter != null) {
            milter.close();
        }
        if (spamd != null) {
            spamd.close();
        }
    }

    private static MilterFilter filter() {
        return new MilterFilter(new MilterSettings("spamassassin",
                MilterAddress.parse("unix:" + socket), Duration.ofSeconds(10),
                Duration.ofSeconds(90), false, true, "mx.example.com"));
    }

    @Test
    void gtubeIsRejected() throws Exception {
        Verdict v = filter().onData(TestMessages.session(), TestMessages.envelope(),
                TestMessages.content(TestMessages.gtube()));
        Verdict.Reject reject = assertInstanceOf(Verdict.Reject.class, v, () -> v + "\n" + logs());
        assertTrue(reject.reply().isPermanent());
    }

    @Test
    void normalMessageProceedsWithSpamAssassinHeaders() throws Exception {
        Verdict v = filter().onData(TestMessages.session(), TestMessages.envelope(),
                TestMessages.content(TestMessages.normal()));
        List<HeaderChange> changes = RspamdTest.changes(v);
        Map<String, String> byName = changes.stream().filter(c -> c.value() != null)
                .collect(Collectors.toMap(HeaderChange::name, HeaderChange::value, (a, b) -> a));
        assertTrue(byName.containsKey("X-Spam-Status"), () -> v + "\n" + logs());
        assertTrue(byName.get("X-Spam-Status").startsWith("No, score="), byName::toString);
        assertTrue(byName.containsKey("X-Spam-Checker-Version"), byName::toString);
    }

    private static String logs() {
        try {
            return spamd.output() + "\n----\n" + milter.output();
        } catch (Exception e) {
            return e.toString();
        }
    }
}
