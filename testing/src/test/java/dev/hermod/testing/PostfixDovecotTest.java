package dev.hermod.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The two launchers together: mail into Postfix, by sendmail and by SMTP, ends in Dovecot's Maildir over LMTP. */
class PostfixDovecotTest {

    @Test
    void postfixRelaysOverLmtpIntoDovecot() throws Exception {
        long postfixPid;
        long dovecotPid;
        try (DovecotServer dovecot = DovecotServer.builder().user("alice", "secret").user("bob", "secret").start();
             PostfixServer postfix = PostfixServer.builder().lmtpTo(dovecot.host(), dovecot.lmtpPort())
                     .relayDomains("example.org").start()) {
            postfixPid = postfix.pid();
            dovecotPid = dovecot.pid();
            postfix.sendmail("x@sender.example", List.of("alice@example.org"),
                    "Subject: by sendmail\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII));
            smtp(postfix.port(), "y@sender.example", "bob+tag@example.org",
                    "Subject: by smtp\r\nMessage-ID: <1@sender.example>\r\nDate: Tue, 25 Nov 2025 10:00:00 +0000\r\n"
                            + "From: y@sender.example\r\n\r\n.dot\r\nbody\r\n");
            dovecot.awaitMessages(2, Duration.ofSeconds(30));
            postfix.awaitEmptyQueue(Duration.ofSeconds(30));
            assertEquals(0, postfix.queued());
            String alice = new String(dovecot.messages("alice").get(0), StandardCharsets.US_ASCII);
            String bob = new String(dovecot.messages("bob").get(0), StandardCharsets.US_ASCII);
            assertTrue(alice.contains("Subject: by sendmail\nMessage-Id: ") || alice.contains("Subject: by sendmail\n"), alice);
            assertTrue(bob.endsWith("From: y@sender.example\n\n.dot\nbody\n"), bob);
            assertTrue(Files.readString(postfix.log()).contains("relay=127.0.0.1[127.0.0.1]:" + dovecot.lmtpPort()));
        }
        assertFalse(PostgresServer.isRunning(postfixPid));
        assertFalse(PostgresServer.isRunning(dovecotPid));
    }

    private static void smtp(int port, String from, String to, String message) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            expect(in, "220");
            for (String line : List.of("EHLO client.example", "MAIL FROM:<" + from + ">", "RCPT TO:<" + to + ">", "DATA")) {
                out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
                expect(in, line.equals("DATA") ? "354" : "250");
            }
            out.write((message.replace("\r\n.", "\r\n..") + ".\r\n").getBytes(StandardCharsets.US_ASCII));
            expect(in, "250");
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Reads one (possibly multi-line) reply and checks its code. */
    private static void expect(InputStream in, String code) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed, expected " + code);
            }
            line.append((char) c);
            if (c == '\n') {
                String l = line.toString();
                assertTrue(l.startsWith(code), l);
                if (l.charAt(3) == ' ') {
                    return;
                }
                line.setLength(0);
            }
        }
    }
}
