package dev.hermod.crypto.internal;

import dev.hermod.api.crypto.EncryptionKeys;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Keys in memory, for tests of the crypto bundle alone. */
final class MemoryKeys implements EncryptionKeys {

    final Map<String, StoredKey> keys = new ConcurrentHashMap<>();

    @Override
    public Optional<StoredKey> get(String account) {
        return Optional.ofNullable(keys.get(account));
    }

    @Override
    public void put(String account, StoredKey key) {
        keys.put(account, key);
    }

    @Override
    public boolean remove(String account) {
        return keys.remove(account) != null;
    }
}
