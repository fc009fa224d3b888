package dev.hermod.directory.sql.internal;

import java.util.Locale;

/**
 * The columns {@code query.name} returns, by label (case-insensitive). An empty name means the query has no
 * such column and the default applies: type {@code individual}, no secret (cannot log in), no
 * description, quota 0 (unlimited), active.
 *
 * @param name          the canonical principal name; required
 * @param type          {@code individual} (also {@code person}, {@code user}), {@code group} or {@code list}
 * @param secret        the password hash, or a clear-text password
 * @param description   a human-readable name
 * @param quota         bytes, 0 for unlimited
 * @param quotaMessages messages, 0 for unlimited
 * @param active        0/1, a boolean, or {@code true}/{@code false}/{@code yes}/{@code no}
 */
record Columns(String name, String type, String secret, String description, String quota, String quotaMessages,
        String active) {

    static final Columns SAMPLE = new Columns("name", "type", "secret", "description", "quota", "", "active");

    Columns {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("directory.sql column.name must name the column of query.name that"
                    + " holds the principal's name");
        }
        name = normalize(name);
        type = normalize(type);
        secret = normalize(secret);
        description = normalize(description);
        quota = normalize(quota);
        quotaMessages = normalize(quotaMessages);
        active = normalize(active);
    }

    private static String normalize(String column) {
        return column == null ? "" : column.strip().toLowerCase(Locale.ROOT);
    }
}
