package dev.hermod.sieve.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.filter.HeaderChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Per extension, with the examples of the RFCs where they fit. */
final class SieveInterpreterTest {

    private static final String KEEP = "store INBOX []";

    // RFC 5228

    @Test
    void implicitKeepWhenNothingElseHappens() {
        assertEquals(Set.of(KEEP), Sieve.actions("if false { discard; }"));
        assertTrue(((SieveAction.Keep) Sieve.list("").get(0)).implicit());
    }

    @Test
    void fileintoRedirectAndDiscardCancelTheImplicitKeep() {
        assertEquals(Set.of("store A []"), Sieve.actions("require \"fileinto\"; fileinto \"A\";"));
        assertEquals(Set.of("redirect x@example.net"), Sieve.actions("redirect \"x@example.net\";"));
        assertEquals(Set.of("discard"), Sieve.actions("discard;"));
        assertEquals(Set.of(KEEP, "discard"), Sieve.actions("keep; discard;"));
    }

    @Test
    void rfc5228Section9Example() {
        String script = """
                require "fileinto";
                if header :is "X-Spam-Score" "7.5" { fileinto "spam"; stop; }
                elsif header :contains "subject" "acme" { fileinto "acme"; }
                else { discard; }
                fileinto "after";
                """;
        assertEquals(Set.of("store spam []"), Sieve.actions(script));
        assertEquals(Set.of("discard", "store after []"), Sieve.actions(script, "Subject: other\n\nx\n"));
    }

    @Test
    void matchTypesAndComparators() {
        assertEquals(Set.of("discard"), Sieve.actions("if header :contains \"subject\" \"VERSION\" { discard; }"));
        assertEquals(Set.of(KEEP), Sieve.actions(
                "if header :comparator \"i;octet\" :contains \"subject\" \"VERSION\" { discard; }"));
        assertEquals(Set.of("discard"), Sieve.actions("if header :matches \"subject\" \"?acme-*\" { discard; }"));
        assertEquals(Set.of("discard"), Sieve.actions("if header :matches \"x\" \"a\\\\*b\" { discard; }",
                "X: a*b\n\n"));
        assertEquals(Set.of(KEEP), Sieve.actions("if header :matches \"x\" \"a\\\\*b\" { discard; }", "X: axb\n\n"));
    }

    @Test
    void addressParts() {
        String msg = "From: \"Doe, John\" <John.Doe@Example.COM> (comment)\nTo: group: a@b.c, d@e.f;\n\n";
        assertEquals(Set.of("discard"), Sieve.actions("if address :localpart :is \"from\" \"john.doe\" { discard; }", msg));
        assertEquals(Set.of("discard"), Sieve.actions("if address :domain :is \"from\" \"example.com\" { discard; }", msg));
        assertEquals(Set.of("discard"), Sieve.actions("if address :all :is \"to\" \"d@e.f\" { discard; }", msg));
        assertEquals(List.of("a@b.c", "x@y"), Addresses.parse("g: a@b.c; <@route:x@y>"));
    }

    @Test
    void sizeAndExists() {
        assertEquals(Set.of("discard"), Sieve.actions("if allof (size :under 1K, exists [\"from\", \"to\"]) { discard; }"));
        assertEquals(Set.of(KEEP), Sieve.actions("if exists [\"from\", \"x-none\"] { discard; }"));
    }

    @Test
    void headerValuesAreDecoded() {
        assertEquals(Set.of("discard"), Sieve.actions("if header :is \"subject\" \"caf\u00e9\" { discard; }",
                "Subject: =?ISO-8859-1?Q?caf=E9?=\n\n"));
    }

    @Test
    void stepLimitFailsTheRunAndKeeps() {
        SieveLimits limits = new SieveLimits(1 << 20, 5, 4, 10, 2, 100);
        SieveResult r = Sieve.run("require \"fileinto\"; if true { if true { if true { fileinto \"x\"; } } } discard;",
                Sieve.MESSAGE, SieveEnvironment.DEFAULT, limits);
        assertTrue(r.failed());
        assertEquals(List.of(new SieveAction.Keep(List.of(), true)), r.actions());
    }

