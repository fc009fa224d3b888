package dev.hermod.imap.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without TLS and without plain-text logins allowed: LOGINDISABLED and PRIVACYREQUIRED. */
class ImapPrivacyTest extends ImapTestSupport {

    @Override
    boolean plaintext() {
        return false;
    }

    @Test
    void plainTextLoginNeedsTls() throws Exception {
        int port = server("starttls", Map.of());
        try (LineClient c = new LineClient(port)) {
            String greeting = c.line();
            assertTrue(greeting.contains("STARTTLS") && greeting.contains("LOGINDISABLED")
                    && !greeting.contains("AUTH=PLAIN"), greeting);
            c.command("a1", "LOGIN alice secret", "NO [PRIVACYREQUIRED]");
        }
        python(port, """
                M = imaplib.IMAP4('127.0.0.1', port)
                ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
                M.starttls(ssl_context=ctx)
                assert 'AUTH=PLAIN' in M.capabilities and 'LOGINDISABLED' not in M.capabilities, M.capabilities
                M.authenticate('PLAIN', lambda challenge: b'\\0alice\\0secret')
                M.logout()
                """);
    }
}
