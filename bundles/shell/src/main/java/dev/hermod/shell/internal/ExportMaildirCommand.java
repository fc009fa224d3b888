package dev.hermod.shell.internal;

import dev.hermod.api.migration.MailMigration;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code hermod:export-maildir}: writes an account to a Maildir++ tree. */
@Service
@Command(scope = "hermod", name = "export-maildir",
        description = "Writes every mailbox of an account to a Maildir++ tree (flags in the file names, dates as modification times).")
public final class ExportMaildirCommand implements Action {

    @Reference(optional = true)
    MailMigration migration;

    @Argument(index = 0, name = "account", required = true, description = "The account")
    String account;

    @Argument(index = 1, name = "directory", required = true, description = "A new or empty directory on the server's machine")
    String directory;

    @Override
    public Object execute() {
        return MigrationCommand.run("export-maildir", migration, p -> migration.exportMaildir(account, Path.of(directory), p),
                MigrationReports::of);
    }
}