    @Test
    void redirectLimit() {
        SieveLimits limits = new SieveLimits(1 << 20, 100, 1, 10, 2, 100);
        assertTrue(Sieve.run("redirect \"a@x.y\"; redirect \"b@x.y\";", Sieve.MESSAGE, SieveEnvironment.DEFAULT,
                limits).failed());
        assertFalse(Sieve.run("redirect \"a@x.y\"; redirect \"A@x.y\";", Sieve.MESSAGE, SieveEnvironment.DEFAULT,
                limits).failed());
    }

    @Test
    void duplicateActionsCollapse() {
        assertEquals(List.of(new SieveAction.FileInto("A", List.of(), false, false)),
                Sieve.list("require \"fileinto\"; fileinto \"A\"; fileinto \"A\";"));
    }

    // RFC 5429

    @Test
    void rejectAndEreject() {
        assertEquals(List.of(new SieveAction.Reject("no thanks", false)), Sieve.list("require \"reject\"; reject \"no thanks\";"));
        assertEquals(List.of(new SieveAction.Reject("no", true)), Sieve.list("require \"ereject\"; ereject \"no\";"));
        assertTrue(Sieve.run("require [\"reject\"]; keep; reject \"no\";").failed());
    }

    // RFC 5232

    @Test
    void imap4flagsRfcExample() {
        String script = """
                require ["imap4flags", "fileinto"];
                if header :contains "from" "alice" {
                    setflag "\\\\Deleted";
                    addflag ["\\\\Seen", "\\\\Answered \\\\Flagged"];
                    removeflag "\\\\Deleted";
                    fileinto "A";
                }
                """;
        assertEquals(Set.of("store A [\\answered, \\flagged, \\seen]"), Sieve.actions(script));
    }

    // RFC 5229

    @Test
    void variablesRfcExamples() {
        String script = """
                require ["fileinto", "variables"];
                if header :matches "List-ID" "*<*@*" { fileinto "INBOX.lists.${2}"; stop; }
                """;
        assertEquals(Set.of("store INBOX.lists.acme-users []"), Sieve.actions(script,
                "List-ID: Acme <acme-users@lists.example.com>\n\n"));
        String subject = """
                require ["fileinto", "variables"];
                if header :matches "Subject" "[*] *" { fileinto "INBOX.lists.${1}"; set "rest" "${2}"; }
                if string :is "${rest}" "[fwd] version 1.0 is out" { fileinto "rest"; }
                """;
        assertEquals(Set.of("store INBOX.lists.acme-users []", "store rest []"), Sieve.actions(subject));
        String modifiers = """
                require ["fileinto", "variables"];
                set :quotewildcard "q" "a*b?c\\\\";
                set :length "n" "${q}";
                set :upper "u" "abc";
                fileinto "${q}-${n}-${u}-${unknown}-${";
                """;
        assertEquals(Set.of("store a\\*b\\?c\\\\-9-ABC--${ []"), Sieve.actions(modifiers));
    }

    // RFC 5230, RFC 6131

    @Test
    void vacationParameters() {
        SieveAction.Vacation v = (SieveAction.Vacation) Sieve.list("""
                require "vacation";
                vacation :days 23 :addresses ["tjs@example.edu", "ts4z@landru.example.edu"] :from "tjs@example.edu"
                  "I'm away until October 19.";
                """).get(0);
        assertEquals(23 * 86400L, v.seconds());
        assertEquals("sender@example.com", v.sender());
        assertEquals(List.of("tjs@example.edu", "ts4z@landru.example.edu"), v.addresses());
        assertTrue(v.trackingKey().startsWith("sender@example.com\u0000I'm away"));
        SieveAction.Vacation s = (SieveAction.Vacation) Sieve.list(
                "require \"vacation-seconds\"; vacation :seconds 1800 :handle \"h\" \"Back soon\";").get(0);
        assertEquals(1800, s.seconds());
        assertEquals("h", s.handle());
        assertTrue(Sieve.run("require \"vacation\"; vacation \"a\"; vacation \"b\";").failed());
    }

    // RFC 5231

