package dev.hermod.shell.internal;

import dev.hermod.api.directory.DirectoryAdmin;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code hermod:catchall-add}: unknown addresses of a domain go to an account, group or list. */
@Service
@Command(scope = "hermod", name = "catchall-add",
        description = "Sends mail for unknown addresses of a domain to an account, group or list (a catch-all @domain entry).")
public final class CatchAllAddCommand implements Action {

    @Reference(optional = true)
    DirectoryAdmin admin;

    @Argument(index = 0, name = "domain", required = true, description = "The domain, e.g. example.org")
    String domain;

    @Argument(index = 1, name = "account", required = true, description = "The account, group or list that receives it")
    String account;

    @Override
    public Object execute() {
        if (!DirectoryAdminSupport.missing(admin)) {
            DirectoryAdminSupport.run("catchall-add", () -> admin.addCatchAll(domain, account),
                    "Mail for unknown addresses @" + domain + " now goes to " + account + ".");
        }
        return null;
    }
}
