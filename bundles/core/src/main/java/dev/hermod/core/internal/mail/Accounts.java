package dev.hermod.core.internal.mail;

import dev.hermod.api.directory.Principal;
import dev.hermod.api.directory.PrincipalType;
import dev.hermod.api.mailbox.MailboxException.Reason;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.api.store.Keys;
import java.util.Map;

/**
 * Maps a directory principal to its account id, creating the id and the special-use mailboxes the first
 * time. The mapping lives under {@code 01 name}; ids come from the global counter {@code 02 01}. Two nodes
 * opening a new account at once both read the name key in their transaction, so the store lets one
 * commit and retries the other, which then finds the id.
 */
final class Accounts {

    private static final int META_VERSION = 1;

    private Accounts() {
    }

    /** The active individual principal of that name, or NO_SUCH_ACCOUNT. */
    static Principal principal(MailContext context, String name) {
        Principal principal = context.directory().principal(name).orElse(null);
        if (principal == null || principal.type() != PrincipalType.INDIVIDUAL || !principal.active()) {
            throw Errors.of(Reason.NO_SUCH_ACCOUNT, "No active user '" + name + "' in the directory"
                    + (principal == null ? "." : " (" + principal.type().name().toLowerCase(java.util.Locale.ROOT)
                    + (principal.active() ? "" : ", disabled") + ")."));
        }
        return principal;
    }

    static long open(MailContext context, String canonicalName) {
        KeyValueStore store = context.store();
        byte[] key = MailKeys.accountName(canonicalName);
        byte[] existing = store.read(txn -> txn.get(key));
        if (existing != null) {
            return Keys.decodeLong(existing);
        }
        return store.write(txn -> {
            byte[] found = txn.get(key);
            if (found != null) {
                return Keys.decodeLong(found);
            }
            byte[] counter = MailKeys.globalCounter(MailKeys.COUNTER_ACCOUNT_ID);
            txn.add(counter, 1);
            long id = MailKeys.counterValue(txn.get(counter));
            txn.set(key, Keys.encodeLong(id));
            txn.set(MailKeys.meta(id), new ByteWriter(32).u8(META_VERSION).string(canonicalName)
                    .zigzag(System.currentTimeMillis()).toByteArray());
            AccountTxn t = AccountTxn.begin(txn, id);
            for (Map.Entry<dev.hermod.api.mail.MailboxRole, String> special : Mailboxes.SPECIAL_USE.entrySet()) {
                Mailboxes.create(t, special.getValue(), null, special.getKey());
            }
            t.finish();
            return id;
        });
    }
}
