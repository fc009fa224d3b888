package dev.hermod.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.directory.Credentials;
import dev.hermod.api.directory.Directory;
import dev.hermod.api.directory.PlainCredentials;
import dev.hermod.api.directory.Principal;
import dev.hermod.api.directory.PrincipalType;
import dev.hermod.api.mail.Address;
import dev.hermod.blob.fs.internal.FsBlobStore;
import dev.hermod.core.internal.TestRegistries;
import dev.hermod.core.internal.ProviderRegistry;
import dev.hermod.core.internal.auth.DirectoryAuthenticator;
import dev.hermod.core.internal.crypto.EncryptionKeyStore;
import dev.hermod.core.internal.delivery.CommandStageFilters;
import dev.hermod.core.internal.delivery.LocalDelivery;
import dev.hermod.core.internal.mail.MailStoreComponent;
import dev.hermod.http.internal.HttpTestServer;
import dev.hermod.api.http.HttpHandler;
import dev.hermod.imap.internal.ImapTestAccess;
import dev.hermod.jmap.internal.JmapComponent;
import java.util.Hashtable;
import dev.hermod.smtp.internal.SmtpTestAccess;
import dev.hermod.store.sqlite.internal.SqliteStoreComponent;
import dev.hermod.testing.Components;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Hermod as users meet it, on 127.0.0.1: the real core over SQLite and file-system blobs, the SMTP and IMAP
 * listeners, the HTTP listener with the /crypto form, and this bundle's encryptor. Users alice and bob of
 * example.org, password "secret".
 */
final class TestServer implements AutoCloseable {

    static final class Users implements Directory {
        @Override
        public Optional<Principal> authenticate(Credentials c) {
            return c instanceof PlainCredentials p && p.secret().equals("secret") ? principal(p.name()) : Optional.empty();
        }

        @Override
        public Optional<Principal> principal(String name) {
            return Set.of("alice", "bob").contains(name) ? Optional.of(new Principal(name, PrincipalType.INDIVIDUAL,
                    null, 0, 0, List.of(new Address(name, "example.org")), Set.of(), true)) : Optional.empty();
        }

        @Override
        public Set<String> recipients(Address a) {
            return a.domain().equals("example.org") && principal(a.localPart()).isPresent() ? Set.of(a.localPart())
                    : Set.of();
        }

        @Override
        public boolean isLocalDomain(String domain) {
            return domain.equals("example.org");
        }

        @Override
        public List<Address> expand(String list) {
            return List.of();
        }

        @Override
        public List<Principal> verify(String partial) {
            return List.of();
        }
    }

    private final Path dir;
    private final SqliteStoreComponent kv;
    private final MailStoreComponent store;
    final EncryptionKeyStore keys;
    private final AutoCloseable smtp;
    private final AutoCloseable lmtp;
    private final AutoCloseable imap;
    final HttpTestServer http;
    private final JmapComponent jmap;
    final CryptoPageSwitch page;
    final int smtpPort;
    final int lmtpPort;
    final int imapPort;

    /** @param pageConfig the jmap PID's values for the page, e.g. encryption.enable */
    TestServer(Path dir, Map<String, Object> pageConfig) throws Exception {
        this(dir, pageConfig, Map.of(), true);
    }

    /**
     * @param storeConfig the mailstore PID's values, e.g. encrypt.appends
     * @param plaintext   whether passwords are accepted without TLS (the core's default is no)
     */
    TestServer(Path dir, Map<String, Object> pageConfig, Map<String, Object> storeConfig, boolean plaintext)
            throws Exception {
        this.dir = dir;
        kv = new SqliteStoreComponent(Components.config(SqliteStoreComponent.Config.class,
                Map.of("path", dir.resolve("metadata.sqlite").toString())), Components.bundleContext(Map.of(), dir));
        BlobStore blobs = new FsBlobStore(Components.config(FsBlobStore.Config.class,
                Map.of("directory", dir.resolve("blobs").toString(), "fsync", false)),
                Components.bundleContext(Map.of(), dir));
        ProviderRegistry registry = TestRegistries.create(kv, blobs, new Users());
        keys = new EncryptionKeyStore(registry);
        TestRegistries.bind(registry, new AtRestEncryptor(keys,
                Components.config(AtRestEncryptor.Config.class, Map.of())), "bc");
        store = new MailStoreComponent(registry, Components.config(MailStoreComponent.Config.class, storeConfig));
        LocalDelivery delivery = new LocalDelivery(registry, store,
                Components.config(LocalDelivery.Config.class, Map.of("spool.directory", dir.resolve("spool").toString())));
        DirectoryAuthenticator auth = new DirectoryAuthenticator(registry, Components.config(
                DirectoryAuthenticator.Config.class, Map.of("plaintext.without.tls", plaintext)));
        SmtpTestAccess s = new SmtpTestAccess("smtp", delivery, auth, new CommandStageFilters(registry));
        smtp = s;
        smtpPort = s.port();
        SmtpTestAccess l = new SmtpTestAccess("lmtp", delivery, auth, new CommandStageFilters(registry));
        lmtp = l;
        lmtpPort = l.port();
        ImapTestAccess i = new ImapTestAccess(store, auth);
        imap = i;
        imapPort = i.port();
        http = new HttpTestServer();
        jmap = new JmapComponent(Components.config(JmapComponent.Config.class,
                Map.of("upload.folder", dir.resolve("jmap-uploads").toString())), store, auth);
        Hashtable<String, Object> jmapPaths = new Hashtable<>();
        jmapPaths.put(HttpHandler.PATH, new String[] {"/jmap", "/.well-known/jmap"});
        http.bundleContext().registerService(HttpHandler.class, jmap, jmapPaths);
        page = new CryptoPageSwitch(http.bundleContext(), auth, keys,
                Components.config(CryptoPageSwitch.Config.class, pageConfig));
    }

