package dev.hermod.shell.internal;

import dev.hermod.api.crypto.EncryptionKeys;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code hermod:crypto-disable}: forgets an account's public key, as "Disable encryption" on the /crypto form
 * does; mail already stored stays encrypted.
 */
@Service
@Command(scope = "hermod", name = "crypto-disable",
        description = "Stops encrypting the new mail of an account (forgets its public key); mail already stored"
                + " stays encrypted. Do this for every account before uninstalling hermod-crypto, whose absence"
                + " otherwise defers their mail.")
public final class CryptoDisableCommand implements Action {

    @Reference(optional = true)
    EncryptionKeys keys;

    @Argument(index = 0, name = "account", required = true, description = "The account (principal name)")
    String account;

    @Override
    public Object execute() {
        if (CryptoKeySupport.missing(keys)) {
            return null;
        }
        try {
            System.out.println(keys.remove(account) ? account + ": encryption at rest is off for new mail"
                    : account + ": had no key; nothing changed");
        } catch (RuntimeException e) {
            System.err.println("crypto-disable failed: " + e.getMessage());
        }
        return null;
    }
}
