package dev.hermod.shell.internal;

import dev.hermod.api.sieve.SieveScripts;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code hermod:sieve-list}: an account's Sieve scripts, the active one marked. */
@Service
@Command(scope = "hermod", name = "sieve-list", description = "Lists an account's Sieve scripts; * marks the active one.")
public final class SieveListCommand implements Action {

    @Reference(optional = true)
    SieveScripts scripts;

    @Argument(index = 0, name = "account", required = true, description = "The account (principal name)")
    String account;

    @Override
    public Object execute() {
        if (scripts == null) {
            System.out.println("The Sieve script store is not available (is hermod-core running?)");
            return null;
        }
        List<SieveScripts.ScriptInfo> list = scripts.list(account);
        if (list.isEmpty()) {
            System.out.println(account + " has no Sieve script.");
            return null;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Active", "Name", "Size"});
        for (SieveScripts.ScriptInfo s : list) {
            rows.add(new String[] {s.active() ? "*" : "", s.name(), Integer.toString(s.size())});
        }
        System.out.print(Tables.format(rows));
        return null;
    }
}