    @Test
    void relationalWithAsciiNumeric() {
        String require = "require [\"relational\", \"comparator-i;ascii-numeric\"]; ";
        assertEquals(Set.of("discard"), Sieve.actions(require
                + "if header :value \"gt\" :comparator \"i;ascii-numeric\" \"x-spam-score\" \"6\" { discard; }"));
        assertEquals(Set.of("discard"), Sieve.actions(require
                + "if header :count \"eq\" :comparator \"i;ascii-numeric\" [\"from\", \"to\"] \"2\" { discard; }"));
        assertEquals(0, Comparator.ASCII_NUMERIC.compare("abc", "xyz"));
        assertTrue(Comparator.ASCII_NUMERIC.compare("abc", "99999") > 0);
        assertTrue(Comparator.ASCII_NUMERIC.compare("0010", "9") > 0);
    }

    // RFC 5233, RFC 5228 §5.4

    @Test
    void subaddressAndEnvelope() {
        String script = """
                require ["envelope", "subaddress", "fileinto"];
                if envelope :detail "to" "lists" { fileinto "detail"; }
                if envelope :user "to" "jane" { fileinto "user"; }
                if address :detail "to" "" { fileinto "never"; }
                """;
        assertEquals(Set.of("store detail []", "store user []"), Sieve.actions(script));
    }

    // RFC 5173

    @Test
    void bodyTransforms() {
        String msg = "Content-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: text/plain\n\nhello world\n"
                + "--x\nContent-Type: text/html\n\n<b>bold</b> text\n--x--\n";
        assertEquals(Set.of("discard"), Sieve.actions("require \"body\"; if body :text :contains \"bold\" { discard; }", msg));
        assertEquals(Set.of(KEEP), Sieve.actions("require \"body\"; if body :content \"text/plain\" :contains \"bold\" { discard; }", msg));
        assertEquals(Set.of("discard"), Sieve.actions("require \"body\"; if body :raw :contains \"<b>\" { discard; }", msg));
    }

    // RFC 3894

    @Test
    void copyKeepsTheImplicitKeep() {
        assertEquals(Set.of(KEEP, "store A []", "redirect b@example.net"), Sieve.actions(
                "require [\"copy\", \"fileinto\"]; fileinto :copy \"A\"; redirect :copy \"b@example.net\";"));
    }

    // RFC 5260

    @Test
    void dateAndIndex() {
        String require = "require [\"date\", \"index\", \"relational\"]; ";
        assertEquals(Set.of("discard"), Sieve.actions(require + "if date :originalzone \"date\" \"zone\" \"+0200\" { discard; }"));
        assertEquals(Set.of("discard"), Sieve.actions(require + "if date :zone \"+0000\" \"date\" \"time\" \"08:52:37\" { discard; }"));
        assertEquals(Set.of("discard"), Sieve.actions(require + "if date \"date\" \"julian\" \"52821\" { discard; }"));
        assertEquals(Set.of("discard"), Sieve.actions(require + "if currentdate :zone \"+0000\" \"date\" \"2025-06-01\" { discard; }"));
        assertEquals(Set.of("discard"), Sieve.actions(require
                + "if header :index 2 :last \"received\" \"b\" { discard; }", "Received: a\nReceived: b\nReceived: c\n\n"));
        assertEquals("2003-07-01T10:52:37+02:00", DateParts.part(DateParts.parse("Tue, 1 Jul 2003 10:52:37 +0200"), "iso8601"));
    }

    // RFC 5293

    @Test
    void editheaderChangesWhatLaterTestsSee() {
        SieveResult r = Sieve.run("""
                require ["editheader", "index"];
                addheader "X-Source" "mail list";
                addheader :last "X-Trail" "end";
                deleteheader :index 1 "x-dup";
                deleteheader :matches "x-other" "*gone*";
                deleteheader "received";
                if header :is "x-source" "mail list" { discard; }
                """, "Received: keep me\nX-Dup: one\nX-Dup: two\nX-Other: gone soon\nX-Other: stays\n\n");
        assertEquals(List.of(HeaderChange.addFirst("X-Source", "mail list"), HeaderChange.addLast("X-Trail", "end"),
                HeaderChange.remove("x-dup", 1), HeaderChange.remove("x-other", 1)), r.headerChanges());
        assertEquals(Set.of("discard"), PigeonholeComparisonTest.normalize(r));
    }

    @Test
    void headerEditLimit() {
        SieveLimits limits = new SieveLimits(1 << 20, 100, 4, 1, 2, 100);
        assertTrue(Sieve.run("require \"editheader\"; addheader \"X-A\" \"1\"; addheader \"X-B\" \"2\";", Sieve.MESSAGE,
                SieveEnvironment.DEFAULT, limits).failed());
    }

