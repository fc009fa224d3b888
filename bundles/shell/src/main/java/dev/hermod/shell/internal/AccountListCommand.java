package dev.hermod.shell.internal;

import dev.hermod.api.directory.DirectoryAdmin;
import dev.hermod.api.directory.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code hermod:account-list}: the directory's accounts, groups and lists. */
@Service
@Command(scope = "hermod", name = "account-list",
        description = "Lists the directory's accounts, groups and lists with their addresses, quota and groups.")
public final class AccountListCommand implements Action {

    @Reference(optional = true)
    DirectoryAdmin admin;

    @Argument(index = 0, name = "filter", description = "Show only names or addresses containing this text")
    String filter;

    @Override
    public Object execute() {
        if (!DirectoryAdminSupport.missing(admin)) {
            DirectoryAdminSupport.run("account-list", () -> System.out.print(format(admin.listAccounts(), filter)), null);
        }
        return null;
    }

    /** The table {@code account-list} prints, ending with a line break. */
    static String format(List<Principal> principals, String filter) {
        String f = filter == null ? "" : filter.toLowerCase(Locale.ROOT);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Name", "Type", "Active", "Quota", "Addresses", "Member of", "Description"});
        for (Principal p : principals) {
            String addresses = String.join(", ", p.emails().stream().map(Object::toString).toList());
            if (!f.isEmpty() && !p.name().toLowerCase(Locale.ROOT).contains(f)
                    && !addresses.toLowerCase(Locale.ROOT).contains(f)) {
                continue;
            }
            rows.add(new String[] {p.name(), p.type().name().toLowerCase(Locale.ROOT), p.active() ? "yes" : "no",
                    DirectoryAdminSupport.size(p.quota()), addresses, String.join(", ", p.memberOf()),
                    p.description() == null ? "" : p.description()});
        }
        if (rows.size() == 1) {
            return f.isEmpty() ? "No accounts: add one with hermod:account-add.\n" : "No account matches '" + filter + "'.\n";
        }
        return Tables.format(rows) + (rows.size() - 1) + (rows.size() == 2 ? " entry\n" : " entries\n");
    }
}
