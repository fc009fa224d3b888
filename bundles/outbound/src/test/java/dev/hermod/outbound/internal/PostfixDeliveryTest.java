package dev.hermod.outbound.internal;

import static dev.hermod.outbound.internal.Messages.message;
import static dev.hermod.outbound.internal.Messages.transport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.outbound.TransportResult;
import dev.hermod.api.outbound.TransportResult.Outcome;
import dev.hermod.api.outbound.TransportResult.Status;
import dev.hermod.testing.DnsServer;
import dev.hermod.testing.DovecotServer;
import dev.hermod.testing.PostfixServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Delivery to a real Postfix, found by MX lookup in a real DNS server or configured as a relay (STARTTLS and SMTP
 * AUTH against Dovecot's auth service), which hands the mail to a real Dovecot over LMTP; the test reads it back
 * from Dovecot's Maildir.
 */
class PostfixDeliveryTest {

    private static final String ZONE = """
            example.net.         MX 10 mx.example.net.
            mx.example.net.      A 127.0.0.1
            backup.test.         MX 10 mx1.backup.test.
            backup.test.         MX 20 mx2.backup.test.
            mx1.backup.test.     A 127.0.0.2
            mx2.backup.test.     A 127.0.0.1
            secure.test.         MX 10 mx.secure.test.
            mx.secure.test.      A 127.0.0.1
            nullmx.test.         MX 0 .
            """;

    private static DnsServer dns;
    private static DovecotServer dovecot;
    private static PostfixServer postfix;

    @BeforeAll
    static void start() {
        dns = DnsServer.start(ZONE);
        dns.failWith("broken.test");
        dovecot = DovecotServer.builder().authListener()
                .user("alice", "secret").user("bob", "secret").user("carol", "secret").user("dave", "secret")
                .user("erin", "secret").user("frank", "secret").start();
        postfix = PostfixServer.builder().lmtpTo(dovecot.host(), dovecot.lmtpPort())
                .relayDomains("example.net", "backup.test", "secure.test")
                .tls("mx.secure.test")
                .saslAuthDovecot(dovecot.host(), dovecot.authPort())
                .recipientAccess("busy@example.net", "451 4.2.1 Mailbox busy, try later")
                .recipientAccess("gone@example.net", "550 5.1.1 No such user here")
                .start();
    }

    @AfterAll
    static void stop() {
        if (postfix != null) {
            postfix.close();
        }
        if (dovecot != null) {
            dovecot.close();
        }
        if (dns != null) {
            dns.close();
        }
    }

    private static SmtpTransport mx(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(Map.of("dns.servers", "127.0.0.1:" + dns.port(),
                "smtp.port", postfix.port(), "dns.timeout", 3));
        config.putAll(extra);
        return transport(config);
    }

    private static SmtpTransport relay(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(Map.of("relay.host", "127.0.0.1", "relay.port", postfix.port(),
                "relay.security", "starttls", "tls.trust.file", postfix.tlsCertificate().toString(),
                "relay.auth.username", "bob", ".relay.auth.password", "secret"));
        config.putAll(extra);
        return transport(config);
    }

    /** Dovecot's copy without the fields added on the way (Return-Path, Delivered-To, Received), as CRLF. */
    private static String stored(String user, int index) {
        dovecot.awaitMessages(1, Duration.ofSeconds(30));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (dovecot.count(user) <= index && System.nanoTime() < deadline) {
            sleep(20);
        }
        assertTrue(dovecot.count(user) > index, "no message " + index + " for " + user + "\n" + postfix.logTail());
        String text = new String(dovecot.messages(user).get(index), StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        boolean skipping = false;
        boolean header = true;
        for (String line : text.split("\n", -1)) {
            if (header) {
                if (line.isEmpty()) {
                    header = false;
                } else if (line.startsWith(" ") || line.startsWith("\t")) {
                    if (skipping) {
                        continue;
                    }
                } else {
                    skipping = line.startsWith("Return-Path:") || line.startsWith("Delivered-To:")
                            || line.startsWith("Received:");
                    if (skipping) {
                        continue;
                    }
                }
            }
            out.append(line).append('\n');
        }
        String lf = out.substring(0, out.length() - 1);
        return lf.replace("\n", "\r\n");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String content(String subject) {
        return "From: Sender <sender@hermod.test>\r\nTo: <someone@example.net>\r\nSubject: " + subject + "\r\n"
                + "Date: Tue, 25 Nov 2025 10:00:00 +0000\r\nMessage-ID: <" + subject.replace(' ', '-')
                + "@hermod.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\n.a line that starts with a dot\r\n.\r\nGrüße, 8 bit\r\n"
                + "last line\r\n";
    }

    @Test
    void deliversByMxLookupByteExact() {
        SmtpTransport transport = mx(Map.of());
        try {
            String content = content("by mx");
            TransportResult result = transport.send(message("mx-1", "example.net", content, "alice@example.net"));
            Outcome o = result.outcomes().get(0);
            assertEquals(Status.DELIVERED, o.status(), o + "\n" + postfix.logTail());
            assertTrue(o.reply().toString().startsWith("250 2.0.0 Ok: queued as "), o.reply().toString());
            assertEquals("mx.example.net [127.0.0.1]:" + postfix.port(), result.remoteHost());
            assertEquals(content, stored("alice", 0));
        } finally {
            transport.close();
        }
        // Opportunistic STARTTLS was used (Postfix's self-signed certificate accepted): Postfix says ESMTPS.
        String raw = new String(dovecot.messages("alice").get(0), StandardCharsets.UTF_8);
        assertTrue(raw.contains("by mta.example.test (Postfix) with ESMTPS id"), raw);
        assertTrue(raw.contains("from out.hermod.test (localhost [127.0.0.1])"), raw);
    }

    @Test
    void relayWithStartTlsAndAuth() throws Exception {
        SmtpTransport transport = relay(Map.of());
        try {
            String content = content("by relay");
            // example.org is not a relay domain of this Postfix: only an authenticated client may send there.
            TransportResult result = transport.send(message("relay-1", "example.org", content, "bob@example.org"));
            Outcome o = result.outcomes().get(0);
            assertEquals(Status.DELIVERED, o.status(), o + "\n" + postfix.logTail());
            assertEquals(content, stored("bob", 0));
            assertTrue(Files.readString(postfix.log()).contains("sasl_method=PLAIN, sasl_username=bob"),
                    postfix.logTail());
        } finally {
            transport.close();
        }
    }

    @Test
    void relayFailures() {
        SmtpTransport wrongPassword = relay(Map.of(".relay.auth.password", "wrong"));
        try {
            Outcome o = wrongPassword.send(message("relay-2", "example.org", content("x"), "bob@example.org"))
                    .outcomes().get(0);
            assertEquals(Status.TEMPORARY_FAILURE, o.status(), o.toString());
            assertEquals("4.7.0", o.reply().enhancedStatus());
            assertTrue(o.reply().text().contains("535"), o.reply().text());
        } finally {
            wrongPassword.close();
        }
        // The JDK does not trust Postfix's self-signed certificate.
        SmtpTransport untrusted = relay(Map.of("tls.trust.file", ""));
        try {
            Outcome o = untrusted.send(message("relay-3", "example.org", content("x"), "bob@example.org"))
                    .outcomes().get(0);
            assertEquals(Status.TEMPORARY_FAILURE, o.status(), o.toString());
            assertEquals("4.7.5", o.reply().enhancedStatus());
        } finally {
            untrusted.close();
        }
        // Without AUTH Postfix refuses to relay to example.org.
        SmtpTransport anonymous = transport(Map.of("relay.host", "127.0.0.1", "relay.port", postfix.port(),
                "relay.security", "none"));
        try {
            Outcome o = anonymous.send(message("relay-4", "example.org", content("x"), "bob@example.org"))
                    .outcomes().get(0);
            assertEquals(Status.PERMANENT_FAILURE, o.status(), o.toString());
            assertTrue(o.reply().text().contains("Relay access denied"), o.reply().toString());
        } finally {
            anonymous.close();
        }
    }

    @Test
    void repliesPerRecipient() {
        SmtpTransport transport = mx(Map.of());
        try {
            String content = content("per recipient");
            TransportResult result = transport.send(message("rcpt-1", "example.net", content,
                    "busy@example.net", "carol@example.net", "gone@example.net"));
            List<Outcome> o = result.outcomes();
            assertEquals(Status.TEMPORARY_FAILURE, o.get(0).status(), o.toString());
            assertEquals(451, o.get(0).reply().code());
            assertEquals("4.2.1", o.get(0).reply().enhancedStatus());
            assertTrue(o.get(0).reply().text().endsWith("Mailbox busy, try later"), o.get(0).reply().text());
            assertEquals(Status.DELIVERED, o.get(1).status(), o.toString());
            assertEquals(Status.PERMANENT_FAILURE, o.get(2).status(), o.toString());
            assertEquals(550, o.get(2).reply().code());
            assertTrue(o.get(2).reply().text().endsWith("No such user here"), o.get(2).reply().text());
            assertEquals("mx.example.net [127.0.0.1]:" + postfix.port(), o.get(2).remoteMta());
            assertEquals(content, stored("carol", 0));
        } finally {
            transport.close();
        }
    }

    @Test
    void nullMxNxdomainAndDnsFailure() {
        SmtpTransport transport = mx(Map.of());
        try {
            Outcome nullMx = transport.send(message("dns-1", "nullmx.test", "S: x\r\n\r\nb\r\n", "a@nullmx.test"))
                    .outcomes().get(0);
            assertEquals(Status.PERMANENT_FAILURE, nullMx.status());
            assertEquals("556 5.1.10", nullMx.reply().code() + " " + nullMx.reply().enhancedStatus());
            Outcome nx = transport.send(message("dns-2", "nowhere.test", "S: x\r\n\r\nb\r\n", "a@nowhere.test"))
                    .outcomes().get(0);
            assertEquals(Status.PERMANENT_FAILURE, nx.status());
            assertEquals("550 5.1.2", nx.reply().code() + " " + nx.reply().enhancedStatus());
            Outcome broken = transport.send(message("dns-3", "broken.test", "S: x\r\n\r\nb\r\n", "a@broken.test"))
                    .outcomes().get(0);
            assertEquals(Status.TEMPORARY_FAILURE, broken.status());
            assertEquals("451 4.4.3", broken.reply().code() + " " + broken.reply().enhancedStatus());
        } finally {
            transport.close();
        }
    }

    @Test
    void secondMxWhenTheFirstRefuses() {
        SmtpTransport transport = mx(Map.of());
        try {
            String content = content("second mx");
            TransportResult result = transport.send(message("mx-2", "backup.test", content, "dave@backup.test"));
            assertEquals(Status.DELIVERED, result.outcomes().get(0).status(), result + "\n" + postfix.logTail());
            assertEquals("mx2.backup.test [127.0.0.1]:" + postfix.port(), result.remoteHost());
            assertEquals(content, stored("dave", 0));
        } finally {
            transport.close();
        }
    }

    @Test
    void requiredTlsIsVerified() {
        // mx.secure.test is in Postfix's certificate: verified delivery.
        SmtpTransport verified = mx(Map.of("tls.required.domains", "secure.test, example.net",
                "tls.trust.file", postfix.tlsCertificate().toString()));
        try {
            String content = content("required tls");
            Outcome o = verified.send(message("tls-1", "secure.test", content, "frank@secure.test")).outcomes().get(0);
            assertEquals(Status.DELIVERED, o.status(), o + "\n" + postfix.logTail());
            assertEquals(content, stored("frank", 0));
            // mx.example.net is not: TLS required, the name does not match, so the delivery waits.
            Outcome wrongName = verified.send(message("tls-2", "example.net", content, "frank@example.net"))
                    .outcomes().get(0);
            assertEquals(Status.TEMPORARY_FAILURE, wrongName.status());
            assertEquals("451 4.7.5", wrongName.reply().code() + " " + wrongName.reply().enhancedStatus());
            assertTrue(wrongName.reply().text().startsWith("TLS required (tls.required.domains)"),
                    wrongName.reply().text());
        } finally {
            verified.close();
        }
    }

    @Test
    void reusesTheConnectionForTheNextMessage() throws Exception {
        SmtpTransport transport = mx(Map.of("connection.idle.time", 30));
        try {
            int before = count(Files.readString(postfix.log()), "smtpd", "connect from localhost");
            for (int i = 0; i < 3; i++) {
                Outcome o = transport.send(message("reuse-" + i, "example.net", content("reuse " + i),
                        "erin@example.net")).outcomes().get(0);
                assertEquals(Status.DELIVERED, o.status(), o.toString());
            }
            assertEquals(1, transport.idleConnections());
            assertEquals(before + 1, count(Files.readString(postfix.log()), "smtpd", "connect from localhost"));
            assertEquals(content("reuse 2"), stored("erin", 2));
        } finally {
            transport.close();
        }
    }

    private static int count(String log, String program, String text) {
        return (int) log.lines().filter(l -> l.contains("/" + program + "[") && l.contains(": " + text)).count();
    }
}
