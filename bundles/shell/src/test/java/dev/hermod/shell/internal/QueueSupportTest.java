package dev.hermod.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.ReversePath;
import dev.hermod.api.outbound.QueueEntry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueSupportTest {

    private static final QueueEntry ENTRY = new QueueEntry("0000002A", ReversePath.parse("<alice@example.org>"), 1234,
            Instant.parse("2024-03-01T10:00:00Z"), Instant.parse("2024-03-01T10:01:00Z"), 1,
            List.of(new QueueEntry.RecipientState(Address.parse("bob@remote.example"), QueueEntry.State.PENDING,
                    "451 4.7.1 Greylisted"),
                    new QueueEntry.RecipientState(Address.parse("eve@remote.example"), QueueEntry.State.DELIVERED,
                            "250 2.0.0 Ok")));

    @Test
    void listsEntries() {
        String table = QueueSupport.list(List.of(ENTRY));
        assertTrue(table.startsWith("Id "), table);
        assertTrue(table.contains("0000002A"), table);
        assertTrue(table.contains("<alice@example.org>"), table);
        assertTrue(table.contains("1/2"), table);
        assertTrue(table.endsWith("1 entry\n"), table);
        assertEquals("The outbound queue is empty.\n", QueueSupport.list(List.of()));
    }

    @Test
    void showsRecipients() {
        String shown = QueueSupport.show(ENTRY);
        assertTrue(shown.contains("bob@remote.example  pending    451 4.7.1 Greylisted"), shown);
        assertTrue(shown.contains("eve@remote.example  delivered  250 2.0.0 Ok"), shown);
    }
}
