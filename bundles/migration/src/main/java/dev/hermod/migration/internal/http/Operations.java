package dev.hermod.migration.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermod.api.admin.MigrationProgress;
import dev.hermod.api.http.HttpException;
import dev.hermod.api.migration.ImapSource;
import dev.hermod.api.migration.MailMigration;
import dev.hermod.api.migration.MboxFormat;
import dev.hermod.api.migration.ServerBackup;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The operations of the admin API: each reads its JSON request and calls the migration or backup service. */
final class Operations {

    /** One operation, bound to its request. */
    @FunctionalInterface
    interface Bound {
        Object run(MigrationProgress progress) throws Exception;
    }

    /** The operations by path below {@code /admin/api}. */
    static final List<String> NAMES = List.of("import/maildir", "import/mbox", "import/imap", "export/maildir",
            "export/mbox", "backup", "restore");

    private final MailMigration migration;
    private final ServerBackup backup;

    Operations(MailMigration migration, ServerBackup backup) {
        this.migration = migration;
        this.backup = backup;
    }

    /**
     * Binds an operation to its request, checking the request first.
     *
     * @throws HttpException 404 for an unknown operation, 400 for a missing or invalid field
     */
    Bound bind(String name, JsonNode body) throws HttpException {
        return switch (name) {
            case "import/maildir" -> p -> migration.importMaildir(text(body, "account"), path(body), p);
            case "import/mbox" -> {
                MboxFormat format = parse(MboxFormat.class, optional(body, "format", "mboxrd"), "format");
                String mailbox = optional(body, "mailbox", null);
                yield p -> migration.importMbox(text(body, "account"), path(body), mailbox, format, p);
            }
            case "import/imap" -> {
                ImapSource.Security security = parse(ImapSource.Security.class, optional(body, "security", "tls"), "security");
                int port = body.path("port").asInt(security == ImapSource.Security.TLS ? 993 : 143);
                ImapSource source;
                try {
                    source = new ImapSource(text(body, "host"), port, security, text(body, "user"), text(body, "password"),
                            body.path("trustAll").asBoolean(false));
                } catch (IllegalArgumentException e) {
                    throw HttpException.badRequest(e.getMessage());
                }
                String account = text(body, "account");
                yield p -> migration.importImap(account, source, p);
            }
            case "export/maildir" -> p -> migration.exportMaildir(text(body, "account"), path(body), p);
            case "export/mbox" -> p -> migration.exportMbox(text(body, "account"), path(body), p);
            case "backup" -> {
                Path target = path(body);
                if (Files.exists(target)) {
                    throw HttpException.badRequest(target + " exists on the server; name a new file");
                }
                yield p -> backupTo(target, p);
            }
            case "restore" -> {
                Path source = path(body);
                if (!Files.isRegularFile(source)) {
                    throw HttpException.badRequest("No archive at " + source + " on the server");
                }
                yield p -> {
                    try (InputStream in = Files.newInputStream(source)) {
                        return backup.restore(in, p);
                    }
                };
            }
            default -> throw HttpException.notFound("No admin operation " + name + "; operations: " + NAMES);
        };
    }

    private Object backupTo(Path target, MigrationProgress progress) throws Exception {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            Object report;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
                report = backup.backup(out, progress);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return report;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static Path path(JsonNode body) throws HttpException {
        String p = text(body, "path");
        Path path = Path.of(p);
        if (!path.isAbsolute()) {
            throw HttpException.badRequest("\"path\" must be absolute (a path on the server's machine): " + p);
        }
        return path;
    }

    private static String text(JsonNode body, String field) throws HttpException {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw HttpException.badRequest("The request needs \"" + field + "\" (a non-empty string)");
        }
        return v.asText();
    }

    private static String optional(JsonNode body, String field, String fallback) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) throws HttpException {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw HttpException.badRequest("\"" + field + "\" must be one of " + java.util.Arrays.toString(type.getEnumConstants())
                    .toLowerCase(Locale.ROOT));
        }
    }

    static Map<String, Object> describe() {
        return Map.of("service", "hermod-admin", "apiVersion", 1, "operations", NAMES, "backupFormatVersion",
                ServerBackup.FORMAT_VERSION);
    }
}
