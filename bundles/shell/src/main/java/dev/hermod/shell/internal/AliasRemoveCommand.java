package dev.hermod.shell.internal;

import dev.hermod.api.directory.DirectoryAdmin;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code hermod:alias-remove}: removes an alias. */
@Service
@Command(scope = "hermod", name = "alias-remove",
        description = "Removes an alias. A primary address goes only with its account (account-remove).")
public final class AliasRemoveCommand implements Action {

    @Reference(optional = true)
    DirectoryAdmin admin;

    @Argument(index = 0, name = "address", required = true, description = "The alias, e.g. jane.doe@example.org")
    String address;

    @Override
    public Object execute() {
        if (!DirectoryAdminSupport.missing(admin)) {
            DirectoryAdminSupport.run("alias-remove", () -> admin.removeAlias(DirectoryAdminSupport.address(address)),
                    "Removed the alias " + address + ".");
        }
        return null;
    }
}
