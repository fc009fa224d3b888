package dev.hermod.dkim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Verifies messages with an independent DKIM implementation: dkimpy's module (Debian package {@code python3-dkim};
 * Ed25519 needs {@code python3-nacl}), its key records given as master-file lines instead of fetched from DNS.
 */
final class DkimpyVerifier {

    static final Path PYTHON = Path.of("/usr/bin/python3");

    // argv: message file, records file. Prints one result per DKIM-Signature, top first: True, False or error: ...
    private static final String SCRIPT = """
            import re, sys, dkim
            msg = open(sys.argv[1], 'rb').read()
            records = {}
            for line in open(sys.argv[2], encoding='ascii'):
                if line.strip():
                    name = line.split()[0].rstrip('.').lower()
                    records[name] = ''.join(re.findall(r'"([^"]*)"', line)).encode()
            def dnsfunc(name, timeout=5):
                return records.get(name.decode().rstrip('.').lower())
            count = len([1 for k, v in dkim.DKIM(msg).headers if k.lower() == b'dkim-signature'])
            out = []
            for i in range(count):
                try:
                    out.append(str(dkim.DKIM(msg).verify(idx=i, dnsfunc=dnsfunc)))
                except Exception as e:
                    out.append('error:' + str(e).replace(' ', '_'))
            print(' '.join(out))
            """;

    private DkimpyVerifier() {
    }

    /** Fails (never skips) when dkimpy or PyNaCl is missing. */
    static void require() throws Exception {
        assertTrue(Files.isExecutable(PYTHON), PYTHON + " is missing: install python3, python3-dkim and python3-nacl");
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import dkim, nacl").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "dkimpy with Ed25519 support is missing: apt-get install python3-dkim"
                + " python3-nacl (" + out.strip() + ")");
    }

    /**
     * @param message the signed message
     * @param records the key records, one master-file line each ({@code name IN TXT "..." "..."})
     * @return per signature, top first: {@code True}, {@code False} or {@code error:...}
     */
    static List<String> verify(byte[] message, List<String> records, Path dir) throws Exception {
        Path m = Files.createTempFile(dir, "message", ".eml");
        Path r = Files.createTempFile(dir, "records", ".txt");
        Files.write(m, message);
        Files.writeString(r, String.join("\n", records) + "\n");
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", SCRIPT, m.toString(), r.toString()).start();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.getErrorStream().transferTo(err);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "dkimpy did not finish");
        assertEquals(0, p.exitValue(), "dkimpy failed: " + err.toString(StandardCharsets.UTF_8));
        return out.isBlank() ? List.of() : Arrays.asList(out.strip().split(" "));
    }
}
