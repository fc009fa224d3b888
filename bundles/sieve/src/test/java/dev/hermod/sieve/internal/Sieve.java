package dev.hermod.sieve.internal;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

/** Test helper: compiles and runs scripts against messages written as text. */
final class Sieve {

    static final ZonedDateTime NOW = ZonedDateTime.of(2025, 6, 1, 12, 0, 0, 0, ZoneOffset.UTC);
    static final String MESSAGE = String.join("\r\n",
            "Date: Tue, 1 Jul 2003 10:52:37 +0200",
            "From: Alice <alice@example.com>",
            "To: jane@example.org",
            "Subject: [acme-users] [fwd] version 1.0 is out",
            "List-ID: <acme-users.lists.example.com>",
            "Message-ID: <1@example.com>",
            "X-Spam-Score: 7.5",
            "",
            "Hello, version 1.0 is out.", "");

    private Sieve() {
    }

    static SieveScript compile(String script) {
        return new SieveCompiler(SieveLimits.DEFAULT).compile("test", script);
    }

    static SieveMessage message(String text) {
        return new MimeSieveMessage(text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8),
                "sender@example.com", "jane+lists@example.org", NOW);
    }

    static SieveResult run(String script) {
        return run(script, MESSAGE);
    }

    static SieveResult run(String script, String message) {
        return run(script, message, SieveEnvironment.DEFAULT, SieveLimits.DEFAULT);
    }

    static SieveResult run(String script, String message, SieveEnvironment env, SieveLimits limits) {
        return new SieveInterpreter(limits, env).run(new SieveCompiler(limits).compile("test", script),
                message(message));
    }

    /** @return the normalized actions, as in the Pigeonhole comparison */
    static Set<String> actions(String script) {
        return PigeonholeComparisonTest.normalize(run(script));
    }

    static Set<String> actions(String script, String message) {
        return PigeonholeComparisonTest.normalize(run(script, message));
    }

    static List<SieveAction> list(String script) {
        return run(script).actions();
    }
}
