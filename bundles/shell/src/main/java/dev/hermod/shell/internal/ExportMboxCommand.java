package dev.hermod.shell.internal;

import dev.hermod.api.migration.MailMigration;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code hermod:export-mbox}: writes each mailbox of an account to an mboxrd file. */
@Service
@Command(scope = "hermod", name = "export-mbox",
        description = "Writes each mailbox of an account to <directory>/<path>.mbox (mboxrd, flags in Status/X-Status/X-Keywords).")
public final class ExportMboxCommand implements Action {

    @Reference(optional = true)
    MailMigration migration;

    @Argument(index = 0, name = "account", required = true, description = "The account")
    String account;

    @Argument(index = 1, name = "directory", required = true, description = "A new or empty directory on the server's machine")
    String directory;

    @Override
    public Object execute() {
        return MigrationCommand.run("export-mbox", migration, p -> migration.exportMbox(account, Path.of(directory), p),
                MigrationReports::of);
    }
}
