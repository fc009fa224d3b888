package dev.hermod.outbound.internal;

import static dev.hermod.outbound.internal.Messages.message;
import static dev.hermod.outbound.internal.Messages.transport;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.outbound.TransportResult;
import dev.hermod.api.outbound.TransportResult.Status;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Protocol details against a scripted server, reached as a relay without TLS (no DNS involved). */
class ScriptedSessionTest {

    private static final String EHLO = "250-scripted\r\n250-PIPELINING\r\n250-SIZE 1000\r\n250-8BITMIME\r\n250 DSN";

    private static Function<String, String> esmtp(String ehlo) {
        return line -> {
            String l = line.toUpperCase();
            if (l.startsWith("EHLO")) {
                return ehlo;
            }
            if (l.startsWith("RCPT TO:<BAD@")) {
                return "550 5.1.1 No such user";
            }
            if (l.startsWith("RCPT TO:<LATER@")) {
                return "450 4.2.1 Mailbox busy";
            }
            if (l.equals("DATA")) {
                return "354 go ahead";
            }
            if (l.equals(".")) {
                return "250 2.0.0 Ok: queued as 1";
            }
            if (l.equals("QUIT")) {
                return "221 2.0.0 Bye";
            }
            return "250 2.0.0 Ok";
        };
    }

    private static SmtpTransport relayTo(ScriptedServer server, Map<String, Object> extra) {
        java.util.Map<String, Object> config = new java.util.HashMap<>(Map.of("relay.host", "127.0.0.1",
                "relay.port", server.port(), "relay.security", "none"));
        config.putAll(extra);
        return transport(config);
    }

    @Test
    void pipelinesParametersAndOutcomesPerRecipient() throws Exception {
        try (ScriptedServer server = new ScriptedServer("220 scripted ESMTP", esmtp(EHLO))) {
            SmtpTransport transport = relayTo(server, Map.of());
            try {
                byte[] content = "Subject: t\r\n\r\n.leading dot\r\n..two\r\nend".getBytes(StandardCharsets.UTF_8);
                TransportResult result = transport.send(message("m1", "example.com", content,
                        Map.of("RET", "HDRS", "ENVID", "QQ+2Bid"), "ok@example.com", "bad@example.com",
                        "later@example.com"));
                assertEquals(Status.DELIVERED, result.outcomes().get(0).status());
                assertEquals("250 2.0.0 Ok: queued as 1", result.outcomes().get(0).reply().toString());
                assertEquals(Status.PERMANENT_FAILURE, result.outcomes().get(1).status());
                assertEquals("550 5.1.1 No such user", result.outcomes().get(1).reply().toString());
                assertEquals(Status.TEMPORARY_FAILURE, result.outcomes().get(2).status());
                assertEquals("450 4.2.1 Mailbox busy", result.outcomes().get(2).reply().toString());
                assertTrue(result.remoteHost().startsWith("127.0.0.1 [127.0.0.1]:"), result.remoteHost());
                String mail = server.lines.get(1);
                assertTrue(mail.startsWith("MAIL FROM:<sender@hermod.test> SIZE=" + content.length), mail);
                assertTrue(mail.contains(" RET=HDRS") && mail.contains(" ENVID=QQ+2Bid"), mail);
                assertFalse(mail.contains("BODY="), mail);
                // MAIL, the RCPTs and DATA came in one write (RFC 2920 §3.1).
                assertTrue(server.readsBeforeReply.get(1) > 0, "pipelined");
                assertEquals("DATA", server.lines.get(5));
                assertArrayEquals("Subject: t\r\n\r\n..leading dot\r\n...two\r\nend\r\n.\r\n"
                        .getBytes(StandardCharsets.UTF_8), server.data.get(0));
            } finally {
                transport.close();
            }
        }
    }

