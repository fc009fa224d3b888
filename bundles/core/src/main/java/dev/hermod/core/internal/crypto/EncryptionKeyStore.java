package dev.hermod.core.internal.crypto;

import dev.hermod.api.crypto.EncryptionKeys;
import dev.hermod.api.crypto.KeyKind;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.core.internal.ProviderRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The core's {@link EncryptionKeys}, over the metadata store in use (layout in the package documentation). */
@Component(service = EncryptionKeys.class)
public final class EncryptionKeyStore implements EncryptionKeys {

    static final byte PREFIX = 0x23;
    private static final byte FORMAT = 1;
    private static final int HEADER = 16;
    private static final int CHUNK = 64 * 1024;

    private final ProviderRegistry registry;

    @Activate
    public EncryptionKeyStore(@Reference ProviderRegistry registry) {
        this.registry = registry;
    }

    private KeyValueStore store() {
        return registry.store();
    }

    @Override
    public Optional<StoredKey> get(String account) {
        byte[] first = key(account, 0);
        return store().read(txn -> {
            byte[] head = txn.get(first);
            if (head == null) {
                return Optional.<StoredKey>empty();
            }
            ByteBuffer b = ByteBuffer.wrap(head);
            if (b.get() != FORMAT) {
                throw new IllegalStateException("encryption key of " + account + " has an unknown record format");
            }
            KeyKind kind = b.get() == 1 ? KeyKind.PGP : KeyKind.SMIME;
            int bits = b.getShort();
            Instant updated = Instant.ofEpochMilli(b.getLong());
            byte[] material = new byte[b.getInt()];
            int have = Math.min(material.length, b.remaining());
            b.get(material, 0, have);
            for (int chunk = 1; have < material.length; chunk++) {
                byte[] part = txn.get(key(account, chunk));
                if (part == null) {
                    throw new IllegalStateException("encryption key of " + account + " is incomplete");
                }
                System.arraycopy(part, 0, material, have, part.length);
                have += part.length;
            }
            return Optional.of(new StoredKey(kind, bits, material, updated));
        });
    }

    @Override
    public void put(String account, StoredKey key) {
        Objects.requireNonNull(key, "key");
        byte[] material = key.material().clone();
        ByteBuffer head = ByteBuffer.allocate(HEADER + Math.min(material.length, CHUNK - HEADER));
        head.put(FORMAT).put((byte) (key.kind() == KeyKind.PGP ? 1 : 2)).putShort((short) key.cipherBits())
                .putLong(key.updated().toEpochMilli()).putInt(material.length)
                .put(material, 0, head.remaining());
        store().write(txn -> {
            txn.clearRange(key(account, 0), end(account));
            txn.set(key(account, 0), head.array());
            int chunk = 1;
            for (int off = CHUNK - HEADER; off < material.length; off += CHUNK, chunk++) {
                txn.set(key(account, chunk), Arrays.copyOfRange(material, off, Math.min(material.length, off + CHUNK)));
            }
            return null;
        });
    }

    @Override
    public boolean remove(String account) {
        return store().write(txn -> {
            boolean had = txn.get(key(account, 0)) != null;
            txn.clearRange(key(account, 0), end(account));
            return had;
        });
    }

    private static byte[] key(String account, int chunk) {
        ByteArrayOutputStream out = prefix(account);
        out.write(chunk);
        return out.toByteArray();
    }

    /** Just past the last chunk of the account. */
    private static byte[] end(String account) {
        ByteArrayOutputStream out = prefix(account);
        out.write(0xFF);
        return out.toByteArray();
    }

    private static ByteArrayOutputStream prefix(String account) {
        Objects.requireNonNull(account, "account");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(PREFIX);
        out.writeBytes(account.getBytes(StandardCharsets.UTF_8));
        out.write(0);
        return out;
    }
}
