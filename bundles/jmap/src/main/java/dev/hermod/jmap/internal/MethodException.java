package dev.hermod.jmap.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A method-level error (RFC 8620 §3.6.2): answered as an {@code error} invocation. */
final class MethodException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String type;

    MethodException(String type, String description) {
        super(description);
        this.type = type;
    }

    String type() {
        return type;
    }

    ObjectNode toJson() {
        ObjectNode out = Json.object().put("type", type);
        if (getMessage() != null) {
            out.put("description", getMessage());
        }
        return out;
    }

    static MethodException invalidArguments(String description) {
        return new MethodException("invalidArguments", description);
    }

    static MethodException serverFail(String description) {
        return new MethodException("serverFail", description);
    }

    static MethodException unavailable(String description) {
        return new MethodException("serverUnavailable", description);
    }

    static MethodException accountNotFound() {
        return new MethodException("accountNotFound", "No such account, or not yours.");
    }

    static MethodException cannotCalculateChanges(String description) {
        return new MethodException("cannotCalculateChanges", description);
    }

    static MethodException requestTooLarge(String description) {
        return new MethodException("requestTooLarge", description);
    }

    static MethodException stateMismatch() {
        return new MethodException("stateMismatch", "ifInState does not match the current state.");
    }

    static MethodException unsupportedFilter(String description) {
        return new MethodException("unsupportedFilter", description);
    }

    static MethodException unsupportedSort(String description) {
        return new MethodException("unsupportedSort", description);
    }

    static MethodException anchorNotFound() {
        return new MethodException("anchorNotFound", "The anchor is not in the results.");
    }

    static MethodException forbidden(String description) {
        return new MethodException("forbidden", description);
    }
}