    // RFC 5490

    @Test
    void mailboxExistsAndCreate() {
        SieveEnvironment env = SieveEnvironment.DEFAULT.withMailboxExists(Set.of("INBOX", "Lists")::contains);
        SieveResult r = Sieve.run("""
                require ["mailbox", "fileinto"];
                if mailboxexists "Lists" { fileinto :create "Lists/new"; }
                if mailboxexists ["Lists", "Missing"] { discard; }
                """, Sieve.MESSAGE, env, SieveLimits.DEFAULT);
        assertEquals(List.of(new SieveAction.FileInto("Lists/new", List.of(), false, true)), r.actions());
    }

    // regex draft

    @Test
    void regexSetsMatchVariables() {
        assertEquals(Set.of("store v1.0 []"), Sieve.actions("""
                require ["regex", "variables", "fileinto"];
                if header :regex "subject" "version ([0-9]+)\\\\.([0-9]+)" { fileinto "v${1}.${2}"; }
                """));
    }

    // RFC 5235

    @Test
    void spamtestReadsTheConfiguredHeader() {
        ScoreHeader spam = new ScoreHeader("X-Spam-Status", Pattern.compile("score=(-?[0-9.]+)"), false, 5);
        assertEquals("0", spam.score(null, 10, false));
        assertEquals("1", spam.score("No, score=-1.0", 10, false));
        assertEquals("10", spam.score("Yes, score=9.0", 10, false));
        assertEquals("5", spam.score("Yes, score=2.5", 10, false)); // 0.5 * 9 + 1, truncated
        assertEquals("50", spam.score("Yes, score=2.5", 10, true));
        assertEquals("3", new ScoreHeader("X-Spam-Level", null, true, 10).score("*****", 5, false));
        SieveEnvironment env = SieveEnvironment.DEFAULT.withScores(new ScoreHeader("X-Spam-Score", null, false, 10), null);
        String script = "require [\"spamtest\", \"virustest\", \"relational\", \"comparator-i;ascii-numeric\"];"
                + "if allof (spamtest :value \"eq\" :comparator \"i;ascii-numeric\" \"7\","
                + " virustest :value \"eq\" :comparator \"i;ascii-numeric\" \"0\") { discard; }";
        assertEquals(Set.of("discard"), PigeonholeComparisonTest.normalize(Sieve.run(script, Sieve.MESSAGE, env,
                SieveLimits.DEFAULT)));
    }

    // RFC 7352

    @Test
    void duplicateGivesTheKey() {
        List<String> seen = new ArrayList<>();
        SieveEnvironment env = SieveEnvironment.DEFAULT.withDuplicates(k -> {
            seen.add(k);
            return k.endsWith("<1@example.com>");
        });
        SieveResult r = Sieve.run("require \"duplicate\"; if duplicate :seconds 60 { discard; }", Sieve.MESSAGE, env,
                SieveLimits.DEFAULT);
        assertEquals(Set.of("discard"), PigeonholeComparisonTest.normalize(r));
        assertEquals(List.of(new SieveResult.DuplicateMark("\u0000<1@example.com>", 60)), r.duplicates());
        SieveResult u = Sieve.run("require \"duplicate\"; if duplicate :handle \"h\" :uniqueid \"u1\" { discard; }",
                Sieve.MESSAGE, env, SieveLimits.DEFAULT);
        assertEquals("h\u0000u1", u.duplicates().get(0).key());
    }

    // RFC 6609

    @Test
    void includeWithGlobalsReturnAndDepth() {
        SieveCompiler c = new SieveCompiler(SieveLimits.DEFAULT);
        Map<String, SieveScript> scripts = Map.of(
                "lib", c.compile("lib", "require [\"include\", \"variables\", \"fileinto\"]; global \"box\";"
                        + " fileinto \"${box}\"; return; discard;"),
                "loop", c.compile("loop", "require \"include\"; include :personal \"loop\";"));
        SieveEnvironment env = SieveEnvironment.DEFAULT.withIncludes((global, name) -> scripts.get(name));
        SieveResult r = Sieve.run("""
                require ["include", "variables"];
                global "box";
                set "box" "Shared";
                include :personal "lib";
                include :personal :once "lib";
                include :optional "missing";
                """, Sieve.MESSAGE, env, SieveLimits.DEFAULT);
        assertEquals(Set.of("store Shared []"), PigeonholeComparisonTest.normalize(r));
        assertTrue(Sieve.run("require \"include\"; include \"loop\";", Sieve.MESSAGE, env, SieveLimits.DEFAULT).failed());
        assertTrue(Sieve.run("require \"include\"; include \"missing\";", Sieve.MESSAGE, env, SieveLimits.DEFAULT).failed());
    }

