package dev.hermod.outbound.internal;

import static dev.hermod.outbound.internal.Messages.message;
import static dev.hermod.outbound.internal.Messages.transport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.outbound.TransportResult.Outcome;
import dev.hermod.api.outbound.TransportResult.Status;
import dev.hermod.testing.DnsServer;
import dev.hermod.testing.PostfixServer;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An SMTPUTF8 envelope to a Postfix without SMTPUTF8 ({@code smtputf8_enable = no}): RFC 6531 §3.4. */
class SmtpUtf8Test {

    @Test
    void utf8EnvelopeToAServerWithoutSmtpUtf8IsPermanent() throws Exception {
        try (DnsServer dns = DnsServer.start("""
                utf8.test.     MX 10 mx.utf8.test.
                mx.utf8.test.  A 127.0.0.1
                """);
             PostfixServer postfix = PostfixServer.builder().relayTo("127.0.0.1", 9).relayDomains("utf8.test")
                     .set("smtputf8_enable", "no").start()) {
            SmtpTransport transport = transport(Map.of("dns.servers", "127.0.0.1:" + dns.port(),
                    "smtp.port", postfix.port()));
            try {
                Outcome o = transport.send(message("u1", "utf8.test", "Subject: x\r\n\r\nb\r\n", "jörg@utf8.test"))
                        .outcomes().get(0);
                assertEquals(Status.PERMANENT_FAILURE, o.status(), o.toString());
                assertEquals(553, o.reply().code());
                assertEquals("5.6.7", o.reply().enhancedStatus());
                assertTrue(o.reply().text().contains("does not support SMTPUTF8"), o.reply().text());
                assertEquals("mx.utf8.test [127.0.0.1]:" + postfix.port(), o.remoteMta());
            } finally {
                transport.close();
            }
            // Nothing was sent: no MAIL reached Postfix.
            assertTrue(Files.readString(postfix.log()).lines().noneMatch(l -> l.contains("from=<")), postfix.logTail());
        }
    }
}
