package dev.hermod.shell.internal;

import dev.hermod.api.migration.MailMigration;
import dev.hermod.api.migration.MboxFormat;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code hermod:import-mbox}: imports an mbox file, or a directory of .mbox files, into an account. */
@Service
@Command(scope = "hermod", name = "import-mbox",
        description = "Imports an mbox file into one mailbox, or a directory of *.mbox files into the mailboxes their paths name. Flags come from Status/X-Status/X-Keywords, dates from the From lines.")
public final class ImportMboxCommand implements Action {

    @Reference(optional = true)
    MailMigration migration;

    @Argument(index = 0, name = "account", required = true, description = "The account, as the directory names it")
    String account;

    @Argument(index = 1, name = "mbox", required = true, description = "The mbox file or directory, on the server's machine")
    String mbox;

    @Option(name = "--mailbox", description = "Mailbox path to import into (parents joined with /); default: the file's name")
    String mailbox;

    @Option(name = "--format", description = "How From lines in messages are quoted: mboxrd (default) or mboxo")
    String format = "mboxrd";

    @Override
    public Object execute() {
        return MigrationCommand.run("import-mbox", migration, p -> migration.importMbox(account, Path.of(mbox), mailbox,
                MboxFormat.valueOf(format.toUpperCase(Locale.ROOT)), p), MigrationReports::of);
    }
}
