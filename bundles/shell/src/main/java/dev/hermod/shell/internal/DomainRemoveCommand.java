package dev.hermod.shell.internal;

import dev.hermod.api.directory.DirectoryAdmin;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code hermod:domain-remove}: removes a domain added with domain-add. */
@Service
@Command(scope = "hermod", name = "domain-remove",
        description = "Removes a domain from the local domains; refused while addresses in it exist.")
public final class DomainRemoveCommand implements Action {

    @Reference(optional = true)
    DirectoryAdmin admin;

    @Argument(index = 0, name = "domain", required = true, description = "The domain")
    String domain;

    @Override
    public Object execute() {
        if (!DirectoryAdminSupport.missing(admin)) {
            DirectoryAdminSupport.run("domain-remove", () -> admin.removeDomain(domain), "Removed the domain " + domain + ".");
        }
        return null;
    }
}
