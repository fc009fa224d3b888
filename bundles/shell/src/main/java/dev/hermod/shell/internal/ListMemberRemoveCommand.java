package dev.hermod.shell.internal;

import dev.hermod.api.directory.DirectoryAdmin;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code hermod:list-member-remove}: removes a member from a list or group. */
@Service
@Command(scope = "hermod", name = "list-member-remove", description = "Removes a member from a mailing list (or group).")
public final class ListMemberRemoveCommand implements Action {

    @Reference(optional = true)
    DirectoryAdmin admin;

    @Argument(index = 0, name = "list", required = true, description = "The list's or group's name")
    String list;

    @Argument(index = 1, name = "member", required = true, description = "The member's name or address")
    String member;

    @Override
    public Object execute() {
        if (!DirectoryAdminSupport.missing(admin)) {
            DirectoryAdminSupport.run("list-member-remove", () -> admin.removeMember(list, member),
                    "Removed " + member + " from " + list + ".");
        }
        return null;
    }
}
