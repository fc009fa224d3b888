package dev.hermod.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenLDAP {@code slapd} for tests, in a temporary directory, listening on 127.0.0.1 only: plain LDAP
 * (with StartTLS) on {@link #port()} and LDAPS on {@link #tlsPort()}, with a self-signed certificate for
 * {@code IP:127.0.0.1} only ({@link #caCertificate()}), so a client that connects to {@code localhost} instead
 * must fail its host name check.
 *
 * <pre>{@code
 * SlapdServer ldap = SlapdServer.shared();   // started once per JVM with the fixture below
 * ldap.ldapUrl();                            // ldap://127.0.0.1:<port>
 * ldap.ldapadd("dn: uid=new,ou=people,dc=example,dc=org\nobjectClass: inetOrgPerson\n...");
 * }</pre>
 *
 * <p><b>Server.</b> A generated {@code slapd.conf}: the {@code mdb} backend for {@value #SUFFIX}; the core,
 * cosine, inetorgperson, nis and dyngroup schemas from {@code /etc/ldap/schema}; {@link #SCHEMA}, a small
 * test schema for mail attributes; the {@code ppolicy} overlay (for {@code pwdAccountLockedTime}, without a
 * default policy, so it enforces nothing) and the {@code dynlist} overlay computing {@code memberOf} for
 * {@code groupOfNames} (unlike the {@code memberof} overlay, it also covers entries loaded with
 * {@code slapadd}). ACL: {@code userPassword} is readable only by {@link #SERVICE_DN} (and the root DN);
 * anonymous clients may only bind with it; everything else is readable by everyone. Entries are loaded with
 * {@code slapadd} before the start; {@link #ldapadd}, {@link #ldapmodify} and {@link #ldapdelete} change them
 * while it runs, as {@link #rootDn()}.
 *
 * <p><b>Programs.</b> Debian's {@code slapd} and {@code ldap-utils} and {@code openssl}. Install them with
 * {@value #INSTALL_HINT}; the preseed keeps the package from configuring a system instance. If they are
 * missing, {@link #start()} throws with that hint: tests that need LDAP fail rather than skip. {@code slapd}
 * runs as the current user (as root too: it needs no privilege on unprivileged ports) in the foreground
 * ({@code -d 256}, its log in {@link #log()}), and is stopped by its own process id: SIGTERM, then SIGKILL
 * after 10 s. A JVM shutdown hook stops servers never closed.
 *
 * <p><b>Fixture</b> ({@link #FIXTURE_LDIF}), all under {@value #SUFFIX}, whose entry lists the local domains
 * {@code example.org} and {@code example.net} in {@code associatedDomain}:
 * <table>
 *   <caption>Fixture entries</caption>
 *   <tr><th>entry</th><th>password</th><th>what</th></tr>
 *   <tr><td>{@code uid=jane,ou=people}</td><td>{@value #JANE_PASSWORD} ({SSHA})</td><td>mail
 *       {@code jane@example.org}, aliases {@code j.doe@example.org} and {@code jane@example.net}, quota
 *       1 GiB, description {@code Jane Doe}, member of staff and support</td></tr>
 *   <tr><td>{@code uid=bob,ou=people}</td><td>{@value #BOB_PASSWORD} ({SHA})</td><td>mail
 *       {@code bob@example.org}, alias {@code jane+bob@example.org} (an exact address that looks like
 *       sub-addressing)</td></tr>
 *   <tr><td>{@code uid=carol,ou=people}</td><td>{@value #CAROL_PASSWORD} (cleartext)</td><td>mail
 *       {@code carol@example.org}</td></tr>
 *   <tr><td>{@code uid=dora,ou=people}</td><td>{@value #DORA_PASSWORD} ({SSHA})</td><td>locked:
 *       {@code pwdAccountLockedTime: 000001010000Z}; mail {@code dora@example.org}</td></tr>
 *   <tr><td>{@code uid=erin,ou=people}</td><td>{@value #ERIN_PASSWORD} ({SSHA})</td><td>{@code mailEnabled:
 *       FALSE}; mail {@code erin@example.org}</td></tr>
 *   <tr><td>{@code uid=jurgen,ou=people}</td><td>{@value #JURGEN_PASSWORD} ({SSHA})</td><td>second uid
 *       {@code jürgen}; mail {@code jurgen@example.org}</td></tr>
 *   <tr><td>{@code uid=weird,ou=people}</td><td>{@value #WEIRD_PASSWORD} ({SSHA})</td><td>second uid
 *       {@value #WEIRD_UID} (filter metacharacters)</td></tr>
 *   <tr><td>{@code uid=postmaster,ou=people}</td><td>{@value #POSTMASTER_PASSWORD} ({SSHA})</td><td>mail
 *       {@code postmaster@example.org}, catch-all alias {@code @example.org}</td></tr>
 *   <tr><td>{@code cn=staff,ou=groups}</td><td></td><td>{@code groupOfNames}, mail
 *       {@code staff@example.org}: jane, bob</td></tr>
 *   <tr><td>{@code cn=all,ou=groups}</td><td></td><td>{@code groupOfNames}, mail {@code all@example.org}:
 *       staff, carol, and itself (a cycle)</td></tr>
 *   <tr><td>{@code cn=support,ou=groups}</td><td></td><td>{@code groupOfNames} + {@code hermodSharedMailbox},
 *       mail {@code support@example.org}: jane</td></tr>
 *   <tr><td>{@link #SERVICE_DN}</td><td>{@link #SERVICE_PASSWORD}</td><td>the account a directory binds
 *       as; may read {@code userPassword}</td></tr>
 * </table>
 */
public final class SlapdServer implements AutoCloseable {

    /** The naming context. */
    public static final String SUFFIX = "dc=example,dc=org";
    /** The service account a directory provider binds as; it may read {@code userPassword}. */
    public static final String SERVICE_DN = "cn=hermod,ou=services," + SUFFIX;
    /** {@link #SERVICE_DN}'s password. */
    public static final String SERVICE_PASSWORD = "hermod-service-pw";
    public static final String JANE_PASSWORD = "jane-pw";
    public static final String BOB_PASSWORD = "bob-pw";
    public static final String CAROL_PASSWORD = "carol-pw";
    public static final String DORA_PASSWORD = "dora-pw";
    public static final String ERIN_PASSWORD = "erin-pw";
    /** Non-ASCII, with a quote and a space. */
    public static final String JURGEN_PASSWORD = "pässwört \"ü\"";
    /** Filter metacharacters, in a password too. */
    public static final String WEIRD_PASSWORD = "p*(w)\\d";
    public static final String POSTMASTER_PASSWORD = "postmaster-pw";
    /** The second {@code uid} of {@code uid=weird}: every filter metacharacter. */
    public static final String WEIRD_UID = "we*ird(1)\\";

    /** How to install the programs, on Debian. */
    public static final String INSTALL_HINT = "echo 'slapd slapd/no_configuration boolean true' | debconf-set-selections"
            + " && apt-get install -y slapd ldap-utils openssl";

    /** The test schema: {@code mailAlias}, {@code mailQuota}, {@code mailEnabled} and two auxiliary classes. */
    public static final String SCHEMA = """
            # Hermod test schema, under OpenLDAP's experimental arc 1.3.6.1.4.1.4203.666 (tests only).
            attributetype ( 1.3.6.1.4.1.4203.666.100.1.1 NAME 'mailAlias'
              DESC 'Another address of the entry, or @domain for a catch-all'
              EQUALITY caseIgnoreIA5Match SUBSTR caseIgnoreIA5SubstringsMatch
              SYNTAX 1.3.6.1.4.1.1466.115.121.1.26{256} )
            attributetype ( 1.3.6.1.4.1.4203.666.100.1.2 NAME 'mailQuota'
              DESC 'Most bytes the mailbox may hold'
              EQUALITY integerMatch ORDERING integerOrderingMatch
              SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )
            attributetype ( 1.3.6.1.4.1.4203.666.100.1.3 NAME 'mailEnabled'
              DESC 'FALSE disables the account'
              EQUALITY booleanMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.7 SINGLE-VALUE )
            objectclass ( 1.3.6.1.4.1.4203.666.100.2.1 NAME 'hermodMailRecipient' SUP top AUXILIARY
              MAY ( mail $ mailAlias $ mailQuota $ mailEnabled ) )
            objectclass ( 1.3.6.1.4.1.4203.666.100.2.2 NAME 'hermodSharedMailbox' SUP top AUXILIARY
              MAY ( mail $ mailAlias $ mailQuota ) )
            """;

    /** The entries of {@link #shared()}, described in the class documentation. */
    public static final String FIXTURE_LDIF = fixture();

    private static final String HOST = "127.0.0.1";
    private static final String ROOT_DN = "cn=admin," + SUFFIX;
    private static final int LOG_TAIL_LINES = 40;
    private static final int START_ATTEMPTS = 3;
    private static final long START_TIMEOUT_MILLIS = 20_000;

    private static SlapdServer shared;

    private final Path directory;
    private final Path log;
    private final Path config;
    private final Path rootPasswordFile;
    private final String rootPassword;
    private final Programs programs;
    private Process process;
    private int port;
    private int tlsPort;
    private Thread shutdownHook;
    private boolean closed;

    private SlapdServer(Path directory, Programs programs, String ldif) throws IOException {
        this.directory = directory;
        this.programs = programs;
        this.log = directory.resolve("slapd.log");
        this.config = directory.resolve("slapd.conf");
        this.rootPasswordFile = directory.resolve("root.pw");
        this.rootPassword = PeerSupport.randomPassword();
        Files.createDirectories(directory.resolve("data"));
        Files.writeString(rootPasswordFile, rootPassword, StandardCharsets.US_ASCII);
        Files.writeString(directory.resolve("hermod.schema"), SCHEMA, StandardCharsets.US_ASCII);
        run(60, programs.openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", directory.resolve("key.pem").toString(), "-out", caCertificate().toString(), "-days", "7",
                "-subj", "/CN=" + HOST, "-addext", "subjectAltName=IP:" + HOST);
        Files.writeString(config, slapdConf(), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        Path data = directory.resolve("fixture.ldif");
        Files.writeString(data, ldif, StandardCharsets.UTF_8);
        run(120, programs.slapadd, "-q", "-f", config.toString(), "-l", data.toString());
        startOnFreePorts();
        shutdownHook = new Thread(this::stop, "slapd-stop-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * The server shared by every test of this JVM, loaded with {@link #FIXTURE_LDIF}, started on first use and
     * stopped when the JVM exits. Tests that change entries use names of their own.
     *
     * @return the running server, never {@code null}
     * @throws IllegalStateException if slapd is not installed or does not start; the message says why, with
     *                               the end of its log
     */
    public static synchronized SlapdServer shared() {
        if (shared == null || shared.closed || !shared.process.isAlive()) {
            shared = start(FIXTURE_LDIF);
        }
        return shared;
    }

    /**
     * Starts a new server with {@link #FIXTURE_LDIF}, which the caller closes.
     *
     * @return the running server, never {@code null}
     * @throws IllegalStateException if slapd is not installed or does not start
     */
    public static SlapdServer start() {
        return start(FIXTURE_LDIF);
    }

    /**
     * Starts a new server loaded with {@code ldif} (entries under {@value #SUFFIX}, the suffix entry
     * first), which the caller closes.
     *
     * @param ldif the entries, not {@code null}
     * @return the running server, never {@code null}
     * @throws IllegalStateException if slapd is not installed, the LDIF does not load, or slapd does not start
     */
    public static SlapdServer start(String ldif) {
        Programs programs = Programs.find();
        Path directory;
        try {
            directory = Files.createTempDirectory("hermod-slapd-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for slapd", e);
        }
        try {
            return new SlapdServer(directory, programs, ldif);
        } catch (IOException e) {
            PeerSupport.deleteTree(directory);
            throw new UncheckedIOException("cannot prepare " + directory + " for slapd", e);
        } catch (RuntimeException e) {
            PeerSupport.deleteTree(directory);
            throw e;
        }
    }

    /** @return {@code 127.0.0.1} */
    public String host() {
        return HOST;
    }

    /** @return the plain LDAP port (StartTLS available) */
    public int port() {
        return port;
    }

    /** @return the LDAPS port */
    public int tlsPort() {
        return tlsPort;
    }

    /** @return {@code ldap://127.0.0.1:<port>} */
    public String ldapUrl() {
        return "ldap://" + HOST + ":" + port;
    }

    /** @return {@code ldaps://127.0.0.1:<tlsPort>} */
    public String ldapsUrl() {
        return "ldaps://" + HOST + ":" + tlsPort;
    }

    /** @return the server's self-signed certificate (PEM), to trust */
    public Path caCertificate() {
        return directory.resolve("cert.pem");
    }

    /** @return {@value #SUFFIX} */
    public String suffix() {
        return SUFFIX;
    }

    /** @return the root DN, which may do anything */
    public String rootDn() {
        return ROOT_DN;
    }

    /** @return the root DN's password (random) */
    public String rootPassword() {
        return rootPassword;
    }

    /** @return the process id of slapd */
    public long pid() {
        return process.pid();
    }

    /** @return slapd's log (its {@code -d 256} output) */
    public Path log() {
        return log;
    }

    /** @return whether slapd runs */
    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Adds entries with {@code ldapadd}, as the root DN.
     *
     * @param ldif the entries
     * @throws IllegalStateException with ldapadd's output if it fails
     */
    public void ldapadd(String ldif) {
        ldapTool(programs.ldapadd, ldif);
    }

    /**
     * Applies changes with {@code ldapmodify} ({@code changetype:} records), as the root DN.
     *
     * @param ldif the change records
     * @throws IllegalStateException with ldapmodify's output if it fails
     */
    public void ldapmodify(String ldif) {
        ldapTool(programs.ldapmodify, ldif);
    }

    /**
     * Deletes entries with {@code ldapdelete}, as the root DN.
     *
     * @param dns the entries' DNs
     * @throws IllegalStateException with ldapdelete's output if it fails
     */
    public void ldapdelete(String... dns) {
        List<String> command = new ArrayList<>(List.of(programs.ldapdelete, "-x", "-H", ldapUrl(), "-D", ROOT_DN, "-y",
                rootPasswordFile.toString()));
        command.addAll(List.of(dns));
        run(60, command.toArray(String[]::new));
    }

    /** Stops the server and deletes its directory; idempotent. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs or ran
        }
    }

    /** Stops slapd by its process id but keeps its directory, so that {@link #restart()} can start it again. */
    public synchronized void stopProcess() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /**
     * Starts slapd again after {@link #stopProcess()}, on the same ports.
     *
     * @throws IllegalStateException if it does not start
     */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("the server was closed");
        }
        if (!isRunning() && !launch(port, tlsPort)) {
            throw new IllegalStateException("slapd did not start again on " + port + "/" + tlsPort + ":\n" + logTail());
        }
    }

    private synchronized void stop() {
        if (closed) {
            return;
        }
        closed = true;
        stopProcess();
        PeerSupport.deleteTree(directory);
    }

    private void ldapTool(String program, String ldif) {
        Path file = directory.resolve("change-" + System.nanoTime() + ".ldif");
        try {
            Files.writeString(file, ldif, StandardCharsets.UTF_8);
            run(60, program, "-x", "-H", ldapUrl(), "-D", ROOT_DN, "-y", rootPasswordFile.toString(), "-f",
                    file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // left in the temp directory, deleted with it
            }
        }
    }

    private String slapdConf() {
        String d = directory.toString();
        return String.join("\n",
                "include /etc/ldap/schema/core.schema",
                "include /etc/ldap/schema/cosine.schema",
                "include /etc/ldap/schema/inetorgperson.schema",
                "include /etc/ldap/schema/nis.schema",
                "include /etc/ldap/schema/dyngroup.schema",
                "include " + d + "/hermod.schema",
                "pidfile " + d + "/slapd.pid",
                "argsfile " + d + "/slapd.args",
                "TLSCertificateFile " + d + "/cert.pem",
                "TLSCertificateKeyFile " + d + "/key.pem",
                "modulepath /usr/lib/ldap",
                "moduleload back_mdb",
                "moduleload ppolicy",
                "moduleload dynlist",
                "database mdb",
                "maxsize 67108864",
                "suffix \"" + SUFFIX + "\"",
                "rootdn \"" + ROOT_DN + "\"",
                "rootpw " + rootPassword,
                "directory " + d + "/data",
                "index objectClass eq",
                "index uid,cn,mail,mailAlias,associatedDomain,member eq",
                "overlay ppolicy",
                "overlay dynlist",
                "dynlist-attrset groupOfURLs memberURL member+memberOf@groupOfNames",
                "access to attrs=userPassword",
                "  by dn.exact=\"" + SERVICE_DN + "\" read",
                "  by anonymous auth",
                "  by * none",
                "access to *",
                "  by * read",
                "");
    }

    private void startOnFreePorts() {
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int plain = PeerSupport.freePort(HOST);
            int tls = PeerSupport.freePort(HOST);
            if (plain != tls && launch(plain, tls)) {
                port = plain;
                tlsPort = tls;
                return;
            }
            if (!logTail().contains("Address already in use")) {
                break;
            }
        }
        throw new IllegalStateException("slapd did not start (" + programs.slapd + ", config " + config + "):\n--- last "
                + "lines of " + log + " ---\n" + logTail());
    }

    private boolean launch(int plain, int tls) {
        String urls = "ldap://" + HOST + ":" + plain + "/ ldaps://" + HOST + ":" + tls + "/";
        ProcessBuilder builder = new ProcessBuilder(programs.slapd, "-f", config.toString(), "-h", urls, "-d", "256")
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + programs.slapd, e);
        }
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            if (accepts(plain) && accepts(tls)) {
                return true;
            }
            sleep(50);
        }
        stopProcess();
        return false;
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String logTail() {
        try {
            if (!Files.exists(log)) {
                return "(no log)";
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private String run(long timeoutSeconds, String... command) {
        Path output = null;
        try {
            output = Files.createTempFile(directory, "exec-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            // ldap-utils: no ~/.ldaprc or /etc/ldap/ldap.conf
            builder.environment().put("LDAPNOINIT", "1");
            builder.environment().put("LC_ALL", "C");
            Process p = builder.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeoutSeconds
                        + " s:\n" + Files.readString(output, StandardCharsets.UTF_8));
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed with status " + p.exitValue()
                        + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command[0], e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // deleted with the directory
                }
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for slapd", e);
        }
    }




    /**
     * {@code {SSHA}} (salted SHA-1) of a password as OpenLDAP writes it: base64 of the digest of password and
     * salt, followed by the salt.
     *
     * @param password the password
     * @param salt     the salt, e.g. 8 bytes
     * @return {@code {SSHA}...}
     */
    public static String ssha(String password, byte[] salt) {
        return "{SSHA}" + Base64.getEncoder().encodeToString(concat(digest("SHA-1", password, salt), salt));
    }

    /**
     * {@code {SHA}} (unsalted SHA-1) of a password, as OpenLDAP writes it.
     *
     * @param password the password
     * @return {@code {SHA}...}
     */
    public static String sha(String password) {
        return "{SHA}" + Base64.getEncoder().encodeToString(digest("SHA-1", password, new byte[0]));
    }

    private static byte[] digest(String algorithm, String password, byte[] salt) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            md.update(password.getBytes(StandardCharsets.UTF_8));
            md.update(salt);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String fixture() {
        byte[] salt = "hermod!!".getBytes(StandardCharsets.US_ASCII);
        String people = "ou=people," + SUFFIX;
        String groups = "ou=groups," + SUFFIX;
        return String.join("\n",
                "dn: " + SUFFIX,
                "objectClass: dcObject",
                "objectClass: organization",
                "objectClass: domainRelatedObject",
                "dc: example",
                "o: Example",
                "associatedDomain: example.org",
                "associatedDomain: example.net",
                "",
                "dn: ou=people," + SUFFIX,
                "objectClass: organizationalUnit",
                "ou: people",
                "",
                "dn: ou=groups," + SUFFIX,
                "objectClass: organizationalUnit",
                "ou: groups",
                "",
                "dn: ou=services," + SUFFIX,
                "objectClass: organizationalUnit",
                "ou: services",
                "",
                "dn: " + SERVICE_DN,
                "objectClass: organizationalRole",
                "objectClass: simpleSecurityObject",
                "cn: hermod",
                "userPassword: " + ssha(SERVICE_PASSWORD, salt),
                "",
                "dn: uid=jane," + people,
                "objectClass: inetOrgPerson",
                "objectClass: hermodMailRecipient",
                "uid: jane",
                "cn: Jane Doe",
                "sn: Doe",
                "description: Jane Doe",
                "mail: jane@example.org",
                "mailAlias: j.doe@example.org",
                "mailAlias: jane@example.net",
                "mailQuota: 1073741824",
                "userPassword: " + ssha(JANE_PASSWORD, salt),
                "",
                "dn: uid=bob," + people,
                "objectClass: inetOrgPerson",
                "objectClass: hermodMailRecipient",
                "uid: bob",
                "cn: Bob",
                "sn: B",
                "mail: bob@example.org",
                "mailAlias: jane+bob@example.org",
                "userPassword: " + sha(BOB_PASSWORD),
                "",
                "dn: uid=carol," + people,
                "objectClass: inetOrgPerson",
                "uid: carol",
                "cn: Carol",
                "sn: C",
                "mail: carol@example.org",
                "userPassword: " + CAROL_PASSWORD,
                "",
                "dn: uid=dora," + people,
                "objectClass: inetOrgPerson",
                "uid: dora",
                "cn: Dora",
                "sn: D",
                "mail: dora@example.org",
                "pwdAccountLockedTime: 000001010000Z",
                "userPassword: " + ssha(DORA_PASSWORD, salt),
                "",
                "dn: uid=erin," + people,
                "objectClass: inetOrgPerson",
                "objectClass: hermodMailRecipient",
                "uid: erin",
                "cn: Erin",
                "sn: E",
                "mail: erin@example.org",
                "mailEnabled: FALSE",
                "userPassword: " + ssha(ERIN_PASSWORD, salt),
                "",
                "dn: uid=jurgen," + people,
                "objectClass: inetOrgPerson",
                "uid: jurgen",
                "uid:: " + b64("jürgen"),
                "cn: Jurgen",
                "sn: J",
                "mail: jurgen@example.org",
                "userPassword: " + ssha(JURGEN_PASSWORD, salt),
                "",
                "dn: uid=weird," + people,
                "objectClass: inetOrgPerson",
                "uid: weird",
                "uid:: " + b64(WEIRD_UID),
                "cn: Weird",
                "sn: W",
                "mail: weird@example.org",
                "userPassword: " + ssha(WEIRD_PASSWORD, salt),
                "",
                "dn: uid=postmaster," + people,
                "objectClass: inetOrgPerson",
                "objectClass: hermodMailRecipient",
                "uid: postmaster",
                "cn: Postmaster",
                "sn: P",
                "mail: postmaster@example.org",
                "mailAlias: @example.org",
                "userPassword: " + ssha(POSTMASTER_PASSWORD, salt),
                "",
                "dn: cn=staff," + groups,
                "objectClass: groupOfNames",
                "objectClass: hermodMailRecipient",
                "cn: staff",
                "description: All staff",
                "mail: staff@example.org",
                "member: uid=jane," + people,
                "member: uid=bob," + people,
                "",
                "dn: cn=all," + groups,
                "objectClass: groupOfNames",
                "objectClass: hermodMailRecipient",
                "cn: all",
                "mail: all@example.org",
                "member: cn=staff," + groups,
                "member: uid=carol," + people,
                "member: cn=all," + groups,
                "",
                "dn: cn=support," + groups,
                "objectClass: groupOfNames",
                "objectClass: hermodSharedMailbox",
                "cn: support",
                "description: Support desk",
                "mail: support@example.org",
                "member: uid=jane," + people,
                "");
    }

    /** The programs, found on {@code PATH} or in Debian's {@code /usr/sbin} and {@code /usr/bin}. */
    private record Programs(String slapd, String slapadd, String ldapadd, String ldapmodify, String ldapdelete,
                            String openssl) {

        static Programs find() {
            List<String> missing = new ArrayList<>();
            Programs p = new Programs(locate("slapd", missing), locate("slapadd", missing), locate("ldapadd", missing),
                    locate("ldapmodify", missing), locate("ldapdelete", missing), locate("openssl", missing));
            if (!missing.isEmpty()) {
                throw new IllegalStateException("OpenLDAP programs not found: " + String.join(", ", missing)
                        + " (looked on PATH, in /usr/sbin and /usr/bin). The LDAP tests need a real slapd: "
                        + INSTALL_HINT);
            }
            return p;
        }

        private static String locate(String name, List<String> missing) {
            List<String> dirs = new ArrayList<>();
            String path = System.getenv("PATH");
            if (path != null) {
                dirs.addAll(List.of(path.split(":")));
            }
            dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin"));
            for (String dir : dirs) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
            missing.add(name);
            return name;
        }
    }
}