    // RFC 5183

    @Test
    void environmentItemsOfAnSmtpStage() throws Exception {
        SieveEnvironment env = SieveEnvironment.DEFAULT.withEnvironment(EnvironmentItems.of("rcpt", "mx.example.org",
                java.net.InetAddress.getByName("192.0.2.1"), null, "client.example", null));
        String all = """
                require ["environment", "relational"];
                if allof (environment :is "location" "MTA", environment :is "phase" "during",
                          environment "remote-ip" "192.0.2.1", environment "remote-host" "",
                          environment :is "host" "mx.example.org", environment :is "domain" "example.org",
                          environment :is "name" "hermod", environment :matches "version" "*.*.*",
                          environment :count "eq" "vnd.hermod.authenticated-user" "0",
                          environment :is "vnd.hermod.authenticated-user" "",
                          environment :is "vnd.hermod.stage" "rcpt",
                          environment :matches "VND.HERMOD.HELO" "*.example") { discard; }
                """;
        assertEquals(Set.of("discard"), PigeonholeComparisonTest.normalize(Sieve.run(all, Sieve.MESSAGE, env,
                SieveLimits.DEFAULT)));
        // an unknown item fails the test whatever the match (RFC 5183 §4.1)
        for (String test : List.of("environment :matches \"x-none\" \"*\"",
                "environment :count \"eq\" \"x-none\" \"0\"")) {
            SieveResult r = Sieve.run("require [\"environment\", \"relational\"]; if " + test + " { discard; }",
                    Sieve.MESSAGE, env, SieveLimits.DEFAULT);
            assertEquals(Set.of(KEEP), PigeonholeComparisonTest.normalize(r), test);
        }
    }

    @Test
    void environmentAtDeliveryAndByDefault() throws Exception {
        SieveEnvironment env = SieveEnvironment.DEFAULT.withEnvironment(EnvironmentItems.of("delivery", "mx.example.org",
                null, null, null, "alice"));
        String script = "require [\"environment\", \"variables\"];"
                + " if allof (environment \"location\" \"MDA\", environment \"phase\" \"post\","
                + " environment \"remote-ip\" \"\", environment :matches \"vnd.hermod.authenticated-user\" \"*\")"
                + " { fileinto \"${1}\"; }";
        assertEquals(Set.of("store alice []"), PigeonholeComparisonTest.normalize(Sieve.run(
                script.replace("\"variables\"", "\"variables\", \"fileinto\""), Sieve.MESSAGE, env,
                SieveLimits.DEFAULT)));
        assertEquals(Set.of("discard"), Sieve.actions(
                "require \"environment\"; if environment \"name\" \"Hermod\" { discard; }"));
        assertEquals(Set.of(KEEP), Sieve.actions(
                "require \"environment\"; if environment \"location\" \"MTA\" { discard; }"));
    }

    // vnd.hermod.kv

    /** Keys in memory; time from {@link Sieve#NOW}. */
    private static final class MemoryState implements dev.hermod.api.filter.FilterState {
        final Map<String, java.time.Instant[]> keys = new java.util.HashMap<>();
        java.time.Instant now = Sieve.NOW.toInstant();

        @Override
        public java.util.Optional<java.time.Instant> created(String key) {
            java.time.Instant[] v = keys.get(key);
            return v == null || !v[1].isAfter(now) ? java.util.Optional.empty() : java.util.Optional.of(v[0]);
        }

        @Override
        public void touch(String key, java.time.Duration expireAfter) {
            java.time.Instant created = created(key).orElse(now);
            keys.put(key, new java.time.Instant[] {created, now.plus(expireAfter)});
        }
    }

    private static SieveResult trusted(String script, SieveEnvironment env) {
        return new SieveInterpreter(SieveLimits.DEFAULT, env).run(
                new SieveCompiler(SieveLimits.DEFAULT, true).compile("trusted", script), Sieve.message(Sieve.MESSAGE));
    }

