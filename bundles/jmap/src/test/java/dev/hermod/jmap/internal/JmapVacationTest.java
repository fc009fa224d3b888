package dev.hermod.jmap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.Envelope;
import dev.hermod.api.mail.ReversePath;
import dev.hermod.api.filter.SessionInfo;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import dev.hermod.api.outbound.QueueEntry;
import dev.hermod.core.internal.TestRegistries;
import dev.hermod.core.internal.filterstate.FilterStateStore;
import dev.hermod.sieve.internal.SieveDeliveryComponent;
import dev.hermod.testing.Components;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A VacationResponse set over JMAP is answered at delivery by the Sieve filter, once per sender. */
class JmapVacationTest extends JmapTestSupport {

    @Test
    void vacationResponseIsHonouredAtDelivery() throws Exception {
        SieveDeliveryComponent sieve = new SieveDeliveryComponent(scripts,
                Components.config(SieveDeliveryComponent.Config.class, Map.of()));
        set(sieve, "queue", queue);
        set(sieve, "state", new FilterStateStore(registry));
        TestRegistries.addFilter(registry, sieve, "sieve", 0, "delivery");

        // The user's own rules, active before the vacation response, keep filing mail while it is on.
        store.account("alice").createMailbox("Food", null, null);
        scripts.put("alice", "rules", "# mine\nrequire [\"fileinto\"];\nrequire \"imap4flags\";\n"
                + "if header :contains \"subject\" \"lunch\" { addflag \"\\\\Flagged\"; fileinto \"Food\"; }\n");
        scripts.activate("alice", "rules");
        call("alice", "VacationResponse/set", "{\"accountId\":\"$A\",\"update\":{\"singleton\":{\"isEnabled\":true,"
                + "\"subject\":\"Out of office\",\"textBody\":\"Back next week.\",\"fromDate\":\"2020-01-01T00:00:00Z\"}}}");
        deliverFrom("friend@remote.example", "Lunch?");
        deliverFrom("friend@remote.example", "Lunch tomorrow?");
        List<QueueEntry> queued = queue.list();
        assertEquals(1, queued.size(), queued.toString());
        assertEquals("friend@remote.example", queued.get(0).recipients().get(0).recipient().toString());
        assertTrue(queued.get(0).from().isNull(), "vacation replies go from <>");
        var food = store.account("alice").find("Food").orElseThrow();
        assertEquals(2, food.messages(), scripts.active("alice").orElseThrow().text());
        assertTrue(store.account("alice").view(food.id()).entries().get(0).keywords().contains("$flagged"));

        // Not before fromDate.
        call("alice", "VacationResponse/set", "{\"accountId\":\"$A\",\"update\":{\"singleton\":{\"fromDate\":\"2099-01-01T00:00:00Z\"}}}");
        deliverFrom("other@remote.example", "Hi");
        assertEquals(1, queue.list().size());
        // Disabled: no reply.
        call("alice", "VacationResponse/set", "{\"accountId\":\"$A\",\"update\":{\"singleton\":{\"isEnabled\":false,\"fromDate\":null}}}");
        deliverFrom("third@remote.example", "Hello");
        assertEquals(1, queue.list().size());
        assertEquals("rules", scripts.active("alice").orElseThrow().name());
    }

    private void deliverFrom(String sender, String subject) throws Exception {
        String message = "From: " + sender + "\r\nTo: alice@example.org\r\nSubject: " + subject + "\r\nMessage-ID: <"
                + subject.hashCode() + "@remote.example>\r\n\r\nHello.\r\n";
        // As the SMTP listener hands over a message received from another server.
        delivery.deliver(new Envelope(ReversePath.of(Address.parse(sender)), List.of(Address.parse("alice@example.org")),
                Map.of(), "mx.remote.example", InetAddress.getLoopbackAddress(), null),
                new SessionInfo(new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000), "mx.remote.example", null,
                        false, "mta", "t" + subject.hashCode()),
                new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)), null, List.of());
    }

    private static void set(Object target, String field, Object value) throws ReflectiveOperationException {
        var f = target.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }
}