    String formUrl() {
        return "http://127.0.0.1:" + http.port() + "/crypto";
    }

    String secureFormUrl() {
        return "https://127.0.0.1:" + http.tlsPort() + "/crypto";
    }

    /** Sends a message over SMTP with Python's smtplib. */
    void send(String from, String to, String message) throws Exception {
        Path file = Files.writeString(dir.resolve("message.eml"), message);
        python("import smtplib\n"
                + "with smtplib.SMTP('127.0.0.1', " + smtpPort + ", timeout=20) as s:\n"
                + "    s.sendmail('" + from + "', ['" + to + "'], open(r'" + file + "', 'rb').read())\n");
    }

    /** Delivers a message over LMTP with Python's smtplib. */
    void sendLmtp(String from, String to, String message) throws Exception {
        Path file = Files.writeString(dir.resolve("message.eml"), message);
        python("import smtplib\n"
                + "with smtplib.LMTP('127.0.0.1', " + lmtpPort + ", timeout=20) as s:\n"
                + "    s.sendmail('" + from + "', ['" + to + "'], open(r'" + file + "', 'rb').read())\n");
    }

    /** Adds a message to an account's INBOX with IMAP APPEND (Python's imaplib). */
    void append(String user, String message) throws Exception {
        Path file = Files.writeString(dir.resolve("append.eml"), message);
        python("import imaplib\n"
                + "m = imaplib.IMAP4('127.0.0.1', " + imapPort + ", timeout=20)\n"
                + "m.login('" + user + "', 'secret')\n"
                + "typ, data = m.append('INBOX', None, None, open(r'" + file + "', 'rb').read())\n"
                + "assert typ == 'OK', data\n"
                + "m.logout()\n");
    }

    /** The newest message in an account's INBOX over IMAP with Python's imaplib, and its ENVELOPE's subject. */
    byte[] fetchNewest(String user) throws Exception {
        Path out = dir.resolve("fetched-" + System.nanoTime() + ".eml");
        python("import imaplib\n"
                + "m = imaplib.IMAP4('127.0.0.1', " + imapPort + ", timeout=20)\n"
                + "m.login('" + user + "', 'secret')\n"
                + "typ, data = m.select('INBOX', readonly=True)\n"
                + "n = data[0].decode()\n"
                + "typ, data = m.fetch(n, '(BODY.PEEK[])')\n"
                + "open(r'" + out + "', 'wb').write(data[0][1])\n"
                + "typ, data = m.fetch(n, '(ENVELOPE)')\n"
                + "print(data[0].decode())\n"
                + "m.logout()\n");
        return Files.readAllBytes(out);
    }

    /**
     * The newest message of an account over JMAP with a plain Python client: the session, Email/query and
     * Email/get for its blob id and subject, then the download URL (RFC 8620 §6.2).
     *
     * @return the message's bytes; {@code subject} gets the subject JMAP reports
     */
    byte[] fetchNewestOverJmap(String user, StringBuilder subject) throws Exception {
        Path out = dir.resolve("jmap-" + System.nanoTime() + ".eml");
        String printed = python("import base64, json, urllib.parse, urllib.request\n"
                + "base = 'http://127.0.0.1:" + http.port() + "'\n"
                + "auth = 'Basic ' + base64.b64encode(b'" + user + ":secret').decode()\n"
                + "def call(url, data=None):\n"
                + "    req = urllib.request.Request(url, data=data, headers={'Authorization': auth,"
                + " 'Content-Type': 'application/json'})\n"
                + "    return urllib.request.urlopen(req, timeout=20).read()\n"
                + "session = json.loads(call(base + '/.well-known/jmap'))\n"
                + "acc = session['primaryAccounts']['urn:ietf:params:jmap:mail']\n"
                + "api = urllib.parse.urljoin(base, session['apiUrl'])\n"
                + "req = {'using': ['urn:ietf:params:jmap:core', 'urn:ietf:params:jmap:mail'], 'methodCalls': [\n"
                + "  ['Email/query', {'accountId': acc, 'sort': [{'property': 'receivedAt', 'isAscending': False}],"
                + " 'limit': 1}, 'q'],\n"
                + "  ['Email/get', {'accountId': acc, '#ids': {'resultOf': 'q', 'name': 'Email/query', 'path': '/ids'},"
                + " 'properties': ['blobId', 'subject']}, 'g']]}\n"
                + "resp = json.loads(call(api, json.dumps(req).encode()))\n"
                + "email = resp['methodResponses'][1][1]['list'][0]\n"
                + "url = session['downloadUrl'].replace('{accountId}', urllib.parse.quote(acc, safe=''))"
                + ".replace('{blobId}', urllib.parse.quote(email['blobId'], safe=''))"
                + ".replace('{type}', urllib.parse.quote('message/rfc822', safe=''))"
                + ".replace('{name}', 'message.eml')\n"
                + "open(r'" + out + "', 'wb').write(call(urllib.parse.urljoin(base, url)))\n"
                + "print(email['subject'])\n");
        subject.append(printed.strip());
        return Files.readAllBytes(out);
    }

