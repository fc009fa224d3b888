package dev.hermod.imap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A driver, not a timed test: a separate client process (Python asyncio, so the server's process holds only
 * the server's side) opens {@code -Dhermod.bench.idle=N} authenticated connections that SELECT INBOX
 * (100 messages) and IDLE; the driver prints what they cost the server's heap and the server process's RSS,
 * then delivers one message and times until every connection has seen its EXISTS. Run with
 * {@code mvn -o -f bundles/imap/pom.xml test-compile surefire:test -Dtest=IdleConnectionsBenchmark
 * -Dhermod.bench.idle=5000}.
 */
@EnabledIfSystemProperty(named = "hermod.bench.idle", matches = "\\d+")
class IdleConnectionsBenchmark extends ImapTestSupport {

    private static final String CLIENTS = """
            import asyncio, resource, sys, time
            port, n = int(sys.argv[1]), int(sys.argv[2])
            soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

            async def until(reader, prefix):
                while True:
                    line = await reader.readline()
                    if not line:
                        raise SystemExit('connection closed')
                    if line.startswith(prefix):
                        return line

            async def connect(gate):
                async with gate:
                    reader, writer = await asyncio.open_connection('127.0.0.1', port)
                    await reader.readline()
                    writer.write(b'a LOGIN alice secret\\r\\n')
                    assert (await until(reader, b'a ')).startswith(b'a OK')
                    writer.write(b's SELECT INBOX\\r\\n')
                    assert (await until(reader, b's ')).startswith(b's OK')
                    writer.write(b'i IDLE\\r\\n')
                    assert (await until(reader, b'+')).startswith(b'+')
                    return reader, writer

            async def main():
                gate = asyncio.Semaphore(64)
                conns = await asyncio.gather(*[connect(gate) for _ in range(n)])
                print('ready', flush=True)
                await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
                t0 = time.monotonic()
                lines = await asyncio.gather(*[until(r, b'* ') for r, w in conns])
                elapsed = (time.monotonic() - t0) * 1000
                assert all(l == b'* 101 EXISTS\\r\\n' for l in lines), set(lines)
                print('fanout %.0f' % elapsed, flush=True)
                for r, w in conns:
                    w.close()

            asyncio.run(main())
            """;

    @Test
    void idleConnections() throws Exception {
        int n = Integer.getInteger("hermod.bench.idle");
        int port = server("none", Map.of("connections.per.ip", 0));
        for (int i = 0; i < 100; i++) {
            deliver("alice", "INBOX", SIMPLE);
        }
        long heapBefore = heap();
        long rssBefore = rss();
        Path script = dir.resolve("idle_clients.py");
        Files.writeString(script, CLIENTS);
        long start = System.nanoTime();
        Process clients = new ProcessBuilder(PYTHON, script.toString(), String.valueOf(port), String.valueOf(n))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(clients.getInputStream(),
                StandardCharsets.UTF_8)); Writer in = clients.outputWriter()) {
            assertEquals("ready", out.readLine());
            double setup = (System.nanoTime() - start) / 1e9;
            long heapAfter = heap();
            long rssAfter = rss();
            in.write("go\n");
            in.flush();
            deliver("alice", "INBOX", SIMPLE);
            String fanOut = out.readLine();
            assertTrue(fanOut != null && fanOut.startsWith("fanout "), fanOut);
            System.out.printf("%n%d connections in IDLE (logged in, INBOX of 100 messages selected), set up in %.1f s%n"
                    + "server heap: %.1f MiB more (%.1f KiB per connection)%n"
                    + "server process RSS: %.1f MiB more (%.1f KiB per connection; clients in another process)%n"
                    + "one delivery to every IDLE session: %s ms until all %d saw EXISTS%n%n", n, setup,
                    (heapAfter - heapBefore) / 1048576.0, (heapAfter - heapBefore) / 1024.0 / n,
                    (rssAfter - rssBefore) / 1048576.0, (rssAfter - rssBefore) / 1024.0 / n,
                    fanOut.substring("fanout ".length()), n);
        } finally {
            if (!clients.waitFor(30, TimeUnit.SECONDS)) {
                clients.destroyForcibly();
            }
        }
    }

    private static long heap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        var memory = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return memory.getUsed();
    }

    private static long rss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        return 0;
    }
}
