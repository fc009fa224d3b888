package dev.hermod.jmap.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** JSON in and out (Jackson's tree model). */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    static ArrayNode strings(Collection<String> values) {
        ArrayNode out = array();
        values.forEach(out::add);
        return out;
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A list of strings from an array argument; null when absent or null. */
    static List<String> stringList(JsonNode node, String name) throws MethodException {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw MethodException.invalidArguments(name + " must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw MethodException.invalidArguments(name + " must be an array of strings");
            }
            out.add(item.asText());
        }
        return out;
    }

    static String string(JsonNode node, String name) throws MethodException {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw MethodException.invalidArguments(name + " must be a string");
        }
        return value.asText();
    }

    static boolean bool(JsonNode node, String name, boolean dflt) throws MethodException {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return dflt;
        }
        if (!value.isBoolean()) {
            throw MethodException.invalidArguments(name + " must be true or false");
        }
        return value.asBoolean();
    }

    /** An UnsignedInt or Int argument (RFC 8620 §1.3). */
    static long number(JsonNode node, String name, long dflt, long min) throws MethodException {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return dflt;
        }
        if (!value.isIntegralNumber() || value.asLong() < min) {
            throw MethodException.invalidArguments(name + " must be an integer of at least " + min);
        }
        return value.asLong();
    }
}
