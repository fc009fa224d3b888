package dev.hermod.shell.internal;

import dev.hermod.api.outbound.OutboundQueue;
import dev.hermod.api.outbound.QueueEntry;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the {@code queue-*} commands share: the message when the queue is not running, and the tables. */
final class QueueSupport {

    static final String NOT_RUNNING = "The outbound queue is not running (etc/queue.cfg)";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private QueueSupport() {
    }

    /** @return whether the queue is missing, after saying so */
    static boolean missing(OutboundQueue queue) {
        if (queue == null) {
            System.out.println(NOT_RUNNING);
            return true;
        }
        return false;
    }

    /** The table {@code queue-list} prints, ending with a line break. */
    static String list(List<QueueEntry> entries) {
        if (entries.isEmpty()) {
            return "The outbound queue is empty.\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Id", "Queued", "Size", "Attempts", "Next attempt", "From", "Pending"});
        for (QueueEntry e : entries) {
            long pending = e.recipients().stream().filter(r -> r.state() == QueueEntry.State.PENDING).count();
            rows.add(new String[] {e.id(), time(e.queuedAt()), Long.toString(e.size()), Integer.toString(e.attempts()),
                    time(e.nextAttempt()), e.from().toString(), pending + "/" + e.recipients().size()});
        }
        return Tables.format(rows) + entries.size() + (entries.size() == 1 ? " entry\n" : " entries\n");
    }

    /** The details {@code queue-show} prints, ending with a line break. */
    static String show(QueueEntry e) {
        StringBuilder s = new StringBuilder();
        s.append("Id:           ").append(e.id()).append('\n');
        s.append("From:         ").append(e.from()).append('\n');
        s.append("Size:         ").append(e.size()).append(" octets\n");
        s.append("Queued:       ").append(time(e.queuedAt())).append('\n');
        s.append("Attempts:     ").append(e.attempts()).append('\n');
        s.append("Next attempt: ").append(time(e.nextAttempt())).append("\n\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Recipient", "State", "Last reply"});
        for (QueueEntry.RecipientState r : e.recipients()) {
            rows.add(new String[] {r.recipient().toString(), r.state().name().toLowerCase(Locale.ROOT),
                    r.lastReply() == null ? "" : r.lastReply()});
        }
        return s.append(Tables.format(rows)).toString();
    }

    private static String time(Instant t) {
        return t == null ? "-" : TIME.format(t);
    }
}
