package dev.hermod.milter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.filter.HeaderChange;
import dev.hermod.api.filter.Verdict;
import dev.hermod.api.mail.MailboxRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import dev.hermod.testing.RspamdServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real rspamd: a private instance from a temporary configuration, with only the proxy worker in
 * milter mode scanning by itself ({@code self_scan}), no Redis, no network (DNS goes to a closed port). The
 * milter_headers module is told to add its headers. A second proxy worker quarantines ({@code SMFIR_QUARANTINE})
 * what it would reject.
 */
class RspamdTest {

    @TempDir
    static Path dir;
    private static RspamdServer rspamd;

    @BeforeAll
    static void start() throws Exception {
        rspamd = RspamdServer.start(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        if (rspamd != null) {
            rspamd.close();
        }
    }

    private static MilterFilter filter() {
        return filter(rspamd.port(), true);
    }

    private static MilterFilter filter(int port, boolean junkOnQuarantine) {
        return new MilterFilter(new MilterSettings("rspamd", MilterAddress.parse("inet:127.0.0.1:" + port),
                Duration.ofSeconds(10), Duration.ofSeconds(90), false, junkOnQuarantine, "mx.example.com"));
    }

    @Test
    void gtubeIsFiledIntoJunkWhenRspamdQuarantines() throws Exception {
        Verdict v = filter(rspamd.quarantinePort(), true).onData(TestMessages.session(), TestMessages.envelope(),
                TestMessages.content(TestMessages.gtube()));
        assertTrue(parts(v).contains(Verdict.fileInto(MailboxRole.JUNK)), () -> v + "\n" + log());

        Verdict kept = filter(rspamd.quarantinePort(), false).onData(TestMessages.session(), TestMessages.envelope(),
                TestMessages.content(TestMessages.gtube()));
        assertTrue(parts(kept).stream().noneMatch(p -> p instanceof Verdict.FileInto || p instanceof Verdict.Reject),
                kept::toString);
    }

    @Test
    void gtubeIsRejected() throws Exception {
        Verdict v = filter().onData(TestMessages.session(), TestMessages.envelope(),
                TestMessages.content(TestMessages.gtube()));
        Verdict.Reject reject = assertInstanceOf(Verdict.Reject.class, v, () -> v + "\n" + log());
        assertTrue(reject.reply().isPermanent());
        // rspamd answers with SMFIR_REPLYCODE, passed through as it is.
        assertEquals("554 5.7.1 Gtube pattern", reject.reply().toString());
    }

    @Test
    void normalMessageProceedsWithRspamdHeaders() throws Exception {
        Verdict v = filter().onData(TestMessages.session(), TestMessages.envelope(),
                TestMessages.content(TestMessages.normal()));
        List<HeaderChange> changes = changes(v);
        Map<String, String> byName = changes.stream().filter(c -> c.value() != null)
                .collect(Collectors.toMap(HeaderChange::name, HeaderChange::value, (a, b) -> a));
        assertTrue(byName.containsKey("X-Spamd-Result"), () -> v + "\n" + log());
        assertTrue(byName.get("X-Spamd-Result").startsWith("default: False"), byName::toString);
        assertEquals("S1a2b3c", byName.get("X-Rspamd-Queue-Id"), byName::toString);
    }

    private static List<Verdict> parts(Verdict v) {
        return v instanceof Verdict.Combined c ? c.verdicts() : List.of(v);
    }

    /** The header changes of a verdict that lets the message through. */
    static List<HeaderChange> changes(Verdict v) {
        if (v instanceof Verdict.ModifyHeaders m) {
            return m.changes();
        }
        if (v instanceof Verdict.Combined c) {
            return c.verdicts().stream().filter(Verdict.ModifyHeaders.class::isInstance)
                    .flatMap(x -> ((Verdict.ModifyHeaders) x).changes().stream()).toList();
        }
        throw new AssertionError("expected header changes, got " + v);
    }

    private static String log() {
        return rspamd.log();
    }
}