    @Test
    void heloFallbackAndNoEightBitMime() throws Exception {
        Function<String, String> old = line -> line.startsWith("EHLO") ? "502 5.5.2 What?"
                : line.startsWith("HELO") ? "250 old.example" : line.equals("DATA") ? "354 go" : "250 Ok";
        try (ScriptedServer server = new ScriptedServer("220 old", old)) {
            SmtpTransport transport = relayTo(server, Map.of());
            try {
                TransportResult result = transport.send(message("m2", "example.com", "Subject: é\r\n\r\nbody\r\n",
                        "a@example.com"));
                assertEquals(Status.PERMANENT_FAILURE, result.outcomes().get(0).status());
                assertEquals(554, result.outcomes().get(0).reply().code());
                assertEquals("5.6.3", result.outcomes().get(0).reply().enhancedStatus());
                assertTrue(result.outcomes().get(0).reply().text().contains("conversion to 7 bit is not done"));
                assertTrue(server.lines.contains("HELO out.hermod.test"), server.lines.toString());
                assertTrue(server.lines.stream().noneMatch(l -> l.startsWith("MAIL")), server.lines.toString());
                // 7-bit mail goes through without pipelining, one command at a time.
                result = transport.send(message("m3", "example.com", "Subject: x\r\n\r\nbody\r\n", "a@example.com"));
                assertEquals(Status.DELIVERED, result.outcomes().get(0).status(), result.toString());
                int mail = server.lines.indexOf("MAIL FROM:<sender@hermod.test>");
                assertTrue(mail > 0, server.lines.toString());
                assertEquals(0, server.readsBeforeReply.get(mail));
            } finally {
                transport.close();
            }
        }
    }

    @Test
    void sizeLimitIsPermanent() throws Exception {
        try (ScriptedServer server = new ScriptedServer("220 s", esmtp(EHLO))) {
            SmtpTransport transport = relayTo(server, Map.of());
            try {
                TransportResult result = transport.send(message("m4", "example.com", "x".repeat(2000) + "\r\n",
                        "a@example.com"));
                assertEquals(Status.PERMANENT_FAILURE, result.outcomes().get(0).status());
                assertEquals("5.3.4", result.outcomes().get(0).reply().enhancedStatus());
                assertEquals(552, result.outcomes().get(0).reply().code());
            } finally {
                transport.close();
            }
        }
    }

    @Test
    void dataReplyAppliesToAllAcceptedRecipients() throws Exception {
        Function<String, String> base = esmtp(EHLO);
        try (ScriptedServer server = new ScriptedServer("220 s",
                line -> line.equals(".") ? "452 4.3.1 Insufficient system storage" : base.apply(line))) {
            SmtpTransport transport = relayTo(server, Map.of());
            try {
                TransportResult result = transport.send(message("m5", "example.com", "S: x\r\n\r\nb\r\n",
                        "a@example.com", "b@example.com", "bad@example.com"));
                assertEquals(Status.TEMPORARY_FAILURE, result.outcomes().get(0).status());
                assertEquals("452 4.3.1 Insufficient system storage", result.outcomes().get(1).reply().toString());
                assertEquals(Status.PERMANENT_FAILURE, result.outcomes().get(2).status());
            } finally {
                transport.close();
            }
        }
    }

    @Test
    void authLoginWhenOnlyLoginIsOffered() throws Exception {
        Function<String, String> base = esmtp("250-s\r\n250 AUTH LOGIN");
        Function<String, String> auth = line -> switch (line) {
            case "AUTH LOGIN" -> "334 VXNlcm5hbWU6";
            case "dXNlcg==" -> "334 UGFzc3dvcmQ6";
            case "c2VjcmV0" -> "235 2.7.0 Authentication successful";
            default -> base.apply(line);
        };
        try (ScriptedServer server = new ScriptedServer("220 s", auth)) {
            SmtpTransport transport = relayTo(server, Map.of("relay.auth.username", "user",
                    ".relay.auth.password", "secret", "relay.auth.plaintext", true));
            try {
                TransportResult result = transport.send(message("m6", "example.com", "S: x\r\n\r\nb\r\n",
                        "a@example.com"));
                assertEquals(Status.DELIVERED, result.outcomes().get(0).status(), result.toString());
                assertEquals("AUTH LOGIN", server.lines.get(1));
            } finally {
                transport.close();
            }
        }
    }

