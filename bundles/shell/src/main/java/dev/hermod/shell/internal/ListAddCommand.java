package dev.hermod.shell.internal;

import dev.hermod.api.directory.DirectoryAdmin;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code hermod:list-add}: a mailing list. */
@Service
@Command(scope = "hermod", name = "list-add",
        description = "Adds a mailing list: an address that delivers to its members (list-member-add).")
public final class ListAddCommand implements Action {

    @Reference(optional = true)
    DirectoryAdmin admin;

    @Argument(index = 0, name = "name", required = true, description = "The list's name, e.g. team")
    String name;

    @Argument(index = 1, name = "address", required = true, description = "The list's address, e.g. team@example.org")
    String address;

    @Option(name = "--description", description = "What the list is for")
    String description;

    @Override
    public Object execute() {
        if (!DirectoryAdminSupport.missing(admin)) {
            DirectoryAdminSupport.run("list-add", () -> admin.addList(name, DirectoryAdminSupport.address(address), description),
                    "Added the list " + name + " <" + address + ">; add members with hermod:list-member-add " + name + " <member>.");
        }
        return null;
    }
}
