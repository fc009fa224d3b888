package dev.hermod.sieve.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hermod.api.filter.HeaderChange;
import dev.hermod.api.filter.Verdict;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class SieveVerdictsTest {

    private static Verdict verdict(String script) {
        return SieveVerdicts.toVerdict(Sieve.run(script));
    }

    @Test
    void implicitKeepProceeds() {
        assertEquals(Verdict.proceed(), verdict(""));
        assertEquals(Verdict.proceed(), verdict("keep;"));
    }

    @Test
    void failedRunProceeds() {
        assertEquals(Verdict.proceed(), verdict("require [\"reject\", \"fileinto\"]; fileinto \"A\"; reject \"x\";"));
    }

    @Test
    void fileintoWithFlags() {
        assertEquals(Verdict.fileInto("Lists", Set.of("\\Seen")),
                verdict("require [\"fileinto\", \"imap4flags\"]; fileinto :flags \"\\\\Seen\" \"Lists\";"));
        assertEquals(new Verdict.FileInto("New", null, Set.of(), true),
                verdict("require [\"fileinto\", \"mailbox\"]; fileinto :create \"New\";"));
    }

    @Test
    void keepWithFlagsFilesIntoInbox() {
        assertEquals(Verdict.fileInto("INBOX", Set.of("$Junk")), verdict("require \"imap4flags\"; addflag \"$Junk\";"));
    }

    @Test
    void fileintoCopyAcceptsToKeepACopyInInbox() {
        assertEquals(Verdict.combined(Verdict.fileInto("A"), Verdict.accept()),
                verdict("require [\"fileinto\", \"copy\"]; fileinto :copy \"A\";"));
    }

    @Test
    void discardAndReject() {
        assertEquals(Verdict.discard(), verdict("discard;"));
        assertEquals(Verdict.reject(550, "5.7.1", "go away now"),
                verdict("require \"reject\"; reject text:\ngo away\nnow\n.\n;"));
    }

    @Test
    void headerEditsComeFirst() {
        assertEquals(Verdict.combined(Verdict.modifyHeaders(HeaderChange.addFirst("X-A", "1")), Verdict.discard()),
                verdict("require \"editheader\"; addheader \"X-A\" \"1\"; discard;"));
        assertEquals(Verdict.modifyHeaders(HeaderChange.addFirst("X-A", "1")),
                verdict("require \"editheader\"; addheader \"X-A\" \"1\";"));
    }

    @Test
    void redirectIsNotCarriedOutSoTheMessageIsKept() {
        assertEquals(Verdict.proceed(), verdict("redirect \"a@example.net\";"));
        assertEquals(Verdict.proceed(), verdict("require \"vacation\"; vacation \"away\";"));
    }

    @Test
    void deferIsATemporaryFailureAndOverridesTheRest() {
        assertEquals(Verdict.tempFail(451, "4.7.1", "Greylisted, try again later"),
                verdict("require \"vnd.hermod.defer\"; defer \"451 4.7.1 Greylisted, try again later\";"));
        assertEquals(Verdict.tempFail(451, "4.7.1", "Not now"),
                verdict("require \"vnd.hermod.defer\"; defer \"Not now\";"));
        assertEquals(Verdict.tempFail(450, "4.2.0", "Mailbox busy"),
                verdict("require \"vnd.hermod.defer\"; defer \"450 4.2.0 Mailbox busy\";"));
        assertEquals(Verdict.tempFail(452, "4.0.0", "Later"),
                verdict("require \"vnd.hermod.defer\"; defer \"452 Later\";"));
        assertEquals(Verdict.tempFail(451, "4.7.1", "550 5.7.1 not a temporary code"),
                verdict("require \"vnd.hermod.defer\"; defer \"550 5.7.1 not a temporary code\";"));
        assertEquals(Verdict.tempFail(451, "4.7.1", "first"), verdict("require [\"vnd.hermod.defer\", \"fileinto\","
                + " \"editheader\"]; addheader \"X-A\" \"1\"; fileinto \"A\"; keep; defer \"first\"; defer \"second\";"));
        assertEquals(Verdict.tempFail(451, "4.7.1", "Try again later"),
                verdict("require \"vnd.hermod.defer\"; defer \"\";"));
    }

    @Test
    void deferCancelsTheImplicitKeep() {
        SieveResult r = Sieve.run("require \"vnd.hermod.defer\"; defer \"451 4.7.1 later\";");
        assertEquals(java.util.List.of(new SieveAction.Defer("451 4.7.1 later")), r.actions());
        assertEquals("'defer' needs require \"vnd.hermod.defer\"", org.junit.jupiter.api.Assertions.assertThrows(
                SieveException.class, () -> Sieve.compile("defer \"x\";")).getMessage().replaceAll("^line \\d+: ", ""));
    }
}
