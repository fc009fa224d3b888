package dev.hermod.migration.internal.http;

import dev.hermod.api.http.HttpException;
import dev.hermod.api.outbound.OutboundQueue;
import dev.hermod.api.outbound.QueueEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outbound queue in the admin API: {@code GET queue} lists it, {@code GET queue/<id>} shows an entry,
 * {@code POST queue/flush} retries every entry now, {@code DELETE queue/<id>} removes one (no bounce is sent).
 */
final class QueueApi {

    private QueueApi() {
    }

    static Object handle(OutboundQueue queue, String method, String path) throws HttpException {
        if (queue == null) {
            throw new HttpException(503, "The outbound queue is not running (dev.hermod.core)");
        }
        String id = path.startsWith("queue/") ? path.substring("queue/".length()) : "";
        if (path.equals("queue") && method.equals("GET")) {
            return Map.of("entries", queue.list().stream().map(QueueApi::entry).toList());
        }
        if (id.equals("flush") && method.equals("POST")) {
            return Map.of("flushed", queue.flush());
        }
        if (!id.isEmpty() && method.equals("GET")) {
            return entry(queue.get(id).orElseThrow(() -> HttpException.notFound("No queue entry " + id)));
        }
        if (!id.isEmpty() && method.equals("DELETE")) {
            if (!queue.remove(id)) {
                throw HttpException.notFound("No queue entry " + id);
            }
            return Map.of("removed", id);
        }
        throw HttpException.methodNotAllowed(path.equals("queue") ? new String[] {"GET"}
                : id.equals("flush") ? new String[] {"POST"} : new String[] {"GET", "DELETE"});
    }

    static Map<String, Object> entry(QueueEntry e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", e.id());
        out.put("from", e.from().toString());
        out.put("size", e.size());
        out.put("queuedAt", e.queuedAt().toString());
        out.put("nextAttempt", e.nextAttempt() == null ? null : e.nextAttempt().toString());
        out.put("attempts", e.attempts());
        List<Map<String, Object>> recipients = e.recipients().stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("recipient", r.recipient().toString());
            m.put("state", r.state().name().toLowerCase(java.util.Locale.ROOT));
            m.put("lastReply", r.lastReply());
            return m;
        }).toList();
        out.put("recipients", recipients);
        return out;
    }
}
