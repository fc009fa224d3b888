package dev.hermod.core.internal.sieve;

import dev.hermod.api.sieve.SieveScripts;
import dev.hermod.api.store.KeyValue;
import dev.hermod.api.store.KeyValueIterator;
import dev.hermod.api.store.KeyValueStore;
import dev.hermod.core.internal.ProviderRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The core's {@link SieveScripts}, over the metadata store in use. */
@Component(service = SieveScripts.class)
public final class SieveScriptStore implements SieveScripts {

    static final byte PREFIX = 0x21;
    private static final byte SCRIPT = 0x01;
    private static final byte ACTIVE = 0x02;

    private final ProviderRegistry registry;

    @Activate
    public SieveScriptStore(@Reference ProviderRegistry registry) {
        this.registry = registry;
    }

    private KeyValueStore store() {
        return registry.store();
    }

    @Override
    public List<ScriptInfo> list(String account) {
        byte[] prefix = key(account, SCRIPT, null);
        return store().read(txn -> {
            byte[] active = txn.get(key(account, ACTIVE, null));
            String activeName = active == null ? null : new String(active, StandardCharsets.UTF_8);
            List<ScriptInfo> scripts = new ArrayList<>();
            try (KeyValueIterator it = txn.prefix(prefix, 0, false)) {
                while (it.hasNext()) {
                    KeyValue kv = it.next();
                    String name = new String(kv.key(), prefix.length, kv.key().length - prefix.length,
                            StandardCharsets.UTF_8);
                    scripts.add(new ScriptInfo(name, name.equals(activeName), kv.value().length));
                }
            }
            return scripts;
        });
    }

    @Override
    public Optional<String> get(String account, String name) {
        byte[] value = store().read(txn -> txn.get(key(account, SCRIPT, name)));
        return Optional.ofNullable(value).map(v -> new String(v, StandardCharsets.UTF_8));
    }

    @Override
    public void put(String account, String name, String text) {
        checkName(name);
        byte[] bytes = Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_SCRIPT_SIZE) {
            throw new IllegalArgumentException("script " + name + " is " + bytes.length + " octets, more than the "
                    + MAX_SCRIPT_SIZE + " allowed");
        }
        store().write(txn -> {
            txn.set(key(account, SCRIPT, name), bytes);
            return null;
        });
    }

    @Override
    public void activate(String account, String name) {
        store().write(txn -> {
            if (name == null) {
                txn.clear(key(account, ACTIVE, null));
                return null;
            }
            if (txn.get(key(account, SCRIPT, name)) == null) {
                throw new IllegalArgumentException("no script named " + name);
            }
            txn.set(key(account, ACTIVE, null), name.getBytes(StandardCharsets.UTF_8));
            return null;
        });
    }

    @Override
    public boolean delete(String account, String name) {
        return store().write(txn -> {
            byte[] active = txn.get(key(account, ACTIVE, null));
            if (active != null && new String(active, StandardCharsets.UTF_8).equals(name)) {
                throw new IllegalStateException("script " + name + " is active; deactivate it first");
            }
            byte[] k = key(account, SCRIPT, name);
            if (txn.get(k) == null) {
                return false;
            }
            txn.clear(k);
            return true;
        });
    }

    @Override
    public void rename(String account, String from, String to) {
        checkName(to);
        store().write(txn -> {
            byte[] text = txn.get(key(account, SCRIPT, from));
            if (text == null) {
                throw new IllegalArgumentException("no script named " + from);
            }
            if (txn.get(key(account, SCRIPT, to)) != null) {
                throw new IllegalArgumentException("a script named " + to + " exists");
            }
            txn.clear(key(account, SCRIPT, from));
            txn.set(key(account, SCRIPT, to), text);
            byte[] active = txn.get(key(account, ACTIVE, null));
            if (active != null && new String(active, StandardCharsets.UTF_8).equals(from)) {
                txn.set(key(account, ACTIVE, null), to.getBytes(StandardCharsets.UTF_8));
            }
            return null;
        });
    }

    @Override
    public Optional<ActiveScript> active(String account) {
        return store().read(txn -> {
            byte[] active = txn.get(key(account, ACTIVE, null));
            if (active == null) {
                return Optional.<ActiveScript>empty();
            }
            String name = new String(active, StandardCharsets.UTF_8);
            byte[] text = txn.get(key(account, SCRIPT, name));
            if (text == null) {
                return Optional.<ActiveScript>empty();
            }
            return Optional.of(new ActiveScript(name, new String(text, StandardCharsets.UTF_8), sha256(text)));
        });
    }

    /** RFC 5804 §1.6: 1 to 128 characters, no controls (Unicode Cc, line and paragraph separators). */
    static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.codePointCount(0, name.length()) > 128
                || name.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL
                        || c == 0x2028 || c == 0x2029)) {
            throw new IllegalArgumentException("not a script name: '" + name + "'");
        }
    }

    private static byte[] key(String account, byte kind, String name) {
        Objects.requireNonNull(account, "account");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(PREFIX);
        out.writeBytes(account.getBytes(StandardCharsets.UTF_8));
        out.write(0);
        out.write(kind);
        if (name != null) {
            out.writeBytes(name.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] text) {
        try {
            return HexFormat.of().formatHex(Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(text), 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
