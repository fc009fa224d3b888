package dev.hermod.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A private Postfix instance for tests, from a temporary tree, its SMTP server on 127.0.0.1 only: a real MTA
 * to relay mail into Hermod (over SMTP or LMTP) and to measure Hermod against.
 *
 * <pre>{@code
 * try (PostfixServer postfix = PostfixServer.builder().relayTo("127.0.0.1", hermodPort).start()) {
 *     postfix.sendmail("x@sender.example", List.of("alice@example.org"), message);   // or SMTP to postfix.port()
 *     postfix.awaitEmptyQueue(Duration.ofSeconds(30));
 * }
 * PostfixServer.builder().lmtpTo("127.0.0.1", lmtpPort).relayDomains("example.org").start();
 * }</pre>
 *
 * <p><b>Instance.</b> Its own {@code config_directory} ({@code postfix -c <dir>/etc}), {@code queue_directory},
 * {@code data_directory} and log file ({@code maillog_file}, {@link #log()}) under one temporary directory;
 * nothing of the system's {@code /etc/postfix/main.cf} or {@code /var/spool/postfix} is read or written, so it
 * runs beside a system Postfix (which it does not need) and beside other instances. {@code mail_owner} is
 * {@code postfix}; {@code inet_interfaces = loopback-only}, {@code inet_protocols = ipv4}; the only
 * {@code inet} service is {@code smtpd} on a free port ({@link #port()}); no daemon is chrooted.
 * {@code mydestination} is empty and local delivery is an error: every recipient goes to the transport
 * chosen with {@link Builder#relayTo} ({@code smtp:[host]:port}) or {@link Builder#lmtpTo}
 * ({@code lmtp:inet:host:port}), via a {@code transport_maps} entry {@code *}. Clients from 127.0.0.0/8
 * may relay ({@code permit_mynetworks}); {@link Builder#relayDomains} also lets others send to those domains.
 * {@code smtputf8_enable = yes}, {@code compatibility_level = 3.6}, and {@code local_header_rewrite_clients}
 * empty, so mail received over SMTP is relayed with its header as sent (plus Postfix's {@code Received}).
 * Retries of deferred mail come after 1 s, so a test that starts the next hop late waits little; other
 * performance settings are Postfix's defaults. {@link Builder#set} adds or overrides any {@code main.cf}
 * parameter. Off unless chosen: STARTTLS with a self-signed certificate ({@link Builder#tls}), SMTP AUTH through
 * a Dovecot auth service ({@link Builder#saslAuthDovecot}) and per-recipient answers to {@code RCPT TO}
 * ({@link Builder#recipientAccess}).
 *
 * <p><b>Programs.</b> Debian's {@code postfix} package, installed with {@value #INSTALL_HINT} (the preseed
 * keeps the package from configuring a system mailer; its service is not started by this class). Postfix's
 * master must start as root (it drops to {@code mail_owner}); the temporary tree is root-owned and not
 * group- or world-writable (Postfix refuses otherwise), the queue and data directories belong to
 * {@code postfix} ({@code postfix check} creates and sets the queue's subdirectories). Without root or the
 * programs, {@link Builder#start()} throws saying so. {@link #close()} runs {@code postfix stop} (which
 * waits, then kills the master), checks the master's process id is gone and deletes the tree; a JVM shutdown
 * hook does the same for instances never closed.
 */
public final class PostfixServer implements AutoCloseable {

    /** How to install Postfix on Debian without configuring a system mailer. */
    public static final String INSTALL_HINT = "echo 'postfix postfix/main_mailer_type select No configuration'"
            + " | debconf-set-selections && DEBIAN_FRONTEND=noninteractive apt-get install -y postfix";
    /** The name Postfix greets with and uses in its {@code Received} fields. */
    public static final String DEFAULT_HOSTNAME = "mta.example.test";

    private static final String HOST = "127.0.0.1";
    private static final int START_ATTEMPTS = 3;
    private static final int LOG_TAIL_LINES = 40;

    private final Path directory;
    private final Path etc;
    private final Path queue;
    private final Path log;
    private final Path postfix;
    private final Path postqueue;
    private final Path sendmail;
    private final Map<String, String> parameters;
    private final int port;
    private final long masterPid;
    private final Path tlsCertificate;
    private final boolean tlsService;
    private final Thread shutdownHook;
    private boolean closed;

    /** Options of a new instance; {@link #start()} starts it. */
    public static final class Builder {
        private final Map<String, String> extra = new LinkedHashMap<>();
        private String transport;
        private List<String> relayDomains = List.of();
        private String hostname = DEFAULT_HOSTNAME;
        private boolean tls;
        private List<String> tlsNames = List.of();
        private String saslPath;
        private final Map<String, String> recipientAccess = new LinkedHashMap<>();

        private Builder() {}

        /** Relays mail for every recipient domain over SMTP to {@code host:port} (no MX lookup). */
        public Builder relayTo(String host, int port) {
            transport = "smtp:[" + host + "]:" + port;
            return this;
        }

        /** Delivers mail for every recipient domain over LMTP to {@code host:port}. */
        public Builder lmtpTo(String host, int port) {
            transport = "lmtp:inet:" + host + ":" + port;
            return this;
        }

        /** Domains any client may send to ({@code relay_domains}); clients on 127.0.0.0/8 may send anywhere. */
        public Builder relayDomains(String... domains) {
            relayDomains = List.of(domains);
            return this;
        }

        /** {@code myhostname}; default {@value #DEFAULT_HOSTNAME}. */
        public Builder hostname(String name) {
            hostname = name;
            return this;
        }

        /**
         * Offers STARTTLS ({@code smtpd_tls_security_level = may}) with a new self-signed RSA certificate made by
         * {@code openssl} for the subject names {@code DNS:<hostname>}, {@code IP:127.0.0.1} and any given here
         * (as {@code DNS:} names); {@link PostfixServer#tlsCertificate()} is its PEM file, for clients to trust.
         */
        public Builder tls(String... extraDnsNames) {
            tls = true;
            tlsNames = List.of(extraDnsNames);
            return this;
        }

        /**
         * Lets clients authenticate with SMTP AUTH through a Dovecot auth service listening on {@code host:port}
         * ({@code smtpd_sasl_type = dovecot}, {@code smtpd_sasl_path = inet:host:port}; see
         * {@code DovecotServer.Builder.authListener()}); AUTH is offered only after STARTTLS when {@link #tls} is
         * on ({@code smtpd_tls_auth_only}). Relaying is then allowed to authenticated clients only
         * ({@code smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination}): clients on
         * 127.0.0.0/8 no longer relay without AUTH, except to {@link #relayDomains}.
         */
        public Builder saslAuthDovecot(String host, int port) {
            saslPath = "inet:" + host + ":" + port;
            return this;
        }

        /**
         * Answers {@code RCPT TO} for one recipient with an action of Postfix's {@code access(5)} table (e.g.
         * {@code 451 4.2.0 Try later} or {@code REJECT}), through {@code smtpd_recipient_restrictions =
         * check_recipient_access texthash:...}; may be called for several recipients.
         */
        public Builder recipientAccess(String address, String action) {
            recipientAccess.put(address, action);
            return this;
        }

        /** Sets a {@code main.cf} parameter, overriding this class's value. */
        public Builder set(String parameter, String value) {
            extra.put(parameter, value);
            return this;
        }

        /**
         * Starts the instance.
         *
         * @return the running instance, which the caller closes
         * @throws IllegalStateException if no transport was chosen, Postfix is missing, the JVM is not root, or
         *                               it does not start (the message includes the end of its log)
         */
        public PostfixServer start() {
            if (transport == null) {
                throw new IllegalStateException("choose where Postfix sends mail: relayTo(host, port) or lmtpTo(host, port)");
            }
            return PostfixServer.start(this);
        }
    }

    private PostfixServer(Path directory, Builder options, Path postfix, Path postqueue, Path sendmail) throws IOException {
        this.directory = directory;
        this.etc = directory.resolve("etc");
        this.queue = directory.resolve("spool");
        this.log = directory.resolve("maillog");
        this.postfix = postfix;
        this.postqueue = postqueue;
        this.sendmail = sendmail;
        this.tlsCertificate = options.tls ? etc.resolve("tls-cert.pem") : null;
        this.tlsService = options.tls;
        this.parameters = mainCf(options);
        prepareTree(options);
        int[] started = startOnFreePort();
        this.port = started[0];
        this.masterPid = started[1];
        this.shutdownHook = new Thread(this::stop, "postfix-stop-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** @return a builder of a new instance */
    public static Builder builder() {
        return new Builder();
    }

    private static PostfixServer start(Builder options) {
        Path postfix = PeerPrograms.find("postfix");
        Path postqueue = PeerPrograms.find("postqueue");
        Path sendmail = Files.isExecutable(Path.of("/usr/sbin/sendmail")) ? Path.of("/usr/sbin/sendmail")
                : PeerPrograms.find("sendmail");
        if (postfix == null || postqueue == null || sendmail == null) {
            throw new IllegalStateException("Postfix programs not found (postfix, postqueue, sendmail on PATH or in"
                    + " /usr/sbin); the tests need a real Postfix: " + INSTALL_HINT);
        }
        Path directory;
        try {
            directory = Files.createTempDirectory(Path.of("/tmp"), "hermod-postfix-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for Postfix", e);
        }
        try {
            if (!PeerPrograms.runsAsRoot(directory)) {
                throw new IllegalStateException("Postfix's master must start as root (it then runs as postfix);"
                        + " run the tests that need Postfix as root");
            }
            return new PostfixServer(directory, options, postfix, postqueue, sendmail);
        } catch (IOException e) {
            PeerSupport.deleteTree(directory);
            throw new UncheckedIOException("cannot prepare " + directory + " for Postfix", e);
        } catch (RuntimeException e) {
            PeerSupport.deleteTree(directory);
            throw e;
        }
    }

    /** @return {@code 127.0.0.1} */
    public String host() {
        return HOST;
    }

    /** @return the port of Postfix's SMTP server */
    public int port() {
        return port;
    }

    /** @return the configuration directory, for {@code postfix -c}, {@code postqueue -c}, {@code sendmail -C} */
    public Path configDirectory() {
        return etc;
    }

    /** @return the temporary tree holding configuration, queue, data and log */
    public Path directory() {
        return directory;
    }

    /**
     * @return the PEM file of the self-signed certificate Postfix offers with STARTTLS
     * @throws IllegalStateException if the instance was built without {@link Builder#tls}
     */
    public Path tlsCertificate() {
        if (tlsCertificate == null) {
            throw new IllegalStateException("this Postfix offers no TLS: build it with tls()");
        }
        return tlsCertificate;
    }

    /** @return Postfix's log file */
    public Path log() {
        return log;
    }

    /** @return the master daemon's process id */
    public long pid() {
        return masterPid;
    }

    /**
     * Injects a message with Postfix's {@code sendmail -C <dir> -i -f from -- to...} (a local submission:
     * Postfix adds a {@code Received} field and any missing {@code Date}, {@code Message-ID} or {@code From}).
     * CRLF line ends are accepted: Postfix stores LF and sends CRLF.
     *
     * @return Postfix's output (normally empty)
     * @throws IllegalStateException if sendmail fails
     */
    public String sendmail(String from, List<String> recipients, byte[] message) {
        Path file = null;
        try {
            file = Files.createTempFile(directory, "inject-", ".eml");
            Files.write(file, message);
            List<String> command = new ArrayList<>(List.of(sendmail.toString(), "-C", etc.toString(), "-i", "-f", from, "--"));
            command.addAll(recipients);
            return PeerPrograms.check(directory, file, 60, command);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the message for sendmail", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // deleted with the tree
                }
            }
        }
    }

    /** Asks Postfix to try every queued message now ({@code postqueue -c <dir> -f}). */
    public void flush() {
        PeerPrograms.check(directory, null, 60, List.of(postqueue.toString(), "-c", etc.toString(), "-f"));
    }

    /** @return the queue listing of {@code postqueue -c <dir> -p}, with the reasons for deferred mail */
    public String queueListing() {
        return PeerPrograms.check(directory, null, 60, List.of(postqueue.toString(), "-c", etc.toString(), "-p"));
    }

    /** @return how many messages are queued (from {@code postqueue -j}, one JSON object per message) */
    public int queued() {
        String json = PeerPrograms.check(directory, null, 60, List.of(postqueue.toString(), "-c", etc.toString(), "-j"));
        return (int) json.lines().filter(line -> line.startsWith("{")).count();
    }

    /**
     * Flushes and waits until the queue is empty.
     *
     * @throws IllegalStateException on time-out, with the queue listing and the end of the log
     */
    public void awaitEmptyQueue(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextFlush = 0;
        while (queued() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Postfix's queue is not empty after " + timeout + ":\n" + queueListing()
                        + "\n--- last lines of " + log + " ---\n" + PeerPrograms.tail(log, LOG_TAIL_LINES));
            }
            if (System.nanoTime() > nextFlush) {
                flush();
                nextFlush = System.nanoTime() + 1_000_000_000L;
            }
            PeerPrograms.sleep(50);
        }
    }

    /** @return the end of Postfix's log, for failure messages */
    public String logTail() {
        return PeerPrograms.tail(log, LOG_TAIL_LINES);
    }

    /** Stops Postfix and deletes its tree; idempotent. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs or ran
        }
    }

    private synchronized void stop() {
        if (closed) {
            return;
        }
        closed = true;
        stopMaster(masterPid);
        PeerSupport.deleteTree(directory);
    }

    /** {@code postfix stop} waits up to 5 s, then kills the master's process group; SIGKILL if it is still there. */
    private void stopMaster(long pid) {
        PeerPrograms.run(directory, null, 60, List.of(postfix.toString(), "-c", etc.toString(), "stop"));
        long deadline = System.currentTimeMillis() + 10_000;
        while (PostgresServer.isRunning(pid) && System.currentTimeMillis() < deadline) {
            PeerPrograms.sleep(20);
        }
        if (PostgresServer.isRunning(pid)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private Map<String, String> mainCf(Builder options) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("compatibility_level", "3.6");
        p.put("queue_directory", directory.resolve("spool").toString());
        p.put("data_directory", directory.resolve("data").toString());
        p.put("mail_owner", "postfix");
        p.put("setgid_group", "postdrop");
        p.put("myhostname", options.hostname);
        p.put("mydomain", "example.test");
        p.put("myorigin", "$myhostname");
        p.put("inet_interfaces", "loopback-only");
        p.put("inet_protocols", "ipv4");
        p.put("mydestination", "");
        p.put("mynetworks", "127.0.0.0/8");
        p.put("relay_domains", String.join(", ", options.relayDomains));
        p.put("smtpd_relay_restrictions", "permit_mynetworks, reject_unauth_destination");
        p.put("local_transport", "error:5.1.1 local delivery is disabled");
        p.put("alias_maps", "");
        p.put("alias_database", "");
        p.put("local_recipient_maps", "");
        p.put("transport_maps", "texthash:" + directory.resolve("etc/transport"));
        p.put("smtputf8_enable", "yes");
        p.put("local_header_rewrite_clients", "");
        p.put("biff", "no");
        p.put("maillog_file", directory.resolve("maillog").toString());
        p.put("maillog_file_prefixes", directory.toString());
        p.put("syslog_name", "postfix-hermod-test");
        p.put("queue_run_delay", "1s");
        p.put("minimal_backoff_time", "1s");
        p.put("maximal_backoff_time", "2s");
        p.put("smtp_tls_security_level", "none");
        p.put("lmtp_tls_security_level", "none");
        p.put("smtpd_tls_security_level", "none");
        if (options.tls) {
            p.put("smtpd_tls_security_level", "may");
            p.put("smtpd_tls_cert_file", etc.resolve("tls-cert.pem").toString());
            p.put("smtpd_tls_key_file", etc.resolve("tls-key.pem").toString());
            p.put("smtpd_tls_auth_only", "yes");
        }
        if (options.saslPath != null) {
            p.put("smtpd_sasl_auth_enable", "yes");
            p.put("smtpd_sasl_type", "dovecot");
            p.put("smtpd_sasl_path", options.saslPath);
            p.put("smtpd_relay_restrictions", "permit_sasl_authenticated, reject_unauth_destination");
        }
        if (!options.recipientAccess.isEmpty()) {
            p.put("smtpd_recipient_restrictions", "check_recipient_access texthash:" + etc.resolve("recipient_access"));
        }
        p.putAll(options.extra);
        return p;
    }

    private void prepareTree(Builder options) throws IOException {
        String transport = options.transport;
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (Path d : List.of(etc, queue, directory.resolve("data"))) {
            Files.createDirectories(d);
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path data = directory.resolve("data");
        UserPrincipalLookupService users = FileSystems.getDefault().getUserPrincipalLookupService();
        Files.setOwner(data, users.lookupPrincipalByName("postfix"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        writeConfig(etc.resolve("transport"), "* " + transport + "\n");
        if (!options.recipientAccess.isEmpty()) {
            StringBuilder access = new StringBuilder();
            options.recipientAccess.forEach((address, action) -> access.append(address).append(' ').append(action).append('\n'));
            writeConfig(etc.resolve("recipient_access"), access.toString());
        }
        if (options.tls) {
            makeCertificate(options);
        }
        StringBuilder main = new StringBuilder("# Private Postfix instance of Hermod's tests\n");
        parameters.forEach((k, v) -> main.append(k).append(" = ").append(v).append('\n'));
        writeConfig(etc.resolve("main.cf"), main.toString());
    }

    /** A self-signed RSA certificate and its key (mode 600, read by smtpd as root before it drops privileges). */
    private void makeCertificate(Builder options) throws IOException {
        Path openssl = PeerPrograms.find("openssl");
        if (openssl == null) {
            throw new IllegalStateException("openssl not found; Postfix's TLS certificate is made with it: apt-get install -y openssl");
        }
        StringBuilder names = new StringBuilder("subjectAltName=DNS:" + options.hostname + ",IP:" + HOST);
        for (String name : options.tlsNames) {
            names.append(",DNS:").append(name);
        }
        Path key = etc.resolve("tls-key.pem");
        PeerPrograms.check(directory, null, 120, List.of(openssl.toString(), "req", "-x509", "-newkey", "rsa:2048",
                "-nodes", "-days", "2", "-subj", "/CN=" + options.hostname, "-addext", names.toString(),
                "-keyout", key.toString(), "-out", tlsCertificate.toString()));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(tlsCertificate, PosixFilePermissions.fromString("rw-r--r--"));
    }

    private static void writeConfig(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }

    /** master.cf: smtpd on {@code port}, and the services the queue manager and clients need, none chrooted; tlsmgr with TLS. */
    private String masterCf(int port) {
        String services = String.join("\n",
                "# service type private unpriv chroot wakeup maxproc command",
                HOST + ":" + port + " inet n - n - - smtpd",
                "pickup     unix  n - n 60   1 pickup",
                "cleanup    unix  n - n -    0 cleanup",
                "qmgr       unix  n - n 300  1 qmgr",
                "rewrite    unix  - - n -    - trivial-rewrite",
                "bounce     unix  - - n -    0 bounce",
                "defer      unix  - - n -    0 bounce",
                "trace      unix  - - n -    0 bounce",
                "verify     unix  - - n -    1 verify",
                "flush      unix  n - n 1000? 0 flush",
                "proxymap   unix  - - n -    - proxymap",
                "proxywrite unix  - - n -    1 proxymap",
                "smtp       unix  - - n -    - smtp",
                "relay      unix  - - n -    - smtp",
                "showq      unix  n - n -    - showq",
                "error      unix  - - n -    - error",
                "retry      unix  - - n -    - error",
                "discard    unix  - - n -    - discard",
                "lmtp       unix  - - n -    - lmtp",
                "anvil      unix  - - n -    1 anvil",
                "scache     unix  - - n -    1 scache",
                "postlog    unix-dgram n - n - 1 postlogd",
                "");
        // The TLS session cache and PRNG service smtpd uses when it offers STARTTLS.
        return tlsService ? services + "tlsmgr     unix  - - n 1000? 1 tlsmgr\n" : services;
    }

    /** @return the port and the master's process id */
    private int[] startOnFreePort() throws IOException {
        String failure = "";
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int candidate = PeerSupport.freePort(HOST);
            writeConfig(etc.resolve("master.cf"), masterCf(candidate));
            if (attempt == 1) {
                // Creates the queue's subdirectories with their owners and modes.
                PeerPrograms.check(directory, null, 120, List.of(postfix.toString(), "-c", etc.toString(), "check"));
            }
            Exec.Result started = PeerPrograms.run(directory, null, 120,
                    List.of(postfix.toString(), "-c", etc.toString(), "start"));
            Optional<Long> pid = masterPid();
            if (started.status() == 0 && pid.isPresent() && awaitPort(candidate, pid.get())) {
                return new int[] {candidate, (int) (long) pid.get()};
            }
            failure = started.output();
            pid.ifPresent(this::stopMaster);
            if (!PeerPrograms.tail(log, LOG_TAIL_LINES).contains("Address already in use")) {
                break;
            }
        }
        throw new IllegalStateException("Postfix did not start (" + postfix + " -c " + etc + "): " + failure
                + "\n--- last lines of " + log + " ---\n" + PeerPrograms.tail(log, LOG_TAIL_LINES));
    }

    private boolean awaitPort(int port, long pid) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline && PostgresServer.isRunning(pid)) {
            if (PeerPrograms.accepts(HOST, port)) {
                return true;
            }
            PeerPrograms.sleep(50);
        }
        return false;
    }

    private Optional<Long> masterPid() {
        try {
            return Optional.of(Long.parseLong(Files.readString(queue.resolve("pid/master.pid")).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
