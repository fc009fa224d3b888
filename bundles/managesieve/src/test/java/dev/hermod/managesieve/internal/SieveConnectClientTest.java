package dev.hermod.managesieve.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A real client: sieve-connect (Debian package {@code sieve-connect}, Perl) uploads, lists, activates,
 * downloads, checks, deactivates and deletes a script over STARTTLS with PLAIN; each step is checked in
 * SieveScripts.
 */
class SieveConnectClientTest extends ManageSieveTestSupport {

    private static final Path SIEVE_CONNECT = Path.of("/usr/bin/sieve-connect");

    private static final String SCRIPT = "require [\"fileinto\", \"imap4flags\"];\n"
            + "# Grüße\n"
            + "if address :is \"from\" \"boss@example.org\" {\n"
            + "  addflag \"\\\\Flagged\";\n"
            + "} elsif header :contains \"subject\" \"[list]\" {\n"
            + "  fileinto \"Lists\";\n"
            + "}\n";

    /** Runs sieve-connect with the password on file descriptor 3; returns its output, or fails on exit status. */
    private String sieveConnect(int port, boolean succeed, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(SIEVE_CONNECT.toString(), "--server", "127.0.0.1", "--port",
                Integer.toString(port), "--user", "alice", "--passwordfd", "3", "--notlsverify"));
        command.addAll(List.of(args));
        StringBuilder shell = new StringBuilder("exec");
        for (String a : command) {
            shell.append(" '").append(a.replace("'", "'\\''")).append('\'');
        }
        shell.append(" 3<<<secret");
        Process p = new ProcessBuilder("/bin/bash", "-c", shell.toString()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        assertEquals(succeed, p.exitValue() == 0, String.join(" ", args) + ": " + out);
        return out;
    }

    @Test
    void uploadListActivateDownloadDelete() throws Exception {
        assumeTrue(Files.isExecutable(SIEVE_CONNECT), "sieve-connect is not installed (apt-get install sieve-connect)");
        int port = server("starttls", false, Map.of());
        Path local = dir.resolve("rules.sieve");
        Files.writeString(local, SCRIPT);

        sieveConnect(port, true, "--upload", "--localsieve", local.toString(), "--remotesieve", "rules");
        assertEquals(SCRIPT, scripts.get("alice", "rules").orElseThrow());

        sieveConnect(port, true, "--activate", "--remotesieve", "rules");
        assertEquals("rules", scripts.active("alice").orElseThrow().name());
        String list = sieveConnect(port, true, "--list");
        assertTrue(list.contains("\"rules\" ACTIVE"), list);

        Path downloaded = dir.resolve("downloaded.sieve");
        sieveConnect(port, true, "--download", "--remotesieve", "rules", "--localsieve", downloaded.toString());
        assertEquals(SCRIPT, Files.readString(downloaded));

        sieveConnect(port, true, "--checkscript", "--localsieve", local.toString());
        Path bad = dir.resolve("bad.sieve");
        Files.writeString(bad, "fileinto \"x\";\n");
        String refused = sieveConnect(port, false, "--upload", "--localsieve", bad.toString(), "--remotesieve", "bad");
        assertTrue(refused.contains("fileinto"), refused);
        assertTrue(scripts.get("alice", "bad").isEmpty());

        // the active script cannot be deleted; deactivated, it can
        sieveConnect(port, false, "--delete", "--remotesieve", "rules");
        assertTrue(scripts.get("alice", "rules").isPresent());
        sieveConnect(port, true, "--deactivate");
        assertTrue(scripts.active("alice").isEmpty());
        sieveConnect(port, true, "--delete", "--remotesieve", "rules");
        assertTrue(scripts.list("alice").isEmpty());
    }
}
