package dev.hermod.shell.internal;

import dev.hermod.api.sieve.SieveScripts;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code hermod:sieve-activate}: makes a script active, or none without a name. */
@Service
@Command(scope = "hermod", name = "sieve-activate",
        description = "Makes one of an account's Sieve scripts the active one; without a name, none is active.")
public final class SieveActivateCommand implements Action {

    @Reference(optional = true)
    SieveScripts scripts;

    @Argument(index = 0, name = "account", required = true, description = "The account (principal name)")
    String account;

    @Argument(index = 1, name = "name", description = "The script to activate; omit to deactivate all")
    String name;

    @Override
    public Object execute() {
        if (scripts == null) {
            System.out.println("The Sieve script store is not available (is hermod-core running?)");
            return null;
        }
        try {
            scripts.activate(account, name);
            System.out.println(name == null ? "No script is active for " + account + "."
                    : name + " is now the active script of " + account + ".");
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
        }
        return null;
    }
}
