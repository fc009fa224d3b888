package dev.hermod.shell.internal;

import dev.hermod.api.migration.ImapSource;
import dev.hermod.api.migration.MailMigration;
import java.util.Locale;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/** {@code hermod:import-imap}: copies every folder of an account on another IMAP server. */
@Service
@Command(scope = "hermod", name = "import-imap",
        description = "Copies every folder of an account on a live IMAP server, with flags and internal dates. Running it again fetches only mail that arrived since (resumes by UID).")
public final class ImportImapCommand implements Action {

    @Reference(optional = true)
    MailMigration migration;

    @Reference
    Session session;

    @Argument(index = 0, name = "account", required = true, description = "The Hermod account to import into")
    String account;

    @Option(name = "--host", required = true, description = "The IMAP server")
    String host;

    @Option(name = "--port", description = "Its port (default 993 with --security tls, else 143)")
    int port;

    @Option(name = "--security", description = "tls (default), starttls or none")
    String security = "tls";

    @Option(name = "--user", required = true, description = "Login name on the IMAP server")
    String user;

    @Option(name = "--password-env", description = "Environment variable holding the password; without it the password is asked for")
    String passwordEnv;

    @Option(name = "--trust-all", description = "Accept any TLS certificate (a server with a self-signed one)")
    boolean trustAll;

    @Override
    public Object execute() throws Exception {
        String password = passwordEnv != null ? System.getenv(passwordEnv) : session.readLine("IMAP password for " + user + ": ", '*');
        if (password == null) {
            System.err.println("import-imap: the environment variable " + passwordEnv + " is not set");
            return null;
        }
        ImapSource.Security s = ImapSource.Security.valueOf(security.toUpperCase(Locale.ROOT));
        ImapSource source = new ImapSource(host, port > 0 ? port : s == ImapSource.Security.TLS ? 993 : 143, s, user, password, trustAll);
        return MigrationCommand.run("import-imap", migration, p -> migration.importImap(account, source, p), MigrationReports::of);
    }
}
