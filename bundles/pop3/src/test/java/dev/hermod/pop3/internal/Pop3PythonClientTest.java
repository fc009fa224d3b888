package dev.hermod.pop3.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.mailbox.Keywords;
import dev.hermod.api.mailbox.MailboxView;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Python's poplib against the listener. */
class Pop3PythonClientTest extends Pop3TestSupport {

    @Test
    void userRefusedWithoutTlsThenStlsLoginAndRetrieve() throws Exception {
        deliver(SIMPLE);
        deliver(DOTS);
        long validity = inbox().mailbox().uidValidity();
        int port = server("starttls", false, Map.of());
        String out = python(port, """
                M = poplib.POP3('127.0.0.1', port)
                assert M.getwelcome().startswith(b'+OK pop.example.org'), M.getwelcome()
                caps = M.capa()
                assert 'STLS' in caps and 'USER' not in caps and 'SASL' not in caps, caps
                try:
                    M.user('alice')
                    raise SystemExit('USER accepted without TLS')
                except poplib.error_proto as e:
                    assert str(e).startswith("b'-ERR [AUTH]"), e
                M.stls(context=notls)
                caps = M.capa()
                assert 'STLS' not in caps and 'USER' in caps and caps['SASL'] == ['PLAIN', 'LOGIN'], caps
                for c in ('TOP', 'UIDL', 'RESP-CODES', 'PIPELINING', 'AUTH-RESP-CODE'):
                    assert c in caps, caps
                assert caps['IMPLEMENTATION'] == ['Hermod'], caps
                M.user('alice')
                assert M.pass_('secret').startswith(b'+OK'), 'login'
                simple = %s
                dots = %s
                assert M.stat() == (2, len(simple) + len(dots)), M.stat()
                resp, lines, octets = M.list()
                assert lines == [b'1 %%d' %% len(simple), b'2 %%d' %% len(dots)], lines
                resp, lines, octets = M.uidl()
                assert lines == [b'1 %d.1', b'2 %d.2'], lines
                assert M.uidl(2) == b'+OK 2 %d.2', M.uidl(2)
                resp, lines, octets = M.retr(1)
                assert b'\\r\\n'.join(lines) + b'\\r\\n' == simple, lines
                resp, lines, octets = M.retr(2)
                assert b'\\r\\n'.join(lines) + b'\\r\\n' == dots, lines
                resp, lines, octets = M.top(1, 1)
                assert lines == simple.split(b'\\r\\n')[:7], lines
                resp, lines, octets = M.top(2, 0)
                assert lines == [b'From: carol@example.net', b'To: alice@example.org', b'Subject: Dots', b''], lines
                assert M.quit().startswith(b'+OK'), 'quit'
                print('done')
                """.formatted(pyBytes(SIMPLE), pyBytes(DOTS), validity, validity, validity));
        assertTrue(out.contains("done"), out);
        MailboxView after = inbox();
        assertEquals(2, after.entries().size());
        // RETR marks \Seen at QUIT; TOP alone would not
        assertTrue(after.entries().get(0).keywords().contains(Keywords.SEEN));
    }

    @Test
    void deleteAndQuitRemovesDeleteAndResetKeeps() throws Exception {
        deliver(SIMPLE);
        deliver(DOTS);
        deliver(SIMPLE.replace("Hello there", "Third"));
        int port = server("none", true, Map.of());
        String out = python(port, """
                M = poplib.POP3('127.0.0.1', port)
                M.user('alice'); M.pass_('secret')
                M.dele(1)
                assert M.stat()[0] == 2, M.stat()
                try:
                    M.retr(1)
                    raise SystemExit('deleted message retrieved')
                except poplib.error_proto as e:
                    assert 'deleted' in str(e), e
                assert M.rset().startswith(b'+OK'), 'rset'
                assert M.stat()[0] == 3, M.stat()
                M.quit()
                M = poplib.POP3('127.0.0.1', port)
                M.user('alice'); M.pass_('secret')
                assert M.stat()[0] == 3, 'RSET kept them'
                M.dele(1); M.dele(3)
                resp, lines, octets = M.list()
                assert [l.split()[0] for l in lines] == [b'2'], lines
                M.quit()
                M = poplib.POP3('127.0.0.1', port)
                M.user('alice'); M.pass_('secret')
                assert M.stat()[0] == 1, M.stat()
                resp, lines, octets = M.top(1, 0)
                assert b'Subject: Dots' in lines, lines
                M.quit()
                print('done')
                """);
        assertTrue(out.contains("done"), out);
        assertEquals(1, inbox().entries().size());
    }

