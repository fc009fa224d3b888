package dev.hermod.migration.internal.http;

import dev.hermod.api.http.HttpHandler;
import dev.hermod.api.migration.MailMigration;
import dev.hermod.api.migration.ServerBackup;

/** The admin API handler with a token and one Basic user, for tests outside a framework. */
public final class AdminApis {

    private AdminApis() {
    }

    public static HttpHandler handler(String token, String adminPassword, MailMigration migration, ServerBackup backup) {
        return new AdminApiHandler(new AdminAuth(token, (user, password) -> user.equals("admin") && password.equals(adminPassword)),
                migration, backup);
    }

    /** With the outbound queue bound. */
    public static HttpHandler handler(String token, String adminPassword, MailMigration migration, ServerBackup backup,
            dev.hermod.api.outbound.OutboundQueue queue) {
        AdminApiHandler handler = (AdminApiHandler) handler(token, adminPassword, migration, backup);
        handler.setQueue(queue);
        return handler;
    }
}
