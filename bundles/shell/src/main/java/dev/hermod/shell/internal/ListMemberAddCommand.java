package dev.hermod.shell.internal;

import dev.hermod.api.directory.DirectoryAdmin;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code hermod:list-member-add}: adds members to a list or group. */
@Service
@Command(scope = "hermod", name = "list-member-add",
        description = "Adds members to a mailing list (or group): account, group or list names, or addresses, local or not.")
public final class ListMemberAddCommand implements Action {

    @Reference(optional = true)
    DirectoryAdmin admin;

    @Argument(index = 0, name = "list", required = true, description = "The list's or group's name")
    String list;

    @Argument(index = 1, name = "members", required = true, multiValued = true, description = "Names or addresses")
    List<String> members;

    @Override
    public Object execute() {
        if (!DirectoryAdminSupport.missing(admin)) {
            for (String member : members) {
                DirectoryAdminSupport.run("list-member-add", () -> admin.addMember(list, member),
                        "Added " + member + " to " + list + ".");
            }
        }
        return null;
    }
}
