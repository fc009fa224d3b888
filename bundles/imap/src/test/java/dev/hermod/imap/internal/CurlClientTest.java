package dev.hermod.imap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** curl's IMAP client for basic reads: list, fetch by UID, search, examine, over plain text and STARTTLS. */
class CurlClientTest extends ImapTestSupport {

    private static String curl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20", "-u", "alice:secret"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void listFetchSearch() throws Exception {
        int port = server("starttls", Map.of());
        deliver("alice", "INBOX", SIMPLE);
        deliver("alice", "INBOX", MULTIPART);
        String base = "imap://127.0.0.1:" + port;
        String list = curl(base + "/");
        assertTrue(list.contains("* LIST (\\HasNoChildren) \"/\" INBOX") && list.contains("\\Sent"), list);
        assertEquals(SIMPLE, curl(base + "/INBOX;UID=1"));
        assertEquals("See the attachment.", curl(base + "/INBOX;UID=2/;SECTION=1"));
        assertTrue(curl(base + "/INBOX", "-X", "SEARCH SUBJECT report").contains("* SEARCH 2"));
        assertTrue(curl(base + "/INBOX", "-X", "EXAMINE INBOX").contains("* 2 EXISTS"));
        String tls = curl("--ssl-reqd", "-k", base + "/INBOX;UID=1;SECTION=HEADER.FIELDS%20(SUBJECT)");
        assertEquals("Subject: Hello there\r\n\r\n", tls);
    }
}
