package dev.hermod.shell.internal;

import dev.hermod.api.directory.DirectoryAdmin;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code hermod:account-remove}: removes an account, group or list from the directory. */
@Service
@Command(scope = "hermod", name = "account-remove",
        description = "Removes an account, group or list from the directory, with its addresses and memberships. Its stored mail is not deleted.")
public final class AccountRemoveCommand implements Action {

    @Reference(optional = true)
    DirectoryAdmin admin;

    @Argument(index = 0, name = "name", required = true, description = "The account's, group's or list's name")
    String name;

    @Override
    public Object execute() {
        if (!DirectoryAdminSupport.missing(admin)) {
            DirectoryAdminSupport.run("account-remove", () -> admin.removeAccount(name),
                    "Removed " + name + " with its addresses and memberships.");
        }
        return null;
    }
}
