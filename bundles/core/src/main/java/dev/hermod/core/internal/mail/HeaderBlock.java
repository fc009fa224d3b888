package dev.hermod.core.internal.mail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A header section unfolded into fields (RFC 5322 §2.2.3); lines that are not fields are skipped. */
final class HeaderBlock {

    private final Map<String, List<String>> fields;

    private HeaderBlock(Map<String, List<String>> fields) {
        this.fields = fields;
    }

    static HeaderBlock parse(String header) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        String name = null;
        StringBuilder value = new StringBuilder();
        for (String line : header.split("\r?\n", -1)) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                if (name != null) {
                    value.append(line);
                }
                continue;
            }
            add(fields, name, value);
            name = null;
            value.setLength(0);
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().chars().allMatch(c -> c > 32 && c < 127)) {
                name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                value.append(line, colon + 1, line.length());
            }
        }
        add(fields, name, value);
        return new HeaderBlock(fields);
    }

    private static void add(Map<String, List<String>> fields, String name, StringBuilder value) {
        if (name != null) {
            fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value.toString().strip());
        }
    }

    /** @return the first field of that name (lower case), or {@code null} */
    String first(String name) {
        List<String> values = fields.get(name);
        return values == null ? null : values.get(0);
    }

    /** @return every field of that name, in order */
    List<String> all(String name) {
        return fields.getOrDefault(name, List.of());
    }
}
