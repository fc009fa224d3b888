package dev.hermod.smtp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.blob.BlobStore;
import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.MessageEntry;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.blob.fs.internal.FsBlobStore;
import dev.hermod.core.internal.ProviderRegistry;
import dev.hermod.core.internal.TestRegistries;
import dev.hermod.core.internal.auth.DirectoryAuthenticator;
import dev.hermod.core.internal.delivery.CommandStageFilters;
import dev.hermod.core.internal.delivery.LocalDelivery;
import dev.hermod.core.internal.filterstate.FilterStateStore;
import dev.hermod.core.internal.mail.MailStoreComponent;
import dev.hermod.sieve.internal.TrustedSieveFilter;
import dev.hermod.store.sqlite.internal.SqliteStoreComponent;
import dev.hermod.testing.Components;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Greylisting end to end: the shipped greylist.sieve as the trusted Sieve script at RCPT, over the real core
 * (filter state in SQLite), driven by Python's smtplib.
 */
class GreylistingTest {

    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    private KeyValueStore kv;
    private MailStoreComponent store;
    private LocalDelivery delivery;
    private DirectoryAuthenticator auth;
    private ProviderRegistry registry;
    private FilterStateStore state;
    private final List<SmtpServer> servers = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        kv = new SqliteStoreComponent(Components.config(SqliteStoreComponent.Config.class,
                Map.of("path", dir.resolve("metadata.sqlite").toString())), Components.bundleContext(Map.of(), dir));
        BlobStore blobs = new FsBlobStore(Components.config(FsBlobStore.Config.class,
                Map.of("directory", dir.resolve("blobs").toString())), Components.bundleContext(Map.of(), dir));
        registry = TestRegistries.create(kv, blobs, new SmtpEndToEndTest.Users());
        store = new MailStoreComponent(registry, Components.config(MailStoreComponent.Config.class, Map.of()));
        delivery = new LocalDelivery(registry, store, Components.config(LocalDelivery.Config.class, Map.of()));
        auth = new DirectoryAuthenticator(registry, Components.config(DirectoryAuthenticator.Config.class, Map.of()));
        state = new FilterStateStore(registry);

        // the shipped script, with a delay of 2 seconds instead of 300
        String script;
        try (InputStream in = TrustedSieveFilter.class.getResourceAsStream("/greylist.sieve")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(script.contains("set \"delay\" \"300\";"), script);
        Path file = dir.resolve("greylist.sieve");
        Files.writeString(file, script.replace("set \"delay\" \"300\";", "set \"delay\" \"2\";"));
        TrustedSieveFilter greylist = new TrustedSieveFilter(state, Components.config(TrustedSieveFilter.Config.class,
                Map.of("script.rcpt", file.toString(), "hostname", "mx.example.org")));
        // the stages of its service property: MAIL tells it the sender, RCPT runs the script
        TestRegistries.addFilter(registry, greylist, "sieve.trusted", 50, "connect", "ehlo", "mail", "rcpt",
                "data");
    }

    @AfterEach
    void stop() {
        servers.forEach(SmtpServer::deactivate);
        deactivate(state);
        deactivate(store);
        deactivate(kv);
    }

    private int server(String protocol, String security) throws Exception {
        Map<String, Object> config = new HashMap<>(Map.of("protocol", protocol, "host", "127.0.0.1", "port", 0,
                "security", security, "hostname", "mx.example.org", "message.max.size", 10_000L));
        SmtpServer server = new SmtpServer(Components.config(SmtpServer.Config.class, config), config, delivery, auth,
                new CommandStageFilters(registry));
        servers.add(server);
        return server.address().getPort();
    }

    private static void deactivate(Object component) {
        try {
            Method m = component.getClass().getDeclaredMethod("deactivate");
            m.setAccessible(true);
            m.invoke(component);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a Python script with {@code port} bound; returns its output. */
    private String python(String ports, String script) throws Exception {
        Path file = dir.resolve("client.py");
        Files.writeString(file, "import smtplib, socket, ssl, time\nsocket.setdefaulttimeout(20)\n" + ports + "\n"
                + script);
        Process p = new ProcessBuilder(PYTHON, file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private int inbox(String account) {
        MailAccount mail = store.account(account);
        List<MessageEntry> entries = mail.view(mail.mailbox(MailboxRole.INBOX).orElseThrow().id()).entries();
        return entries.size();
    }

    @Test
    void firstAttemptsAreDeferredTheRetryAfterTheDelayPassesAuthenticatedSendersAreExempt() throws Exception {
        int mta = server("smtp", "none");
        int submission = server("submission", "starttls");
        String out = python("mta = " + mta + "\nsubmission = " + submission, """
                msg = b'From: x@sender.example\\r\\nTo: alice@example.org\\r\\nSubject: hello\\r\\n\\r\\nbody\\r\\n'

                def attempt(sender='x@sender.example', rcpt='alice@example.org'):
                    s = smtplib.SMTP('127.0.0.1', mta)
                    s.ehlo('client.example')
                    code, m = s.mail(sender)
                    assert code == 250, (code, m)
                    code, m = s.rcpt(rcpt)
                    if code == 250:
                        code2, m2 = s.data(msg)
                        assert code2 == 250, (code2, m2)
                    s.quit()
                    return code, m

                code, m = attempt()
                print('first', code, m)
                assert code == 451 and m.startswith(b'4.7.1 Greylisted'), (code, m)
                code, m = attempt()
                print('retry', code, m)
                assert code == 451 and m.startswith(b'4.7.1'), (code, m)
                # another triplet (other recipient) is greylisted on its own
                code, m = attempt(rcpt='bob@example.org')
                assert code == 451, (code, m)
                time.sleep(3.2)
                code, m = attempt()
                print('after the delay', code, m)
                assert code == 250, (code, m)
                # known now: accepted at once
                code, m = attempt()
                assert code == 250, (code, m)

                # an authenticated client is not greylisted
                s = smtplib.SMTP('127.0.0.1', submission)
                s.ehlo('laptop.example')
                ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
                s.starttls(context=ctx)
                s.ehlo('laptop.example')
                s.login('alice', 'secret')
                refused = s.sendmail('alice@example.org', ['bob@example.org'],
                                     b'From: alice@example.org\\r\\nTo: bob@example.org\\r\\nSubject: hi\\r\\n\\r\\nx\\r\\n')
                assert refused == {}, refused
                s.quit()
                print('authenticated accepted')
                """);
        assertTrue(out.contains("authenticated accepted"), out);
        assertEquals(2, inbox("alice"), "the retry after the delay and the next message");
        assertEquals(1, inbox("bob"), "the authenticated sender's message, not delayed");
    }
}