    @Test
    void kvsetRecordsAndKvageMeasures() {
        MemoryState state = new MemoryState();
        SieveEnvironment env = SieveEnvironment.DEFAULT.withState(state);
        String script = """
                require ["vnd.hermod.kv", "fileinto"];
                if kvage :over 300 "k" { fileinto "old"; stop; }
                if kvage :under 300 "k" { fileinto "young"; stop; }
                kvset :seconds 3600 "k";
                discard;
                """;
        assertEquals(Set.of("discard"), PigeonholeComparisonTest.normalize(trusted(script, env)));
        assertEquals(Sieve.NOW.toInstant().plusSeconds(3600), state.keys.get("k")[1]);
        state.now = state.now.plusSeconds(200);
        assertEquals(Set.of("store young []"), PigeonholeComparisonTest.normalize(trusted(script, env)));
        state.now = state.now.plusSeconds(200);
        // the run's clock is the message's: the key is 400 s old only if the message says so
        SieveResult r = new SieveInterpreter(SieveLimits.DEFAULT, env).run(
                new SieveCompiler(SieveLimits.DEFAULT, true).compile("trusted", script),
                new MimeSieveMessage(Sieve.MESSAGE.getBytes(java.nio.charset.StandardCharsets.UTF_8), "a@b", "c@d",
                        Sieve.NOW.plusSeconds(400)));
        assertEquals(Set.of("store old []"), PigeonholeComparisonTest.normalize(r));
        state.now = state.now.plusSeconds(4000);
        assertEquals(Set.of("discard"), PigeonholeComparisonTest.normalize(trusted(script, env)), "expired: absent");

        String variable = "require [\"vnd.hermod.kv\", \"variables\"]; set \"age\" \"1K\";"
                + " if kvage :under \"${age}\" \"k\" { discard; }";
        assertEquals(Set.of("discard"), PigeonholeComparisonTest.normalize(trusted(variable, env)), "the age from a variable");
        assertTrue(trusted(variable.replace("1K", "soon"), env).failed(), "not a number");

        trusted("require \"vnd.hermod.kv\"; kvset \"d\";", env);
        assertEquals(state.now.plusSeconds(30L * 86400), state.keys.get("d")[1], "30 days by default");
        assertTrue(trusted("require \"vnd.hermod.kv\"; kvset \"d\";", SieveEnvironment.DEFAULT).failed(),
                "no state, no kv");
    }

    @Test
    void kvIsForTrustedScriptsOnly() {
        SieveException e = org.junit.jupiter.api.Assertions.assertThrows(SieveException.class,
                () -> Sieve.compile("require \"vnd.hermod.kv\"; kvset \"k\";"));
        assertTrue(e.getMessage().contains("unsupported extension \"vnd.hermod.kv\""), e.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(SieveException.class, () -> new SieveCompiler(SieveLimits.DEFAULT,
                true).compile("t", "require \"vnd.hermod.kv\"; if kvage \"k\" { stop; }"), ":over or :under");
        org.junit.jupiter.api.Assertions.assertThrows(SieveException.class, () -> new SieveCompiler(SieveLimits.DEFAULT,
                true).compile("t", "require \"vnd.hermod.kv\"; if kvage :over 1 :under 2 \"k\" { stop; }"));
        assertTrue(new SieveCheckerComponent().check("t", "require \"vnd.hermod.kv\";").isPresent(),
                "users cannot upload it");
    }

    @Test
    void enotifyWithMailto() {
        List<SieveAction> actions = Sieve.list("""
                require ["enotify", "variables"];
                if allof (valid_notify_method "mailto:jane+alerts@example.org",
                          not valid_notify_method "xmpp:jane@example.org",
                          notify_method_capability "mailto:jane@example.org" "online" "maybe") {
                    notify :importance "1" :message "Urgent" "mailto:jane+alerts@example.org";
                }
                """);
        assertTrue(actions.contains(new SieveAction.Notify("mailto:jane+alerts@example.org", null, "1", "Urgent")),
                actions.toString());
        assertTrue(actions.stream().anyMatch(a -> a instanceof SieveAction.Keep k && k.implicit()),
                "notify does not cancel the implicit keep");
    }
}
