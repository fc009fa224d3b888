package dev.hermod.jmap.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Resolves {@code #name} arguments that refer to earlier results (RFC 8620 §3.7). */
final class ResultReferences {

    /** One earlier response. */
    record Earlier(String name, ObjectNode args, String callId) {
    }

    private ResultReferences() {
    }

    /**
     * @return the arguments with every {@code #name} replaced by {@code name} and the value it points at
     * @throws MethodException invalidResultReference or invalidArguments
     */
    static ObjectNode resolve(ObjectNode args, List<Earlier> earlier) throws MethodException {
        ObjectNode out = args.deepCopy();
        Iterator<Map.Entry<String, JsonNode>> fields = args.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            if (!key.startsWith("#")) {
                continue;
            }
            String name = key.substring(1);
            if (args.has(name)) {
                throw MethodException.invalidArguments("both " + name + " and " + key + " are given");
            }
            JsonNode ref = field.getValue();
            if (!ref.isObject() || !ref.path("resultOf").isTextual() || !ref.path("name").isTextual()
                    || !ref.path("path").isTextual()) {
                throw new MethodException("invalidResultReference", key + " is not a ResultReference");
            }
            Earlier source = null;
            for (Earlier e : earlier) {
                if (e.callId().equals(ref.get("resultOf").asText())) {
                    source = e;
                }
            }
            if (source == null || !source.name().equals(ref.get("name").asText())) {
                throw new MethodException("invalidResultReference",
                        "no earlier " + ref.get("name").asText() + " response with call id " + ref.get("resultOf").asText());
            }
            JsonNode value = evaluate(source.args(), ref.get("path").asText());
            out.remove(key);
            out.set(name, value);
        }
        return out;
    }

    /** A JSON Pointer (RFC 6901) where {@code *} maps over an array, flattening arrays (RFC 8620 §3.7). */
    static JsonNode evaluate(JsonNode root, String pointer) throws MethodException {
        if (pointer.isEmpty()) {
            return root;
        }
        if (!pointer.startsWith("/")) {
            throw new MethodException("invalidResultReference", "path must start with /: " + pointer);
        }
        String[] tokens = pointer.substring(1).split("/", -1);
        return walk(root, tokens, 0, pointer);
    }

    private static JsonNode walk(JsonNode node, String[] tokens, int i, String pointer) throws MethodException {
        if (i == tokens.length) {
            return node;
        }
        String token = tokens[i].replace("~1", "/").replace("~0", "~");
        if (node.isArray()) {
            if (token.equals("*")) {
                ArrayNode out = Json.array();
                for (JsonNode item : node) {
                    JsonNode value = walk(item, tokens, i + 1, pointer);
                    if (value.isArray()) {
                        out.addAll((ArrayNode) value);
                    } else {
                        out.add(value);
                    }
                }
                return out;
            }
            try {
                int index = Integer.parseInt(token);
                if (index >= 0 && index < node.size()) {
                    return walk(node.get(index), tokens, i + 1, pointer);
                }
            } catch (NumberFormatException e) {
                // below
            }
        } else if (node.isObject() && node.has(token)) {
            return walk(node.get(token), tokens, i + 1, pointer);
        }
        throw new MethodException("invalidResultReference", "path " + pointer + " does not resolve");
    }
}
