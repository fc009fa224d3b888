package dev.hermod.migration.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.imap.internal.ImapServer;
import dev.hermod.testing.Components;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What an IMAP client sees of an account, as text: every mailbox (LIST with attributes, STATUS), and per
 * message UID, FLAGS, INTERNALDATE, RFC822.SIZE and the SHA-256 of BODY[], read with Python's imaplib.
 */
final class ImapDump {

    private ImapDump() {
    }

    static ImapServer start(TestServer server) throws Exception {
        Map<String, Object> config = new HashMap<>(Map.of("protocol", "imap", "host", "127.0.0.1", "port", 0,
                "security", "none", "hostname", "imap.example.org", "workers", 2));
        return new ImapServer(Components.config(ImapServer.Config.class, config), config, server.store, server.auth);
    }

    static String dump(int port, String user, Path dir) throws Exception {
        Path script = dir.resolve("dump-" + port + "-" + user + ".py");
        Files.writeString(script, """
                import imaplib, hashlib, re, sys
                m = imaplib.IMAP4('127.0.0.1', %d)
                m.login('%s', 'secret')
                typ, boxes = m.list()
                names = []
                for line in boxes:
                    line = line.decode()
                    print('LIST', line)
                    names.append(re.match(r'\\((.*?)\\) "(.*?)" (.*)', line).group(3))
                for name in sorted(names):
                    typ, st = m.status(name, '(MESSAGES UIDNEXT UIDVALIDITY UNSEEN)')
                    print('STATUS', st[0].decode())
                    typ, data = m.select(name, readonly=True)
                    if int(data[0]) == 0:
                        continue
                    typ, data = m.uid('FETCH', '1:*', '(FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[])')
                    for item in data:
                        if isinstance(item, tuple):
                            meta = re.sub(r'^\\d+ ', '', item[0].decode()).replace(' BODY[] {%%d}' %% len(item[1]), '')
                            print('MSG', meta.replace('\\Recent ', '').replace(' \\Recent', ''), hashlib.sha256(item[1]).hexdigest())
                m.logout()
                """.formatted(port, user));
        Process p = new ProcessBuilder("python3", script.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
