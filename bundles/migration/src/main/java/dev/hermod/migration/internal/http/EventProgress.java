package dev.hermod.migration.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hermod.api.admin.MigrationProgress;
import dev.hermod.api.http.ResponseStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** Sends progress as {@code progress} events of an event stream, at most one per {@value #INTERVAL_MS} ms. */
final class EventProgress implements MigrationProgress {

    static final long INTERVAL_MS = 200;

    private final ResponseStream stream;
    private final ObjectMapper json;
    private long last;

    EventProgress(ResponseStream stream, ObjectMapper json) {
        this.stream = stream;
        this.json = json;
    }

    @Override
    public void update(String phase, long done, long total, long bytes) {
        long now = System.currentTimeMillis();
        if (now - last < INTERVAL_MS && done != total) {
            return;
        }
        last = now;
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("phase", phase);
        event.put("done", done);
        event.put("total", total);
        event.put("bytes", bytes);
        send(stream, json, "progress", event);
    }

    static void send(ResponseStream stream, ObjectMapper json, String event, Object data) {
        try {
            stream.write("event: " + event + "\ndata: " + json.writeValueAsString(data) + "\n\n");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
