package dev.hermod.shell.internal;

import dev.hermod.api.migration.MailMigration;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code hermod:import-maildir}: imports a Maildir or Maildir++ tree into an account. */
@Service
@Command(scope = "hermod", name = "import-maildir",
        description = "Imports a Maildir or Maildir++ tree (folders, flags from the file names, dates from the files) into an account. Sent, Drafts, Trash, Junk and Archive folders go into the account's mailboxes with those roles.")
public final class ImportMaildirCommand implements Action {

    @Reference(optional = true)
    MailMigration migration;

    @Argument(index = 0, name = "account", required = true, description = "The account, as the directory names it")
    String account;

    @Argument(index = 1, name = "maildir", required = true, description = "The Maildir's root (with cur/ and new/), on the server's machine")
    String maildir;

    @Override
    public Object execute() {
        return MigrationCommand.run("import-maildir", migration,
                p -> migration.importMaildir(account, Path.of(maildir), p), MigrationReports::of);
    }
}
