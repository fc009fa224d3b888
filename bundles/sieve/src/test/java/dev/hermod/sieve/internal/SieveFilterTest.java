package dev.hermod.sieve.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.filter.DeliveryContext;
import dev.hermod.api.filter.MessageContent;
import dev.hermod.api.filter.Verdict;
import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.Envelope;
import dev.hermod.api.mail.ReversePath;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class SieveFilterTest {

    private static final SieveCompiler COMPILER = new SieveCompiler(SieveLimits.DEFAULT);
    private static final Map<String, SieveScript> SCRIPTS = Map.of(
            "jane", COMPILER.compile("jane", """
                    require ["fileinto", "envelope", "subaddress"];
                    if envelope :detail "to" "lists" { fileinto "Lists"; }
                    elsif envelope :is "from" "" { discard; }
                    """),
            "broken", COMPILER.compile("broken", "require [\"reject\"]; keep; reject \"x\";"));

    private final List<String> errors = new ArrayList<>();
    private final SieveFilter filter = new SieveFilter(a -> Optional.ofNullable(SCRIPTS.get(a)),
            new SieveInterpreter(SieveLimits.DEFAULT, SieveEnvironment.DEFAULT), Clock.systemUTC(), errors::add);

    private static DeliveryContext delivery(String account, String from, String to, boolean unreadable) {
        byte[] bytes = "From: a@example.com\r\nSubject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        Address rcpt = Address.parse(to);
        Envelope env = Envelope.of(from.isEmpty() ? ReversePath.NULL : ReversePath.of(Address.parse(from)), List.of(rcpt));
        MessageContent content = new MessageContent() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public InputStream open() throws IOException {
                if (unreadable) {
                    throw new IOException("spool gone");
                }
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public List<String> header(String name) {
                return List.of();
            }
        };
        return new DeliveryContext() {
            @Override
            public Envelope envelope() {
                return env;
            }

            @Override
            public Address recipient() {
                return rcpt;
            }

            @Override
            public String account() {
                return account;
            }

            @Override
            public MessageContent content() {
                return content;
            }
        };
    }

    @Test
    void noScriptProceeds() {
        assertEquals(Verdict.proceed(), filter.onDelivery(delivery("bob", "a@example.com", "bob@example.org", false)));
    }

    @Test
    void scriptSeesTheRecipientWithItsDetail() {
        assertEquals(Verdict.fileInto("Lists"),
                filter.onDelivery(delivery("jane", "a@example.com", "jane+lists@example.org", false)));
        assertEquals(Verdict.proceed(), filter.onDelivery(delivery("jane", "a@example.com", "jane@example.org", false)));
    }

    @Test
    void nullSenderIsTheEmptyString() {
        assertEquals(Verdict.discard(), filter.onDelivery(delivery("jane", "", "jane@example.org", false)));
    }

    @Test
    void failedScriptKeepsTheMessageAndReports() {
        assertEquals(Verdict.proceed(), filter.onDelivery(delivery("broken", "a@example.com", "x@example.org", false)));
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains("broken"));
    }

    @Test
    void unreadableMessageIsATemporaryFailure() {
        assertThrows(UncheckedIOException.class,
                () -> filter.onDelivery(delivery("jane", "a@example.com", "jane@example.org", true)));
    }
}
