package dev.hermod.shell.internal;

import dev.hermod.api.directory.DirectoryAdmin;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/** {@code hermod:account-passwd}: sets an account's password. */
@Service
@Command(scope = "hermod", name = "account-passwd",
        description = "Sets an account's password (stored hashed). Without --password, asks for it twice.")
public final class AccountPasswdCommand implements Action {

    @Reference(optional = true)
    DirectoryAdmin admin;

    @Reference(optional = true)
    Session session;

    @Argument(index = 0, name = "name", required = true, description = "The account's name")
    String name;

    @Option(name = "--password", censor = true, mask = '*', description = "The new password (prefer the prompt)")
    String password;

    @Override
    public Object execute() {
        if (DirectoryAdminSupport.missing(admin)) {
            return null;
        }
        String secret = password != null ? password
                : DirectoryAdminSupport.promptNewPassword("account-passwd", session, name);
        if (secret != null) {
            DirectoryAdminSupport.run("account-passwd", () -> admin.setPassword(name, secret),
                    "Password of " + name + " changed.");
        }
        return null;
    }
}
