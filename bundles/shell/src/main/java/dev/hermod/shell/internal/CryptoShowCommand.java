package dev.hermod.shell.internal;

import dev.hermod.api.crypto.EncryptionKeys;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code hermod:crypto-show}: whether an account's mail is encrypted at rest, and how. */
@Service
@Command(scope = "hermod", name = "crypto-show",
        description = "Shows whether new mail of an account is encrypted at rest, with which method and key.")
public final class CryptoShowCommand implements Action {

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
            System.out.println(CryptoKeySupport.describe(account, keys.get(account)));
        } catch (RuntimeException e) {
            System.err.println("crypto-show failed: " + e.getMessage());
        }
        return null;
    }
}
