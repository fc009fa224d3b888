package dev.hermod.imap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mailbox.MailAccount;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Python's imaplib against the listener. */
class ImapPythonClientTest extends ImapTestSupport {

    @Test
    void loginSelectAppendFetchSearchStoreCopyExpunge() throws Exception {
        int port = server("none", Map.of());
        deliver("alice", "INBOX", SIMPLE);
        String out = python(port, """
                M = imaplib.IMAP4('127.0.0.1', port)
                assert 'IMAP4REV2' in M.capabilities and 'IMAP4REV1' in M.capabilities, M.capabilities
                typ, data = M.login('alice', 'secret')
                assert typ == 'OK', data
                typ, data = M.list()
                assert typ == 'OK' and any(b'\\\\Sent' in d for d in data), data
                typ, data = M.select('INBOX')
                assert typ == 'OK' and data == [b'1'], data
                msg = b'From: dave@example.net\\r\\nTo: alice@example.org\\r\\nSubject: From Python\\r\\n\\r\\nBody text here\\r\\n'
                typ, data = M.append('INBOX', '(\\\\Flagged)', imaplib.Time2Internaldate(time.time()), msg)
                assert typ == 'OK' and b'APPENDUID' in data[0], data
                typ, data = M.noop()
                assert M.untagged_responses.get('EXISTS') or True
                typ, data = M.search(None, 'FROM', '"dave"')
                assert typ == 'OK' and data == [b'2'], data
                typ, data = M.uid('SEARCH', 'FLAGGED')
                assert data == [b'2'], data
                typ, data = M.fetch('2', '(UID FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)] BODY[TEXT])')
                assert typ == 'OK', data
                assert data[0][1] == b'Subject: From Python\\r\\n\\r\\n', data
                assert data[1][1] == b'Body text here\\r\\n', data
                typ, data = M.fetch('2', '(FLAGS)')
                assert b'\\\\Seen' in data[0] and b'\\\\Flagged' in data[0], data
                typ, data = M.fetch('1:2', '(RFC822)')
                assert data[0][1].startswith(b'From: Bob Example'), data
                typ, data = M.store('1', '+FLAGS', '(\\\\Answered)')
                assert typ == 'OK' and b'\\\\Answered' in data[0], data
                M.create('Saved')
                typ, data = M.copy('1:2', 'Saved')
                assert typ == 'OK', data
                typ, data = M.status('Saved', '(MESSAGES UNSEEN)')
                assert typ == 'OK' and b'MESSAGES 2' in data[0], data
                M.store('1', '+FLAGS', '(\\\\Deleted)')
                typ, data = M.expunge()
                assert typ == 'OK' and data == [b'1'], data
                typ, data = M.search(None, 'ALL')
                assert data == [b'1'], data
                typ, data = M.fetch('1', '(BODYSTRUCTURE ENVELOPE)')
                assert typ == 'OK' and b'"From Python"' in data[0], data
                M.close()
                M.logout()
                print('done')
                """);
        assertTrue(out.contains("done"), out);
        MailAccount alice = store.account("alice");
        assertEquals(1, alice.view(alice.mailbox(MailboxRole.INBOX).orElseThrow().id()).entries().size());
        assertEquals(2, alice.view(alice.find("Saved").orElseThrow().id()).entries().size());
    }

    @Test
    void largeMessageRoundTrip() throws Exception {
        int port = server("none", Map.of());
        python(port, """
                import random
                random.seed(7)
                lines = [''.join(random.choice('abcdefghij klmnopqrstuvwxyz') for _ in range(76)) for _ in range(60000)]
                msg = ('From: big@example.net\\r\\nSubject: big\\r\\n\\r\\n' + '\\r\\n'.join(lines) + '\\r\\n').encode()
                M = imaplib.IMAP4('127.0.0.1', port)
                M.login('alice', 'secret')
                typ, data = M.append('INBOX', None, None, msg)
                assert typ == 'OK', data
                M.select('INBOX')
                typ, data = M.fetch('1', '(RFC822.SIZE BODY.PEEK[])')
                assert typ == 'OK', data[0][0]
                assert data[0][1] == msg, (len(data[0][1]), len(msg))
                assert ('RFC822.SIZE %d' % len(msg)).encode() in data[0][0], data[0][0]
                typ, data = M.fetch('1', '(BODY.PEEK[TEXT]<1000000.20>)')
                assert data[0][1] == msg[len(b'From: big@example.net\\r\\nSubject: big\\r\\n\\r\\n') + 1000000:][:20], data
                M.logout()
                print(len(msg))
                """);
    }

    @Test
    void startTlsThenLogin() throws Exception {
        int port = server("starttls", Map.of());
        python(port, """
                M = imaplib.IMAP4('127.0.0.1', port)
                assert 'STARTTLS' in M.capabilities, M.capabilities
                ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
                M.starttls(ssl_context=ctx)
                assert 'STARTTLS' not in M.capabilities, M.capabilities
                M.login('bob', 'secret')
                typ, data = M.select('Sent', readonly=True)
                assert typ == 'OK' and data == [b'0'], data
                M.logout()
                """);
    }

    @Test
    void implicitTlsAndPlaintextRefusal() throws Exception {
        int tls = server("implicit_tls", Map.of());
        python(tls, """
                ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
                M = imaplib.IMAP4_SSL('127.0.0.1', port, ssl_context=ctx)
                M.login('alice', 'secret')
                typ, data = M.list('', '%')
                assert typ == 'OK' and len(data) >= 6, data
                M.logout()
                """);
    }
}
