package dev.hermod.sieve.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs every script of {@code sieve-corpus/scripts} against every message of {@code sieve-corpus/messages} in
 * Hermod and in Dovecot Pigeonhole's {@code sieve-test}, and checks that both take the same actions.
 */
final class PigeonholeComparisonTest {

    private static final Path SIEVE_TEST = Path.of("/usr/bin/sieve-test");
    private static final String FROM = "sender@example.com";
    private static final String TO = "jane+lists@example.org";

    private static Path work;
    private static Path config;

    @BeforeAll
    static void setUp() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(SIEVE_TEST), "sieve-test (Debian package dovecot-sieve) missing");
        work = Files.createTempDirectory("sieve-corpus");
        Path mail = Files.createDirectories(work.resolve("mail"));
        for (Path p : List.of(work, mail)) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        // sieve-test drops root privileges to mail_uid; as another user it runs as that user
        boolean root = "root".equals(System.getProperty("user.name"));
        String uid = root ? "65534" : new String(new ProcessBuilder("id", "-u").start().getInputStream()
                .readAllBytes(), StandardCharsets.US_ASCII).strip();
        String gid = root ? "65534" : new String(new ProcessBuilder("id", "-g").start().getInputStream()
                .readAllBytes(), StandardCharsets.US_ASCII).strip();
        config = work.resolve("dovecot.conf");
        Files.writeString(config, String.join("\n",
                "mail_uid = " + uid, "mail_gid = " + gid, "first_valid_uid = 1", "first_valid_gid = 1",
                "mail_location = maildir:" + mail,
                "plugin {",
                "  sieve_extensions = +editheader +vacation-seconds +spamtest +spamtestplus +virustest",
                "  sieve_spamtest_status_type = score",
                "  sieve_spamtest_status_header = X-Spam-Score",
                "  sieve_spamtest_max_value = 10",
                "  sieve_virustest_status_type = score",
                "  sieve_virustest_status_header = X-Virus-Score",
                "  sieve_virustest_max_value = 5",
                "}", ""));
    }

    @AfterAll
    static void tearDown() throws IOException {
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static List<Path> corpus(String dir) throws IOException, URISyntaxException {
        Path root = Path.of(PigeonholeComparisonTest.class.getResource("/sieve-corpus/" + dir).toURI());
        try (Stream<Path> files = Files.list(root)) {
            return files.sorted().toList();
        }
    }

    @Test
    void hermodAgreesWithPigeonhole() throws Exception {
        List<Path> scripts = corpus("scripts");
        List<Path> messages = corpus("messages");
        assertTrue(scripts.size() >= 30 && messages.size() >= 4, "corpus too small");
        SieveCompiler compiler = new SieveCompiler(SieveLimits.DEFAULT);
        SieveInterpreter hermod = new SieveInterpreter(SieveLimits.DEFAULT, SieveEnvironment.DEFAULT
                .withScores(new ScoreHeader("X-Spam-Score", null, false, 10),
                        new ScoreHeader("X-Virus-Score", null, false, 5)));
        List<String> disagreements = new ArrayList<>();
        int runs = 0;
        int filtered = 0;
        for (Path scriptFile : scripts) {
            Path script = work.resolve(scriptFile.getFileName());
            Files.copy(scriptFile, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-rw-rw-"));
            SieveScript compiled = compiler.compile(scriptFile.getFileName().toString(), Files.readString(scriptFile));
            for (Path messageFile : messages) {
                runs++;
                byte[] bytes = Files.readAllBytes(messageFile);
                Set<String> expected = pigeonhole(script, messageFile);
                SieveResult result = hermod.run(compiled, new MimeSieveMessage(bytes, FROM, TO, ZonedDateTime.now()));
                Set<String> actual = normalize(result);
                if (!expected.equals(Set.of("store INBOX []"))) {
                    filtered++;
                }
                if (System.getProperty("sieve.corpus.verbose") != null) {
                    System.out.println(scriptFile.getFileName() + " × " + messageFile.getFileName() + ": " + expected);
                }
                if (!expected.equals(actual)) {
                    disagreements.add(scriptFile.getFileName() + " × " + messageFile.getFileName() + ": Pigeonhole "
                            + expected + ", Hermod " + actual + (result.failed() ? " (" + result.error() + ")" : ""));
                }
            }
        }
        System.out.println("Sieve corpus: " + scripts.size() + " scripts × " + messages.size() + " messages, "
                + (runs - disagreements.size()) + " of " + runs + " agree");
        assertEquals(List.of(), disagreements);
        // the corpus must exercise more than the implicit keep
        assertTrue(filtered > runs / 2, "only " + filtered + " runs did more than keep");
    }

    /** Hermod's actions in the normalized form. */
    static Set<String> normalize(SieveResult result) {
        Set<String> out = new TreeSet<>();
        for (SieveAction a : result.actions()) {
            if (a instanceof SieveAction.Keep k) {
                out.add(store("INBOX", k.flags()));
            } else if (a instanceof SieveAction.FileInto f) {
                out.add(store(f.mailbox(), f.flags()));
            } else if (a instanceof SieveAction.Discard) {
                out.add("discard");
            } else if (a instanceof SieveAction.Reject r) {
                out.add("reject " + r.reason().strip());
            } else if (a instanceof SieveAction.Redirect r) {
                out.add("redirect " + r.address());
            } else if (a instanceof SieveAction.Vacation v) {
                out.add("vacation " + v.seconds() + " " + v.subject());
            }
        }
        return out;
    }

    private static String store(String mailbox, List<String> flags) {
        return "store " + mailbox + " " + new TreeSet<>(flags.stream().map(f -> f.toLowerCase(Locale.ROOT)).toList());
    }

    /** Runs sieve-test and reads its "Performed actions" and "Implicit keep" lists. */
    private static Set<String> pigeonhole(Path script, Path message) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(SIEVE_TEST.toString(), "-c", config.toString(), "-f", FROM, "-r", TO,
                "-a", TO, script.toString(), message.toString()).redirectErrorStream(true);
        pb.environment().put("HOME", work.toString());
        Process p = pb.start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "sieve-test hung");
        if (out.contains("final result: failed; resolved with successful implicit keep")) {
            return Set.of("store INBOX []"); // a runtime error: the message is kept (RFC 5228 §2.10.6)
        }
        assertEquals(0, p.exitValue(), () -> "sieve-test failed on " + script.getFileName() + ":\n" + out);
        Set<String> actions = new TreeSet<>();
        String store = null;
        Set<String> flags = new TreeSet<>();
        String vacationSeconds = null;
        String vacationSubject = "null";
        boolean vacation = false;
        for (String line : out.split("\n")) {
            String l = line.strip();
            if (l.startsWith("+ add IMAP flags:")) {
                for (String f : l.substring("+ add IMAP flags:".length()).trim().split(" ")) {
                    flags.add(f.toLowerCase(Locale.ROOT));
                }
                continue;
            }
            if (l.startsWith("=> seconds :")) {
                vacationSeconds = l.substring(l.indexOf(':') + 1).strip();
                continue;
            }
            if (l.startsWith("=> subject :")) {
                vacationSubject = l.substring(l.indexOf(':') + 1).strip();
                continue;
            }
            if (l.startsWith("* ") || l.startsWith("Implicit keep") || l.startsWith("sieve-test:")) {
                if (store != null) {
                    actions.add("store " + store + " " + flags);
                    store = null;
                }
                if (vacation) {
                    actions.add("vacation " + vacationSeconds + " " + vacationSubject);
                    vacation = false;
                }
                flags = new TreeSet<>();
            }
            if (l.startsWith("* store message in folder: ")) {
                store = l.substring("* store message in folder: ".length());
            } else if (l.equals("* discard")) {
                actions.add("discard");
            } else if (l.startsWith("* reject message with reason: ")) {
                actions.add("reject " + l.substring("* reject message with reason: ".length()).strip());
            } else if (l.startsWith("* redirect message to: ")) {
                actions.add("redirect " + l.substring("* redirect message to: ".length()).replaceAll("[<>]", ""));
            } else if (l.startsWith("* send vacation message")) {
                vacation = true;
                vacationSeconds = null;
                vacationSubject = "null";
            }
        }
        if (store != null) {
            actions.add("store " + store + " " + flags);
        }
        return actions;
    }
}
