package dev.hermod.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A private rspamd (Debian package {@code rspamd}) for tests: a temporary configuration with only proxy workers
 * in milter mode that scan by themselves ({@code self_scan}), no Redis, no network (DNS goes to a closed port),
 * and the milter_headers module adding {@code X-Spamd-Result}, {@code X-Rspamd-Queue-Id} and
 * {@code X-Spam-Status} to every message. Two milter listeners: {@link #port()} rejects what rspamd would
 * reject; {@link #quarantinePort()} quarantines it instead ({@code SMFIR_QUARANTINE}).
 */
public final class RspamdServer implements AutoCloseable {

    private final Path dir;
    private final PeerDaemon daemon;
    private final int port;
    private final int quarantinePort;

    private RspamdServer(Path dir, PeerDaemon daemon, int port, int quarantinePort) {
        this.dir = dir;
        this.daemon = daemon;
        this.port = port;
        this.quarantinePort = quarantinePort;
    }

    /**
     * Starts rspamd with its configuration, state and log in {@code dir}, and waits (up to two minutes: it
     * compiles its rules at start) until both milter listeners accept connections.
     *
     * @param dir an empty working directory
     * @return the running server
     * @throws IllegalStateException with rspamd's output if it is not installed or does not start
     */
    public static RspamdServer start(Path dir) throws IOException, InterruptedException {
        int port = PeerDaemon.freePort();
        int quarantinePort = PeerDaemon.freePort();
        Files.createDirectories(dir.resolve("local.d"));
        Files.writeString(dir.resolve("rspamd.conf"), """
                .include "$CONFDIR/common.conf"
                options {
                    pidfile = "$RUNDIR/rspamd.pid";
                    .include "$CONFDIR/options.inc"
                    .include(try=true; priority=1,duplicate=merge) "$LOCAL_CONFDIR/local.d/options.inc"
                }
                logging {
                    type = "file";
                    filename = "$RUNDIR/rspamd.log";
                    level = "notice";
                }
                worker "rspamd_proxy" {
                    milter = yes;
                    bind_socket = "127.0.0.1:%d";
                    timeout = 60s;
                    count = 1;
                    upstream "local" { default = yes; self_scan = yes; }
                }
                worker "rspamd_proxy" {
                    milter = yes;
                    bind_socket = "127.0.0.1:%d";
                    timeout = 60s;
                    count = 1;
                    quarantine_on_reject = true;
                    upstream "local" { default = yes; self_scan = yes; }
                }
                """.formatted(port, quarantinePort));
        Files.writeString(dir.resolve("local.d/options.inc"), """
                dns { nameserver = ["127.0.0.1:1"]; timeout = 1s; retransmits = 1; }
                """);
        Files.writeString(dir.resolve("local.d/milter_headers.conf"), """
                use = ["x-spamd-result", "x-rspamd-queue-id", "x-spam-status"];
                skip_local = false;
                skip_authenticated = false;
                """);
        List<String> command = new ArrayList<>(List.of(PeerDaemon.program("rspamd"), "-f", "-c",
                dir.resolve("rspamd.conf").toString(), "--var", "RUNDIR=" + dir, "--var", "DBDIR=" + dir,
                "--var", "LOCAL_CONFDIR=" + dir));
        if (PeerDaemon.root()) {
            command.addAll(List.of("-u", "root", "-g", "root"));
        }
        PeerDaemon daemon = PeerDaemon.start(dir, command);
        try {
            daemon.awaitPort(port, 120);
            daemon.awaitPort(quarantinePort, 30);
        } catch (IOException | RuntimeException | InterruptedException e) {
            daemon.close();
            throw e;
        }
        return new RspamdServer(dir, daemon, port, quarantinePort);
    }

    /** @return the loopback port of the milter listener that rejects spam */
    public int port() {
        return port;
    }

    /** @return the loopback port of the milter listener that quarantines spam instead of rejecting it */
    public int quarantinePort() {
        return quarantinePort;
    }

    /** @return the end of rspamd's log and output, for assertion messages */
    public String log() {
        try {
            Path log = dir.resolve("rspamd.log");
            String text = Files.exists(log) ? Files.readString(log) : "";
            return (text.length() > 6000 ? text.substring(text.length() - 6000) : text) + daemon.output();
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() throws InterruptedException {
        daemon.close();
    }
}
