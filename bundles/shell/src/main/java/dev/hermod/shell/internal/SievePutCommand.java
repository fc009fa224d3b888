package dev.hermod.shell.internal;

import dev.hermod.api.sieve.SieveChecker;
import dev.hermod.api.sieve.SieveScripts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code hermod:sieve-put}: stores a Sieve script for an account, checked first, optionally activated. */
@Service
@Command(scope = "hermod", name = "sieve-put",
        description = "Stores a Sieve script (RFC 5228) for an account from a file, after checking it compiles.")
public final class SievePutCommand implements Action {

    @Reference(optional = true)
    SieveScripts scripts;

    @Reference(optional = true)
    SieveChecker checker;

    @Argument(index = 0, name = "account", required = true, description = "The account (principal name)")
    String account;

    @Argument(index = 1, name = "name", required = true, description = "The script's name")
    String name;

    @Argument(index = 2, name = "file", required = true, description = "The script file (UTF-8)")
    String file;

    @Option(name = "--activate", description = "Make it the account's active script")
    boolean activate;

    @Override
    public Object execute() throws Exception {
        if (scripts == null) {
            System.out.println("The Sieve script store is not available (is hermod-core running?)");
            return null;
        }
        String text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        if (checker == null) {
            System.out.println("The Sieve bundle is not running: the script cannot be checked and is not stored.");
            return null;
        }
        Optional<String> error = checker.check(name, text);
        if (error.isPresent()) {
            System.out.println("Not stored: " + error.get());
            return null;
        }
        scripts.put(account, name, text);
        if (activate) {
            scripts.activate(account, name);
        }
        System.out.println("Stored script " + name + " for " + account + (activate ? ", active." : "."));
        return null;
    }
}
