package dev.hermod.shell.internal;

import dev.hermod.api.directory.DirectoryAdmin;
import dev.hermod.api.directory.Principal;
import dev.hermod.api.mail.Address;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/** {@code hermod:account-add}: a new individual account in the directory. */
@Service
@Command(scope = "hermod", name = "account-add",
        description = "Adds an account to the directory. Without --password or --no-password, asks for the password (stored hashed).")
public final class AccountAddCommand implements Action {

    @Reference(optional = true)
    DirectoryAdmin admin;

    @Reference(optional = true)
    Session session;

    @Argument(index = 0, name = "name", required = true, description = "The account's name, which is its login name, e.g. jane")
    String name;

    @Option(name = "--password", censor = true, mask = '*', description = "The password (prefer the prompt: an option can show in the shell's history)")
    String password;

    @Option(name = "--no-password", description = "Create the account without a password: it cannot log in until account-passwd gives it one")
    boolean noPassword;

    @Option(name = "--email", multiValued = true, description = "An address of the account; repeat for aliases, the first is the primary address")
    List<String> emails;

    @Option(name = "--quota", description = "The most its messages may take, e.g. 500M, 2G; 0 is unlimited (the default)")
    String quota;

    @Option(name = "--description", description = "A human-readable name, e.g. \"Jane Doe\"")
    String description;

    @Override
    public Object execute() {
        if (DirectoryAdminSupport.missing(admin)) {
            return null;
        }
        String command = "account-add";
        List<Address> addresses = new ArrayList<>();
        long bytes;
        try {
            for (String e : emails == null ? List.<String>of() : emails) {
                addresses.add(DirectoryAdminSupport.address(e));
            }
            bytes = DirectoryAdminSupport.size(quota);
        } catch (IllegalArgumentException e) {
            System.err.println(command + ": " + e.getMessage() + ". Nothing was changed.");
            return null;
        }
        if (password != null && noPassword) {
            System.err.println(command + ": give --password or --no-password, not both.");
            return null;
        }
        String secret = password;
        if (secret == null && !noPassword) {
            secret = DirectoryAdminSupport.promptNewPassword(command, session, name);
            if (secret == null) {
                return null;
            }
        }
        String finalSecret = secret;
        Principal[] added = new Principal[1];
        DirectoryAdminSupport.run(command, () -> added[0] = admin.addAccount(name, finalSecret, description, bytes,
                addresses), null);
        if (added[0] != null) {
            Principal p = added[0];
            System.out.println("Added account " + p.name()
                    + (p.emails().isEmpty() ? " (no address)" : " <" + p.emails().get(0) + ">")
                    + (p.emails().size() > 1 ? " with " + (p.emails().size() - 1) + " alias(es)" : "")
                    + ", quota " + DirectoryAdminSupport.size(p.quota())
                    + (finalSecret == null ? "; no password: set one with hermod:account-passwd " + p.name() : "") + ".");
        }
        return null;
    }
}
