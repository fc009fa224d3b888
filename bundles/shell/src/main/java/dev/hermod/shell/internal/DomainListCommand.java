package dev.hermod.shell.internal;

import dev.hermod.api.directory.DirectoryAdmin;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code hermod:domain-list}: the domains the server receives mail for. */
@Service
@Command(scope = "hermod", name = "domain-list",
        description = "Lists the local domains: those added with domain-add and those of every address in the directory.")
public final class DomainListCommand implements Action {

    @Reference(optional = true)
    DirectoryAdmin admin;

    @Override
    public Object execute() {
        if (!DirectoryAdminSupport.missing(admin)) {
            DirectoryAdminSupport.run("domain-list", () -> {
                List<String> domains = admin.listDomains();
                if (domains.isEmpty()) {
                    System.out.println("No local domain: add one with hermod:domain-add, or an address with hermod:account-add.");
                }
                domains.forEach(System.out::println);
            }, null);
        }
        return null;
    }
}
