package dev.hermod.shell.internal;

import dev.hermod.api.directory.DirectoryAdmin;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code hermod:alias-add}: an address that delivers to an existing account, group or list. */
@Service
@Command(scope = "hermod", name = "alias-add",
        description = "Adds an address that delivers to an account, group or list. Its domain becomes local if it was not.")
public final class AliasAddCommand implements Action {

    @Reference(optional = true)
    DirectoryAdmin admin;

    @Argument(index = 0, name = "address", required = true, description = "The new address, e.g. jane.doe@example.org")
    String address;

    @Argument(index = 1, name = "account", required = true, description = "The account, group or list it delivers to")
    String account;

    @Override
    public Object execute() {
        if (!DirectoryAdminSupport.missing(admin)) {
            DirectoryAdminSupport.run("alias-add", () -> admin.addAlias(DirectoryAdminSupport.address(address), account),
                    "Mail to " + address + " now goes to " + account + ".");
        }
        return null;
    }
}
