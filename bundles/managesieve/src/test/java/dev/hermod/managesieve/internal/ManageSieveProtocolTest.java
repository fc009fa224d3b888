package dev.hermod.managesieve.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.sieve.SieveScripts;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every command of RFC 5804 over a socket, with the real core and checker behind the listener. */
class ManageSieveProtocolTest extends ManageSieveTestSupport {

    private static final String SCRIPT = "require \"fileinto\";\r\nif header :contains \"subject\" \"spam\" {\r\n"
            + "  fileinto \"Junk\";\r\n}\r\n";

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String last(List<String> lines) {
        return lines.get(lines.size() - 1);
    }

    private static int octets(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void greetingListsTheCapabilities() throws Exception {
        int port = server("none", true, Map.of());
        try (SieveClient c = new SieveClient(port)) {
            List<String> greeting = c.response();
            assertTrue(last(greeting).startsWith("OK \""), greeting.toString());
            assertTrue(greeting.contains("\"IMPLEMENTATION\" \"Hermod ManageSieve\""), greeting.toString());
            assertTrue(greeting.contains("\"SASL\" \"PLAIN LOGIN\""), greeting.toString());
            assertTrue(greeting.contains("\"VERSION\" \"1.0\""), greeting.toString());
            assertTrue(greeting.contains("\"MAXREDIRECTS\" \"4\""), greeting.toString());
            assertTrue(greeting.contains("\"UNAUTHENTICATE\""), greeting.toString());
            String sieve = greeting.stream().filter(l -> l.startsWith("\"SIEVE\"")).findFirst().orElseThrow();
            for (String ext : List.of("fileinto", "reject", "ereject", "envelope", "encoded-character", "imap4flags",
                    "variables", "vacation", "vacation-seconds", "relational", "comparator-i;ascii-numeric",
                    "subaddress", "body", "copy", "date", "index", "editheader", "mailbox", "regex", "spamtest",
                    "spamtestplus", "virustest", "duplicate", "include", "environment", "enotify")) {
                assertTrue(List.of(sieve.substring(9, sieve.length() - 1).split(" ")).contains(ext), ext);
            }
            assertTrue(greeting.contains("\"NOTIFY\" \"mailto\""), greeting.toString());
            assertFalse(greeting.stream().anyMatch(l -> l.startsWith("\"STARTTLS\"") || l.startsWith("\"OWNER\"")),
                    greeting.toString());
            List<String> caps = c.command("CAPABILITY", "OK");
            assertEquals(greeting.subList(0, greeting.size() - 1), caps.subList(0, caps.size() - 1));
            c.login("alice", "secret");
            caps = c.command("capability", "OK");
            assertTrue(caps.contains("\"OWNER\" \"alice\""), caps.toString());
            assertFalse(caps.stream().anyMatch(l -> l.startsWith("\"SASL\"")), caps.toString());
        }
    }

    @Test
    void startTlsThenPlainAuthentication() throws Exception {
        int port = server("starttls", false, Map.of());
        try (SieveClient c = new SieveClient(port)) {
            List<String> greeting = c.response();
            assertTrue(greeting.contains("\"STARTTLS\""), greeting.toString());
            assertTrue(greeting.contains("\"SASL\" \"\""), greeting.toString());
            List<String> no = c.command("AUTHENTICATE \"PLAIN\" \"" + b64("\0alice\0secret") + "\"", "NO");
            assertTrue(last(no).startsWith("NO (ENCRYPT-NEEDED) "), no.toString());
            c.command("LISTSCRIPTS", "NO");
            c.command("STARTTLS", "OK");
            c.startTls();
            // RFC 5804 §2.2: the capabilities again, now with the mechanisms and without STARTTLS
            List<String> caps = c.response();
            assertTrue(last(caps).startsWith("OK"), caps.toString());
            assertTrue(caps.contains("\"SASL\" \"PLAIN LOGIN\""), caps.toString());
            assertFalse(caps.contains("\"STARTTLS\""), caps.toString());
            assertTrue(last(c.command("STARTTLS", "NO")).contains("already"));
            c.login("alice", "secret");
            assertEquals(List.of("OK \"Listscripts completed\""), c.command("LISTSCRIPTS", "OK"));
        }
    }

    @Test
    void commandsPipelinedBeforeStartTlsAreDropped() throws Exception {
        int port = server("starttls", false, Map.of());
        try (SieveClient c = new SieveClient(port)) {
            c.response();
            c.raw("STARTTLS\r\nNOOP \"ahead\"\r\n");
            assertTrue(c.response().get(0).startsWith("OK"));
            c.startTls();
            assertTrue(last(c.response()).startsWith("OK"));
            assertEquals(List.of("OK (TAG \"after\") \"Done\""), c.command("NOOP \"after\"", "OK"));
        }
    }

    @Test
    void implicitTlsGreetsAfterTheHandshake() throws Exception {
        int port = server("implicit_tls", false, Map.of());
        try (Socket raw = new Socket("127.0.0.1", port)) {
            // nothing in clear text: a TLS client is expected
            raw.setSoTimeout(500);
            assertThrowsTimeout(raw);
        }
        try (SieveClient c = new SieveClient(port)) {
            c.startTls();
            List<String> greeting = c.response();
            assertTrue(greeting.contains("\"SASL\" \"PLAIN LOGIN\""), greeting.toString());
            assertFalse(greeting.contains("\"STARTTLS\""), greeting.toString());
            c.login("bob", "secret");
        }
    }

    private static void assertThrowsTimeout(Socket s) throws Exception {
        try {
            int b = s.getInputStream().read();
            throw new AssertionError("read " + b + " before the handshake");
        } catch (java.net.SocketTimeoutException expected) {
            // the server waits for the handshake
        }
    }

    @Test
    void authenticateWithContinuationsInLiteralsAndQuotedStrings() throws Exception {
        int port = server("none", true, Map.of());
        try (SieveClient c = new SieveClient(port)) {
            c.response();
            // PLAIN without an initial response: an empty challenge, the response as a literal
            c.raw("AUTHENTICATE \"PLAIN\"\r\n");
            assertEquals("\"\"", c.line());
            String r = b64("\0alice\0secret");
            List<String> ok = c.raw("{" + r.length() + "+}\r\n" + r + "\r\n").response();
            assertEquals(List.of("OK \"Logged in\""), ok);
            c.command("UNAUTHENTICATE", "OK");
            // LOGIN: two challenges, quoted responses
            c.raw("AUTHENTICATE \"login\"\r\n");
            assertEquals("\"" + b64("Username:") + "\"", c.line());
            c.raw("\"" + b64("bob") + "\"\r\n");
            assertEquals("\"" + b64("Password:") + "\"", c.line());
            c.raw("\"" + b64("secret") + "\"\r\n");
            assertEquals(List.of("OK \"Logged in\""), c.response());
            assertTrue(c.command("CAPABILITY", "OK").contains("\"OWNER\" \"bob\""));
            assertTrue(last(c.command("AUTHENTICATE \"PLAIN\" \"\"", "NO")).contains("Already"));
        }
    }

    @Test
    void authenticationFailures() throws Exception {
        int port = server("none", true, Map.of());
        try (SieveClient c = new SieveClient(port)) {
            c.response();
            assertEquals("NO \"Authentication failed\"",
                    last(c.command("AUTHENTICATE \"PLAIN\" \"" + b64("\0alice\0wrong") + "\"", "NO")));
            c.raw("AUTHENTICATE \"PLAIN\"\r\n");
            assertEquals("\"\"", c.line());
            assertEquals(List.of("NO \"Authentication cancelled\""), c.raw("\"*\"\r\n").response());
            assertTrue(last(c.command("AUTHENTICATE \"CRAM-MD5\"", "NO")).contains("Unsupported"));
            assertTrue(last(c.command("AUTHENTICATE \"PLAIN\" \"not base64!\"", "NO")).contains("base64"));
            assertTrue(last(c.command("AUTHENTICATE", "NO")).contains("string"));
            c.login("alice", "secret");
        }
    }

    @Test
    void commandsThatNeedAuthentication() throws Exception {
        int port = server("none", true, Map.of());
        try (SieveClient c = new SieveClient(port)) {
            c.response();
            for (String command : List.of("LISTSCRIPTS", "GETSCRIPT \"a\"", "PUTSCRIPT \"a\" \"keep;\"",
                    "SETACTIVE \"a\"", "DELETESCRIPT \"a\"", "RENAMESCRIPT \"a\" \"b\"", "CHECKSCRIPT \"keep;\"",
                    "HAVESPACE \"a\" 10", "UNAUTHENTICATE")) {
                assertTrue(last(c.command(command, "NO")).contains("authentication"), command);
            }
            assertEquals("OK (TAG \"t1\") \"Done\"", last(c.command("NOOP \"t1\"", "OK")));
            assertEquals("OK \"Done\"", last(c.command("NOOP", "OK")));
            assertTrue(last(c.command("FROBNICATE", "NO")).contains("Unknown command"));
        }
    }

    @Test
    void putListActivateGetRenameDelete() throws Exception {
        int port = server("none", true, Map.of());
        try (SieveClient c = new SieveClient(port)) {
            c.response();
            c.login("alice", "secret");
            c.command("PUTSCRIPT \"rules\" {" + octets(SCRIPT) + "+}\r\n" + SCRIPT, "OK");
            c.command("PUTSCRIPT \"other\" \"keep;\"", "OK");
            assertEquals(List.of("\"other\"", "\"rules\"", "OK \"Listscripts completed\""), c.command("LISTSCRIPTS", "OK"));
            c.command("SETACTIVE \"rules\"", "OK");
            assertEquals(List.of("\"other\"", "\"rules\" ACTIVE", "OK \"Listscripts completed\""),
                    c.command("LISTSCRIPTS", "OK"));
            assertEquals("rules", scripts.active("alice").orElseThrow().name());
            assertEquals(List.of("{" + octets(SCRIPT) + "}\n" + SCRIPT, "OK \"Getscript completed\""),
                    c.command("GETSCRIPT \"rules\"", "OK"));
            assertEquals("NO (NONEXISTENT) \"There is no script named nope\"", last(c.command("GETSCRIPT \"nope\"", "NO")));
            assertTrue(last(c.command("SETACTIVE \"nope\"", "NO")).startsWith("NO (NONEXISTENT)"));

            // rename: codes, and the active script stays active under its new name
            assertTrue(last(c.command("RENAMESCRIPT \"nope\" \"x\"", "NO")).startsWith("NO (NONEXISTENT)"));
            assertTrue(last(c.command("RENAMESCRIPT \"rules\" \"other\"", "NO")).startsWith("NO (ALREADYEXISTS)"));
            c.command("RENAMESCRIPT \"rules\" \"filters\"", "OK");
            assertEquals("filters", scripts.active("alice").orElseThrow().name());

            // delete: the active one cannot go; an unknown one does not exist
            assertTrue(last(c.command("DELETESCRIPT \"filters\"", "NO")).startsWith("NO (ACTIVE)"));
            assertTrue(last(c.command("DELETESCRIPT \"nope\"", "NO")).startsWith("NO (NONEXISTENT)"));
            c.command("SETACTIVE \"\"", "OK");
            assertTrue(scripts.active("alice").isEmpty());
            c.command("DELETESCRIPT \"filters\"", "OK");
            assertEquals(List.of("\"other\""), scripts.list("alice").stream().map(s -> "\"" + s.name() + "\"").toList());
            // bob sees none of alice's scripts
            try (SieveClient b = new SieveClient(port)) {
                b.response();
                b.login("bob", "secret");
                assertEquals(List.of("OK \"Listscripts completed\""), b.command("LISTSCRIPTS", "OK"));
            }
        }
    }

    @Test
    void replacingTheActiveScriptKeepsItActive() throws Exception {
        int port = server("none", true, Map.of());
        try (SieveClient c = new SieveClient(port)) {
            c.response();
            c.login("alice", "secret");
            c.command("PUTSCRIPT \"s\" \"keep;\"", "OK");
            c.command("SETACTIVE \"s\"", "OK");
            c.command("PUTSCRIPT \"s\" \"discard;\"", "OK");
            assertEquals("discard;", scripts.active("alice").orElseThrow().text());
        }
    }

    @Test
    void invalidScriptsAreRefusedWithTheCheckersMessage() throws Exception {
        int port = server("none", true, Map.of());
        try (SieveClient c = new SieveClient(port)) {
            c.response();
            c.login("alice", "secret");
            String bad = "keep;\r\nfileinto \"x\";\r\n";
            List<String> no = c.command("PUTSCRIPT \"bad\" {" + octets(bad) + "+}\r\n" + bad, "NO");
            assertTrue(last(no).contains("2"), no.toString());
            assertTrue(scripts.get("alice", "bad").isEmpty());
            no = c.command("CHECKSCRIPT {" + octets(bad) + "+}\r\n" + bad, "NO");
            assertTrue(last(no).contains("fileinto"), no.toString());
            assertEquals("OK \"Script is valid\"", last(c.command("CHECKSCRIPT {" + octets(SCRIPT) + "+}\r\n" + SCRIPT, "OK")));
            assertEquals("OK \"Script is valid\"", last(c.command("CHECKSCRIPT \"keep;\"", "OK")));
            assertTrue(last(c.command("CHECKSCRIPT \"if true {\"", "NO")).startsWith("NO "));
            assertTrue(scripts.list("alice").isEmpty());
        }
    }

    @Test
    void haveSpaceAndTheSizeLimit() throws Exception {
        int port = server("none", true, Map.of());
        try (SieveClient c = new SieveClient(port)) {
            c.response();
            c.login("alice", "secret");
            assertEquals("OK \"Putscript would succeed\"", last(c.command("HAVESPACE \"s\" 1000", "OK")));
            assertTrue(last(c.command("HAVESPACE \"s\" " + (SieveScripts.MAX_SCRIPT_SIZE + 1), "NO"))
                    .startsWith("NO (QUOTA/MAXSIZE) "));
            assertTrue(last(c.command("HAVESPACE \"s\" x", "NO")).contains("number"));
            assertTrue(last(c.command("HAVESPACE \"\" 10", "NO")).contains("name"));
            // a script just past the limit is read and refused
            String over = "#".repeat(SieveScripts.MAX_SCRIPT_SIZE + 10) + "\r\nkeep;\r\n";
            assertTrue(last(c.command("PUTSCRIPT \"over\" {" + over.length() + "+}\r\n" + over, "NO"))
                    .startsWith("NO (QUOTA/MAXSIZE) "));
            // a non-synchronizing literal past what a command may carry is read past and refused
            String huge = "#".repeat(ManageSieveSession.MAX_LITERAL + 10) + "\r\nkeep;\r\n";
            assertTrue(last(c.command("PUTSCRIPT \"huge\" {" + huge.length() + "+}\r\n" + huge, "NO"))
                    .startsWith("NO (QUOTA/MAXSIZE) "));
            // a synchronizing one is refused before the client sends it
            assertTrue(last(c.command("PUTSCRIPT \"huge\" {" + huge.length() + "}", "NO"))
                    .startsWith("NO (QUOTA/MAXSIZE) "));
            assertEquals(List.of("OK \"Listscripts completed\""), c.command("LISTSCRIPTS", "OK"));
            // exactly at the limit is fine
            String max = "#".repeat(SieveScripts.MAX_SCRIPT_SIZE - 7) + "\r\nkeep;";
            assertEquals(SieveScripts.MAX_SCRIPT_SIZE, octets(max));
            c.command("PUTSCRIPT \"max\" {" + octets(max) + "+}\r\n" + max, "OK");
            assertEquals(max, scripts.get("alice", "max").orElseThrow());
        }
    }

    @Test
    void synchronizingLiteralGetsAContinuation() throws Exception {
        int port = server("none", true, Map.of());
        try (SieveClient c = new SieveClient(port)) {
            c.response();
            c.login("alice", "secret");
            c.raw("PUTSCRIPT \"sync\" {" + octets(SCRIPT) + "}\r\n");
            assertTrue(c.line().startsWith("+ "));
            assertEquals(List.of("OK \"Script stored\""), c.raw(SCRIPT + "\r\n").response());
            assertEquals(SCRIPT, scripts.get("alice", "sync").orElseThrow());
        }
    }

    @Test
    void literalsSplitAcrossReadsAndUtf8() throws Exception {
        int port = server("none", true, Map.of());
        String script = "# Grüße, 日本\r\nif header :is \"subject\" \"ünïcödé\" { discard; }\r\n";
        byte[] bytes = ("PUTSCRIPT \"säve\" {" + octets(script) + "+}\r\n" + script + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
        try (SieveClient d = new SieveClient(port)) {
            d.response();
            d.login("alice", "secret");
            // one octet at a time, splitting the literal's announcement, its UTF-8 characters and its CRLF
            for (int i = 0; i < bytes.length; i++) {
                d.raw(new byte[] {bytes[i]});
                if (i % 7 == 0) {
                    Thread.sleep(1);
                }
            }
            assertEquals(List.of("OK \"Script stored\""), d.response());
            assertEquals(script, scripts.get("alice", "säve").orElseThrow());
            assertEquals(List.of("{" + octets(script) + "}\n" + script, "OK \"Getscript completed\""),
                    d.command("GETSCRIPT \"säve\"", "OK"));
            assertEquals(List.of("\"säve\"", "OK \"Listscripts completed\""), d.command("LISTSCRIPTS", "OK"));
        }
    }

    @Test
    void quotedStringsAndNames() throws Exception {
        int port = server("none", true, Map.of());
        try (SieveClient c = new SieveClient(port)) {
            c.response();
            c.login("alice", "secret");
            c.command("PUTSCRIPT \"a \\\"quoted\\\" \\\\ name\" \"keep;\"", "OK");
            assertEquals(List.of("\"a \\\"quoted\\\" \\\\ name\"", "OK \"Listscripts completed\""),
                    c.command("LISTSCRIPTS", "OK"));
            assertTrue(scripts.get("alice", "a \"quoted\" \\ name").isPresent());
            assertTrue(last(c.command("PUTSCRIPT \"\" \"keep;\"", "NO")).contains("name"));
            assertTrue(last(c.command("PUTSCRIPT \"" + "n".repeat(129) + "\" \"keep;\"", "NO")).contains("name"));
            assertTrue(last(c.command("PUTSCRIPT \"a\\x\" \"keep;\"", "NO")).contains("escape"));
            assertTrue(last(c.command("PUTSCRIPT \"unterminated", "NO")).contains("Unterminated"));
            assertTrue(last(c.command("PUTSCRIPT \"a\" \"keep;\" extra", "NO")).contains("Too many"));
            assertTrue(last(c.command("PUTSCRIPT \"a\"", "NO")).contains("space"));
            assertTrue(last(c.command("RENAMESCRIPT \"a \\\"quoted\\\" \\\\ name\" \"\"", "NO")).contains("name"));
            // a script name as a literal
            c.command("GETSCRIPT {17+}\r\na \"quoted\" \\ name", "OK");
        }
    }

    @Test
    void pipelinedCommandsAnswerInOrder() throws Exception {
        int port = server("none", true, Map.of());
        try (SieveClient c = new SieveClient(port)) {
            c.response();
            c.login("alice", "secret");
            c.raw("PUTSCRIPT \"p\" {5+}\r\nkeep;\r\nSETACTIVE \"p\"\r\nNOOP \"1\"\r\nGETSCRIPT \"p\"\r\nDELETESCRIPT \"p\"\r\n"
                    + "NOOP \"2\"\r\n");
            assertEquals(List.of("OK \"Script stored\""), c.response());
            assertEquals(List.of("OK \"Script activated\""), c.response());
            assertEquals(List.of("OK (TAG \"1\") \"Done\""), c.response());
            assertEquals(List.of("{5}\nkeep;", "OK \"Getscript completed\""), c.response());
            assertTrue(c.response().get(0).startsWith("NO (ACTIVE)"));
            assertEquals(List.of("OK (TAG \"2\") \"Done\""), c.response());
        }
    }

    @Test
    void unauthenticateAndLogout() throws Exception {
        int port = server("none", true, Map.of());
        try (SieveClient c = new SieveClient(port)) {
            c.response();
            c.login("alice", "secret");
            c.command("PUTSCRIPT \"s\" \"keep;\"", "OK");
            assertEquals(List.of("OK \"Unauthenticated\""), c.command("UNAUTHENTICATE", "OK"));
            c.command("LISTSCRIPTS", "NO");
            List<String> caps = c.command("CAPABILITY", "OK");
            assertTrue(caps.contains("\"SASL\" \"PLAIN LOGIN\""), caps.toString());
            c.login("bob", "secret");
            assertEquals(List.of("OK \"Listscripts completed\""), c.command("LISTSCRIPTS", "OK"));
            assertEquals(List.of("OK \"Logout completed\""), c.command("LOGOUT", "OK"));
            assertTrue(c.closed());
        }
    }

    @Test
    void longLinesAndTooManyErrors() throws Exception {
        int port = server("none", true, Map.of("line.max.length", 1024, "errors.max", 3));
        try (SieveClient c = new SieveClient(port)) {
            c.response();
            assertTrue(last(c.command("NOOP \"" + "x".repeat(2000) + "\"", "NO")).contains("Line too long"));
            c.command("NOOP", "OK");
            c.command("BOGUS", "NO");
            c.command("BOGUS", "NO");
            assertTrue(last(c.command("BOGUS", "BYE")).contains("Too many errors"));
            assertTrue(c.closed());
        }
        try (SieveClient c = new SieveClient(port)) {
            c.response();
            // before login, literals are small
            assertEquals("NO \"Literal too large\"", last(c.command("NOOP {9000+}\r\n" + "x".repeat(9000), "NO")));
            c.command("NOOP", "OK");
        }
    }

    @Test
    void connectionLimitAndIdleTimeout() throws Exception {
        int port = server("none", true, Map.of("connections.per.ip", 1, "idle.timeout", 1));
        try (SieveClient first = new SieveClient(port)) {
            first.response();
            try (SieveClient second = new SieveClient(port)) {
                assertEquals(List.of("BYE (TRYLATER) \"Too many connections from your address\""), second.response());
                assertTrue(second.closed());
            }
            // nothing for a second: the server says BYE and closes
            assertEquals(List.of("BYE \"Disconnected for inactivity\""), first.response());
            assertTrue(first.closed());
        }
    }
}
