package dev.hermod.crypto.internal;

import dev.hermod.api.crypto.EncryptionKeys;
import dev.hermod.api.crypto.EncryptionKeys.StoredKey;
import dev.hermod.api.crypto.EncryptionResult;
import dev.hermod.api.crypto.KeyKind;
import dev.hermod.api.crypto.MessageEncryptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link MessageEncryptor} named {@code bc}: encrypts each message for the key its account keeps in the
 * core's {@link EncryptionKeys}, as PGP/MIME or S/MIME with the AES key length the user chose.
 */
@Component(service = MessageEncryptor.class, configurationPid = AtRestEncryptor.PID,
        property = MessageEncryptor.NAME + "=bc")
@Designate(ocd = AtRestEncryptor.Config.class)
public final class AtRestEncryptor implements MessageEncryptor {

    static final String PID = "crypto";

    @ObjectClassDefinition(name = "Hermod encryption at rest")
    public @interface Config {
        @AttributeDefinition(description = "Header fields of the original kept readable on an encrypted message,"
                + " so clients can list, sort and search it without the private key; every other field is"
                + " encrypted with the body. Empty: none (a client shows no sender or subject until it decrypts).")
        String[] visible_headers() default {"From", "To", "Cc", "Subject", "Date", "Message-ID"};
    }

    private static final Logger LOG = LoggerFactory.getLogger(AtRestEncryptor.class);

    private final EncryptionKeys keys;
    private final Set<String> visible;
    /** Parsed keys by account, reused while the kept material is the same. */
    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

    private record Parsed(byte[] material, int cipherBits, AccountKey key) {
    }

    @Activate
    public AtRestEncryptor(@Reference EncryptionKeys keys, Config config) {
        this.keys = keys;
        this.visible = Arrays.stream(config.visible_headers()).flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::strip).filter(s -> !s.isEmpty()).map(s -> s.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Optional<KeyKind> keyKind(String accountName) {
        return key(accountName).map(AccountKey::kind);
    }

    @Override
    public EncryptionResult encrypt(String accountName, InputStream plainMessage, OutputStream out)
            throws IOException {
        Optional<AccountKey> key = key(accountName);
        if (key.isEmpty()) {
            return EncryptionResult.NO_KEY;
        }
        MessageHead head = MessageHead.read(plainMessage);
        if (head.alreadyEncrypted()) {
            return EncryptionResult.ALREADY_ENCRYPTED;
        }
        key.get().encrypt(head, visible, out);
        return EncryptionResult.ENCRYPTED;
    }

    private Optional<AccountKey> key(String account) {
        Optional<StoredKey> stored = keys.get(account);
        if (stored.isEmpty()) {
            parsed.remove(account);
            return Optional.empty();
        }
        StoredKey s = stored.get();
        Parsed p = parsed.get(account);
        if (p == null || p.cipherBits != s.cipherBits() || !Arrays.equals(p.material, s.material())) {
            try {
                p = new Parsed(s.material(), s.cipherBits(), AccountKey.of(s, Instant.now()));
            } catch (IOException | RuntimeException e) {
                LOG.error("The encryption key of {} cannot be read ({}); its mail is stored unencrypted until it"
                        + " uploads a key again", account, e.toString());
                return Optional.empty();
            }
            parsed.put(account, p);
            if (!p.key.usable()) {
                LOG.warn("The encryption key of {} is revoked; its mail is stored unencrypted until it uploads a"
                        + " new key", account);
            }
        }
        return p.key.usable() ? Optional.of(p.key) : Optional.empty();
    }
}
