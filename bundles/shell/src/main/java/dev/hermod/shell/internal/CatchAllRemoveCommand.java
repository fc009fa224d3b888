package dev.hermod.shell.internal;

import dev.hermod.api.directory.DirectoryAdmin;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code hermod:catchall-remove}: mail for unknown addresses of a domain is refused again. */
@Service
@Command(scope = "hermod", name = "catchall-remove", description = "Removes a domain's catch-all: mail for unknown addresses is refused again.")
public final class CatchAllRemoveCommand implements Action {

    @Reference(optional = true)
    DirectoryAdmin admin;

    @Argument(index = 0, name = "domain", required = true, description = "The domain")
    String domain;

    @Override
    public Object execute() {
        if (!DirectoryAdminSupport.missing(admin)) {
            DirectoryAdminSupport.run("catchall-remove", () -> admin.removeCatchAll(domain), "Removed the catch-all of " + domain + ".");
        }
        return null;
    }
}
