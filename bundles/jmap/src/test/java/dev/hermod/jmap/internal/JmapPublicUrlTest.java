package dev.hermod.jmap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Behind a reverse proxy, the session's URLs use the configured public origin. */
class JmapPublicUrlTest extends JmapTestSupport {

    @Override
    Map<String, Object> jmapConfig() {
        return Map.of("upload.folder", dir.resolve("uploads").toString(), "public.url", "https://mail.example.org/");
    }

    @Test
    void sessionUrlsUseThePublicOrigin() throws Exception {
        JsonNode session = Json.MAPPER.readTree(get("/.well-known/jmap", basic("alice")).body());
        assertEquals("https://mail.example.org/jmap/api", session.get("apiUrl").asText());
        assertEquals("https://mail.example.org/jmap/upload/{accountId}/", session.get("uploadUrl").asText());
        assertEquals("wss://mail.example.org/jmap/ws", session.at("/capabilities/urn:ietf:params:jmap:websocket/url").asText());
    }
}
