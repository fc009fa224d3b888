package dev.hermod.shell.internal;

import dev.hermod.api.directory.DirectoryAdmin;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code hermod:domain-add}: makes a domain local before it has addresses. */
@Service
@Command(scope = "hermod", name = "domain-add",
        description = "Makes a domain local (mail for it is received here) before any address in it exists.")
public final class DomainAddCommand implements Action {

    @Reference(optional = true)
    DirectoryAdmin admin;

    @Argument(index = 0, name = "domain", required = true, description = "The domain, e.g. example.org")
    String domain;

    @Override
    public Object execute() {
        if (!DirectoryAdminSupport.missing(admin)) {
            DirectoryAdminSupport.run("domain-add", () -> admin.addDomain(domain), "Mail for " + domain + " is now received here.");
        }
        return null;
    }
}
