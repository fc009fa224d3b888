package dev.hermod.shell.internal;

import dev.hermod.api.crypto.DkimKeyAdmin;
import java.io.IOException;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code hermod:dkim-list}: the DKIM signing keys and which of them sign. */
@Service
@Command(scope = "hermod", name = "dkim-list",
        description = "Lists the DKIM signing keys by domain, newest first, marking those the signer signs with now.")
public final class DkimListCommand implements Action {

    @Reference(optional = true)
    DkimKeyAdmin keys;

    @Override
    public Object execute() {
        if (DkimSupport.missing(keys)) {
            return null;
        }
        try {
            System.out.print(DkimSupport.format(keys.list()));
        } catch (IOException | RuntimeException e) {
            System.err.println("dkim-list failed: " + e.getMessage() + ". Check that the key directory is readable.");
        }
        return null;
    }
}
