package dev.hermod.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The opt-in Postfix options, driven by swaks: STARTTLS with the generated certificate (verified against it), SMTP
 * AUTH through Dovecot's auth listener, and per-recipient access answers.
 */
class PostfixTlsAuthTest {

    @Test
    void startTlsAuthAndRecipientAccess() throws Exception {
        try (DovecotServer dovecot = DovecotServer.builder().authListener().user("alice", "secret").start();
             PostfixServer postfix = PostfixServer.builder().lmtpTo(dovecot.host(), dovecot.lmtpPort())
                     .tls().saslAuthDovecot(dovecot.host(), dovecot.authPort())
                     .recipientAccess("busy@example.org", "451 4.2.1 Busy").start()) {
            assertTrue(Files.readString(postfix.tlsCertificate()).startsWith("-----BEGIN CERTIFICATE-----"));
            Exec.Result denied = swaks(postfix, "alice@example.org", List.of());
            assertTrue(denied.output().contains("Relay access denied"), denied.output());
            Exec.Result busy = swaks(postfix, "busy@example.org", List.of("--auth", "PLAIN", "--auth-user", "alice",
                    "--auth-password", "secret"));
            assertTrue(busy.output().contains("451 4.2.1 <busy@example.org>: Recipient address rejected: Busy"), busy.output());
            Exec.Result sent = swaks(postfix, "alice@example.org", List.of("--auth", "PLAIN", "--auth-user", "alice",
                    "--auth-password", "secret"));
            assertEquals(0, sent.status(), sent.output());
            dovecot.awaitMessages(1, Duration.ofSeconds(30));
            String stored = new String(dovecot.messages("alice").get(0), StandardCharsets.UTF_8);
            assertTrue(stored.contains("(Postfix) with ESMTPSA id"), stored);
        }
    }

    private static Exec.Result swaks(PostfixServer postfix, String to, List<String> auth) {
        List<String> command = new java.util.ArrayList<>(List.of(PeerPrograms.find("swaks").toString(),
                "--server", postfix.host() + ":" + postfix.port(), "--from", "x@sender.example", "--to", to,
                "--tls", "--tls-verify", "--tls-ca-path", postfix.tlsCertificate().toString(),
                "--tls-sni", PostfixServer.DEFAULT_HOSTNAME, "--timeout", "20"));
        command.addAll(auth);
        return PeerPrograms.run(postfix.directory(), null, 60, command);
    }
}