    /** Adds a message to an account's INBOX with JMAP: upload, then Email/import (RFC 8621 §4.8). */
    void jmapImport(String user, String message) throws Exception {
        Path file = Files.writeString(dir.resolve("import.eml"), message);
        python("import base64, json, urllib.parse, urllib.request\n"
                + "base = 'http://127.0.0.1:" + http.port() + "'\n"
                + "auth = 'Basic ' + base64.b64encode(b'" + user + ":secret').decode()\n"
                + "def call(url, data=None, type='application/json'):\n"
                + "    req = urllib.request.Request(urllib.parse.urljoin(base, url), data=data,"
                + " headers={'Authorization': auth, 'Content-Type': type})\n"
                + "    return json.loads(urllib.request.urlopen(req, timeout=20).read())\n"
                + "session = call('/.well-known/jmap')\n"
                + "acc = session['primaryAccounts']['urn:ietf:params:jmap:mail']\n"
                + "up = call(session['uploadUrl'].replace('{accountId}', urllib.parse.quote(acc, safe='')),"
                + " open(r'" + file + "', 'rb').read(), 'message/rfc822')\n"
                + "using = ['urn:ietf:params:jmap:core', 'urn:ietf:params:jmap:mail']\n"
                + "r = call(session['apiUrl'], json.dumps({'using': using, 'methodCalls': [\n"
                + "  ['Mailbox/query', {'accountId': acc, 'filter': {'role': 'inbox'}}, 'm'],\n"
                + "]}).encode())\n"
                + "inbox = r['methodResponses'][0][1]['ids'][0]\n"
                + "r = call(session['apiUrl'], json.dumps({'using': using, 'methodCalls': [\n"
                + "  ['Email/import', {'accountId': acc, 'emails': {'k1': {'blobId': up['blobId'],"
                + " 'mailboxIds': {inbox: True}}}}, 'i'],\n"
                + "]}).encode())\n"
                + "assert r['methodResponses'][0][1].get('created', {}).get('k1'), r\n");
    }

    /** The IMAP ENVELOPE of the newest message, as imaplib prints it. */
    String envelopeOfNewest(String user) throws Exception {
        return python("import imaplib\n"
                + "m = imaplib.IMAP4('127.0.0.1', " + imapPort + ", timeout=20)\n"
                + "m.login('" + user + "', 'secret')\n"
                + "typ, data = m.select('INBOX', readonly=True)\n"
                + "typ, data = m.fetch(data[0].decode(), '(ENVELOPE)')\n"
                + "print(data[0].decode())\n"
                + "m.logout()\n");
    }

    String python(String script) throws Exception {
        Path file = dir.resolve("client.py");
        Files.writeString(file, "import socket\nsocket.setdefaulttimeout(20)\n" + script);
        Process p = new ProcessBuilder("python3", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    /** Every file of the blob store. */
    List<Path> blobFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("blobs"))) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /** The files a text is found in, among the blob store's and the metadata store's. */
    List<Path> filesContaining(String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        List<Path> candidates = new java.util.ArrayList<>(blobFiles());
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().startsWith("metadata.sqlite")).forEach(candidates::add);
        }
        return candidates.stream().filter(f -> {
            try {
                return indexOf(Files.readAllBytes(f), needle) >= 0;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() throws Exception {
        page.deactivate();
        deactivate(jmap);
        http.close();
        imap.close();
        smtp.close();
        lmtp.close();
        deactivate(store);
        deactivate(kv);
    }

    static void deactivate(Object component) throws ReflectiveOperationException {
        Method m = component.getClass().getDeclaredMethod("deactivate");
        m.setAccessible(true);
        m.invoke(component);
    }
}
