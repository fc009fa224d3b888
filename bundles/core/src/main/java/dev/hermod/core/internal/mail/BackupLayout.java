package dev.hermod.core.internal.mail;

import dev.hermod.api.mail.BlobHash;
import dev.hermod.api.store.Keys;
import java.nio.ByteBuffer;

/**
 * What a server backup needs to know of the mail store's keys (see {@code package-info.java}): where
 * accounts begin and end, the counters that move with every change of an account, which keys refer to
 * blobs, and the global keys derived from the accounts.
 */
public final class BackupLayout {

    /** The first key after every account: the start of the rest of the core's subspaces. */
    public static final byte[] AFTER_ACCOUNTS = {MailKeys.ACCOUNT + 1};
    /** The first account key. */
    public static final byte[] ACCOUNTS = {MailKeys.ACCOUNT};

    private BackupLayout() {
    }

    /** @return the first key of an account */
    public static byte[] accountStart(long account) {
        return MailKeys.account(account);
    }

    /** @return the first key after an account */
    public static byte[] accountEnd(long account) {
        return Keys.strinc(MailKeys.account(account));
    }

    /** @return the account id of a key in the accounts' subspace */
    public static long accountOf(byte[] key) {
        return Keys.decodeLong(key, 1);
    }

    /** @return the first key of an account's counters; every write of the account changes one of them */
    public static byte[] countersStart(long account) {
        return MailKeys.sub(account, MailKeys.COUNTER);
    }

    /** @return the first key after an account's counters */
    public static byte[] countersEnd(long account) {
        return MailKeys.sub(account, (byte) (MailKeys.COUNTER + 1));
    }

    /**
     * The blob an account key counts references to.
     *
     * @return the blob of a {@code 10 account 05 hash 00} key, or {@code null} for any other key
     */
    public static BlobHash blobCounted(byte[] key) {
        if (key.length != 43 || key[0] != MailKeys.ACCOUNT || key[9] != MailKeys.BLOB || key[42] != MailKeys.BLOB_COUNT) {
            return null;
        }
        byte[] hash = new byte[32];
        System.arraycopy(key, 10, hash, 0, 32);
        return BlobHash.of(hash);
    }

    /** @return the account id an account-name key maps to, or -1 if the key is not an account name */
    public static long accountNamed(byte[] key, byte[] value) {
        return key.length > 0 && key[0] == MailKeys.ACCOUNT_NAME && value.length == 8 ? Keys.decodeLong(value) : -1;
    }

    /** @return the blob whose global reference count the key holds, or {@code null} */
    public static BlobHash globalReferences(byte[] key) {
        if (key.length != 33 || key[0] != MailKeys.BLOB_REFS) {
            return null;
        }
        return BlobHash.of(java.util.Arrays.copyOfRange(key, 1, 33));
    }

    /** @return whether the key is a blob deletion marker, transient state a backup leaves out */
    public static boolean isDeletionMarker(byte[] key) {
        return key.length > 0 && key[0] == MailKeys.BLOB_DELETION;
    }

    /** @return the global reference count key of a blob */
    public static byte[] globalReferencesKey(BlobHash hash) {
        return MailKeys.blobRefs(hash.bytes());
    }

    /** @return a counter value as {@link dev.hermod.api.store.Transaction#add} keeps it */
    public static byte[] counter(long value) {
        return Keys.encodeLongLittleEndian(value);
    }

    /** @return a counter value */
    public static long counterValue(byte[] value) {
        return MailKeys.counterValue(value);
    }

    /** @return the 8-byte big-endian form of an id, as keys hold it */
    static byte[] id(long id) {
        return ByteBuffer.allocate(8).putLong(id).array();
    }
}