    @Test
    void noCredentialsWithoutTls() throws Exception {
        try (ScriptedServer server = new ScriptedServer("220 s", esmtp("250-s\r\n250 AUTH PLAIN LOGIN"))) {
            SmtpTransport transport = relayTo(server, Map.of("relay.auth.username", "user",
                    "relay.auth.password", "secret"));
            try {
                TransportResult result = transport.send(message("m7", "example.com", "S: x\r\n\r\nb\r\n",
                        "a@example.com"));
                assertEquals(Status.TEMPORARY_FAILURE, result.outcomes().get(0).status());
                assertEquals("4.7.0", result.outcomes().get(0).reply().enhancedStatus());
                assertTrue(server.lines.stream().noneMatch(l -> l.startsWith("AUTH")), server.lines.toString());
            } finally {
                transport.close();
            }
        }
    }

    @Test
    void requiredStartTlsNotOffered() throws Exception {
        try (ScriptedServer server = new ScriptedServer("220 s", esmtp(EHLO))) {
            SmtpTransport transport = relayTo(server, Map.of("relay.security", "starttls"));
            try {
                TransportResult result = transport.send(message("m8", "example.com", "S: x\r\n\r\nb\r\n",
                        "a@example.com"));
                assertEquals(Status.TEMPORARY_FAILURE, result.outcomes().get(0).status());
                assertEquals("4.7.5", result.outcomes().get(0).reply().enhancedStatus());
                assertTrue(result.outcomes().get(0).reply().text().startsWith("TLS required"),
                        result.outcomes().get(0).reply().text());
            } finally {
                transport.close();
            }
        }
    }

    @Test
    void reusesTheConnectionWithRset() throws Exception {
        try (ScriptedServer server = new ScriptedServer("220 s", esmtp(EHLO))) {
            SmtpTransport transport = relayTo(server, Map.of("connection.idle.time", 30));
            try {
                for (int i = 0; i < 3; i++) {
                    TransportResult result = transport.send(message("r" + i, "example.com", "S: x\r\n\r\nb\r\n",
                            "a@example.com"));
                    assertEquals(Status.DELIVERED, result.outcomes().get(0).status(), result.toString());
                    assertEquals(1, transport.idleConnections());
                }
                assertEquals(1, server.connections);
                assertEquals(2, server.lines.stream().filter("RSET"::equals).count(), server.lines.toString());
                assertEquals(1, server.lines.stream().filter(l -> l.startsWith("EHLO")).count());
            } finally {
                transport.close();
            }
            assertTrue(server.lines.contains("QUIT"), server.lines.toString());
        }
    }

    @Test
    void refusedGreetingIsPermanentAndMailRefusal421IsTemporary() throws Exception {
        try (ScriptedServer server = new ScriptedServer("554 5.3.2 No service", line -> "221 bye")) {
            SmtpTransport transport = relayTo(server, Map.of());
            try {
                TransportResult result = transport.send(message("g1", "example.com", "S: x\r\n\r\nb\r\n",
                        "a@example.com"));
                assertEquals(Status.PERMANENT_FAILURE, result.outcomes().get(0).status());
                assertEquals(554, result.outcomes().get(0).reply().code());
                assertTrue(result.outcomes().get(0).reply().text().contains("No service"));
            } finally {
                transport.close();
            }
        }
        Function<String, String> base = esmtp(EHLO);
        try (ScriptedServer server = new ScriptedServer("220 s",
                line -> line.startsWith("MAIL") ? "421 4.3.2 Shutting down" : base.apply(line))) {
            SmtpTransport transport = relayTo(server, Map.of());
            try {
                TransportResult result = transport.send(message("g2", "example.com", "S: x\r\n\r\nb\r\n",
                        "a@example.com"));
                assertEquals(Status.TEMPORARY_FAILURE, result.outcomes().get(0).status());
                assertEquals("421 4.3.2 Shutting down", result.outcomes().get(0).reply().toString());
                assertEquals(0, transport.idleConnections());
            } finally {
                transport.close();
            }
        }
    }
}