    @Test
    void badPasswordGivesAuthCodeAndAuthPlainOverImplicitTls() throws Exception {
        deliver(SIMPLE);
        int port = server("implicit_tls", false, Map.of());
        String out = python(port, """
                M = poplib.POP3_SSL('127.0.0.1', port, context=notls)
                M.user('alice')
                try:
                    M.pass_('wrong')
                    raise SystemExit('wrong password accepted')
                except poplib.error_proto as e:
                    assert str(e).startswith("b'-ERR [AUTH]"), e
                ir = base64.b64encode(b'\\0alice\\0secret').decode()
                assert M._shortcmd('AUTH PLAIN ' + ir).startswith(b'+OK Logged in, 1 message'), 'auth'
                assert M.stat()[0] == 1
                M.quit()
                M = poplib.POP3_SSL('127.0.0.1', port, context=notls)
                assert M._shortcmd('AUTH PLAIN') == b'+ ', 'challenge'
                assert M._shortcmd(base64.b64encode(b'\\0alice\\0secret').decode()).startswith(b'+OK'), 'login'
                M.quit()
                M = poplib.POP3_SSL('127.0.0.1', port, context=notls)
                assert M._shortcmd('AUTH LOGIN').startswith(b'+ '), 'username challenge'
                assert M._shortcmd(base64.b64encode(b'alice').decode()).startswith(b'+ '), 'password challenge'
                assert M._shortcmd(base64.b64encode(b'secret').decode()).startswith(b'+OK'), 'login'
                assert M.stat()[0] == 1
                M.quit()
                M = poplib.POP3_SSL('127.0.0.1', port, context=notls)
                assert M._shortcmd('AUTH PLAIN') == b'+ ', 'challenge'
                try:
                    M._shortcmd('*')
                    raise SystemExit('cancel accepted')
                except poplib.error_proto as e:
                    assert 'cancelled' in str(e), e
                M.quit()
                print('done')
                """);
        assertTrue(out.contains("done"), out);
    }

    @Test
    void commandsSentAheadOfStlsAreDropped() throws Exception {
        int port = server("starttls", true, Map.of());
        String out = python(port, """
                M = poplib.POP3('127.0.0.1', port)
                M.sock.sendall(b'STLS\\r\\nUSER alice\\r\\n')
                assert M.file.readline() == b'+OK Begin TLS negotiation\\r\\n'
                M.sock = notls.wrap_socket(M.sock)
                M.file = M.sock.makefile('rb')
                try:
                    M.pass_('secret')
                    raise SystemExit('USER sent before TLS was kept')
                except poplib.error_proto as e:
                    assert 'PASS needs USER first' in str(e), e
                M.user('alice')
                assert M.pass_('secret').startswith(b'+OK'), 'login'
                M.quit()
                print('done')
                """);
        assertTrue(out.contains("done"), out);
    }

    @Test
    void largeMessageByteExact() throws Exception {
        StringBuilder b = new StringBuilder("From: big@example.net\r\nSubject: big\r\n\r\n");
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 60_000; i++) {
            b.append(i % 50 == 0 ? "." : "");
            for (int j = 0; j < 76; j++) {
                b.append((char) ('a' + random.nextInt(26)));
            }
            b.append("\r\n");
        }
        String big = b.toString();
        deliver(big);
        java.nio.file.Files.writeString(dir.resolve("big.eml"), big);
        int port = server("none", true, Map.of());
        String out = python(port, """
                expected = open('%s', 'rb').read()
                M = poplib.POP3('127.0.0.1', port)
                M.user('alice'); M.pass_('secret')
                assert M.stat() == (1, len(expected)), M.stat()
                resp, lines, octets = M.retr(1)
                assert b'\\r\\n'.join(lines) + b'\\r\\n' == expected, 'differs'
                M.quit()
                print('done')
                """.formatted(dir.resolve("big.eml")));
        assertTrue(out.contains("done"), out);
    }

    /** The message as a Python bytes literal. */
    private static String pyBytes(String s) {
        return "b'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\r", "\\r").replace("\n", "\\n") + "'";
    }
}
