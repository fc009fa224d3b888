package dev.hermod.jmap.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Why one object of a {@code /set}, {@code /copy} or {@code /import} failed (RFC 8620 §5.3 SetError). */
final class SetError extends Exception {

    private static final long serialVersionUID = 1L;

    private final String type;
    private final List<String> properties;

    SetError(String type, String description) {
        this(type, description, null);
    }

    SetError(String type, String description, List<String> properties) {
        super(description);
        this.type = type;
        this.properties = properties;
    }

    ObjectNode toJson() {
        ObjectNode out = Json.object().put("type", type);
        if (getMessage() != null) {
            out.put("description", getMessage());
        }
        if (properties != null) {
            out.set("properties", Json.strings(properties));
        }
        return out;
    }

    static SetError invalidProperties(String description, String... properties) {
        return new SetError("invalidProperties", description, List.of(properties));
    }

    static SetError notFound() {
        return new SetError("notFound", "No such object.");
    }

    static SetError forbidden(String description) {
        return new SetError("forbidden", description);
    }
}
