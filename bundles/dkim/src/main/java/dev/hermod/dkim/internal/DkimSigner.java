package dev.hermod.dkim.internal;

import dev.hermod.api.crypto.DkimKeyAdmin;
import dev.hermod.api.crypto.MessageSigner;
import dev.hermod.api.mail.TemporaryFailureException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs outgoing mail with DKIM (RFC 6376) for every domain that has a key in the key directory, and creates and
 * lists those keys for the shell. Configured by PID {@code dkim.signer}; runs on its defaults without a
 * configuration when Karaf's {@code karaf.etc} is set. See the package documentation.
 */
@Component(service = {MessageSigner.class, DkimKeyAdmin.class}, configurationPid = DkimSigner.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = MessageSigner.NAME + "=dkim")
@Designate(ocd = DkimSigner.Config.class)
public final class DkimSigner implements MessageSigner, DkimKeyAdmin {

    static final String PID = "dkim.signer";

    /** Configuration keys {@code selector.<domain>} pin the selectors a domain signs with. */
    static final String SELECTOR_PREFIX = "selector.";

    private static final Logger LOG = LoggerFactory.getLogger(DkimSigner.class);

    @ObjectClassDefinition(name = "Hermod DKIM signer",
            description = "DKIM signatures (rsa-sha256, ed25519-sha256) of outgoing mail, with a key per sending"
                    + " domain. Keys selector.<domain> = <selector>[, <selector>] pin the keys a domain signs"
                    + " with; without one, the newest key of each algorithm signs.")
    public @interface Config {
        @AttributeDefinition(description = "Directory of the private keys, one file <domain>.<selector>.key each"
                + " (PKCS#8 PEM, mode 600). Empty: ${karaf.etc}/dkim.")
        String keys_directory() default "";

        @AttributeDefinition(description = "Header fields signed when present, each instance; a name ending"
                + " in * is a prefix.")
        String[] headers() default {"from", "to", "cc", "subject", "date", "message-id", "reply-to",
            "in-reply-to", "references", "mime-version", "content-type", "content-transfer-encoding", "list-*"};

        @AttributeDefinition(description = "Header fields signed once more than present (RFC 6376 §8.15), so"
                + " none can be added without breaking the signature.")
        String[] oversign() default {"from"};
    }

    private final DkimKeys keys;
    private final SigningKeys signingKeys;
    private final List<String> headers;
    private final List<String> oversign;
    private final Clock clock;

    /**
     * @param config     the configuration
     * @param properties the raw configuration, for the {@code selector.<domain>} keys
     * @param context    for {@code karaf.etc}
     * @throws IllegalArgumentException if no key directory is configured and {@code karaf.etc} is not set, or a
     *                                  pinned domain or selector is malformed
     */
    @Activate
    public DkimSigner(Config config, Map<String, Object> properties, BundleContext context) {
        this(directory(config.keys_directory(), context.getProperty("karaf.etc")), pinned(properties),
                Arrays.asList(config.headers()), Arrays.asList(config.oversign()), Clock.systemUTC());
        LOG.info("DKIM signer: keys in {}", keys.directory());
    }

    DkimSigner(Path directory, Map<String, List<String>> pinned, List<String> headers, List<String> oversign,
               Clock clock) {
        this.keys = new DkimKeys(directory, clock);
        this.signingKeys = new SigningKeys(directory, pinned);
        this.headers = names(headers);
        this.oversign = names(oversign);
        this.clock = clock;
    }

    /** Lower-case names; an element may itself be a comma-separated list, as a {@code .cfg} line gives it. */
    static List<String> names(List<String> configured) {
        return configured.stream().flatMap(v -> Arrays.stream(v.split(","))).map(h -> h.strip().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).distinct().toList();
    }

    static Path directory(String configured, String karafEtc) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.strip());
        }
        if (karafEtc == null || karafEtc.isBlank()) {
            throw new IllegalArgumentException("no DKIM key directory: set keys.directory in etc/" + PID + ".cfg");
        }
        return Path.of(karafEtc, "dkim");
    }

    static Map<String, List<String>> pinned(Map<String, Object> properties) {
        Map<String, List<String>> pinned = new HashMap<>();
        properties.forEach((k, v) -> {
            if (k.startsWith(SELECTOR_PREFIX) && v != null) {
                List<String> selectors = (v instanceof String[] a ? Arrays.stream(a) : Arrays.stream(v.toString().split(",")))
                        .map(String::strip).filter(s -> !s.isEmpty()).map(DkimKeys::selector).toList();
                if (!selectors.isEmpty()) {
                    pinned.put(DkimKeys.domain(k.substring(SELECTOR_PREFIX.length())), selectors);
                }
            }
        });
        return pinned;
    }

    @Override
    public boolean canSign(String domain) {
        String d = ascii(domain);
        return d != null && signingKeys.has(d);
    }

    @Override
    public List<String> sign(String domain, InputStream message) throws IOException {
        String d = ascii(domain);
        List<SigningKeys.Key> chosen = d == null ? List.of() : signingKeys.forDomain(d);
        if (chosen.isEmpty()) {
            message.transferTo(OutputStream.nullOutputStream());
            return List.of();
        }
        InputStream in = new BufferedInputStream(message);
        RawMessage header = RawMessage.parse(readHeader(in));
        RelaxedBodyHash body = new RelaxedBodyHash();
        in.transferTo(body);
        byte[] bodyHash = body.finish();
        List<String> signed = signedHeaders(header);
        long now = clock.millis() / 1000;
        List<String> fields = new ArrayList<>(chosen.size());
        for (SigningKeys.Key key : chosen) {
            try {
                fields.add(SignatureField.sign(header, signed, bodyHash, key, now));
            } catch (GeneralSecurityException e) {
                throw new TemporaryFailureException("the DKIM key " + key.selector() + " of " + key.domain()
                        + " cannot sign: " + e.getMessage(), e);
            }
        }
        return fields;
    }

    /** §5.4: each instance of the configured fields present, then the oversigned names once more. */
    List<String> signedHeaders(RawMessage header) {
        List<String> signed = new ArrayList<>();
        for (RawMessage.Field f : header.fields()) {
            String name = f.name().toLowerCase(Locale.ROOT);
            if (!name.equals("dkim-signature") && headers.stream().anyMatch(h -> h.endsWith("*")
                    ? name.startsWith(h.substring(0, h.length() - 1)) : name.equals(h))) {
                signed.add(name);
            }
        }
        signed.addAll(oversign);
        if (!signed.contains("from")) {
            signed.add(0, "from"); // §5.4: From is always signed
        }
        return signed;
    }

    /** @return the header, up to and including the empty line that ends it, or all of a message without one */
    static byte[] readHeader(InputStream in) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream(2048);
        int lineLength = 0;
        int b;
        while ((b = in.read()) != -1) {
            header.write(b);
            if (b == '\n') {
                if (lineLength == 0) {
                    break;
                }
                lineLength = 0;
            } else if (b != '\r') {
                lineLength++;
            }
        }
        return header.toByteArray();
    }

    private static String ascii(String domain) {
        try {
            return DkimKeys.domain(domain);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String create(String domain, String selector, String algorithm) throws IOException {
        DkimKeys.Created created = keys.create(domain, selector, algorithm);
        LOG.info("Created the DKIM key {} of {} in {}", created.selector(), created.domain(), created.file());
        return created.record();
    }

    @Override
    public List<String> list() throws IOException {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, List<SigningKeys.Entry>> domain : signingKeys.entries().entrySet()) {
            List<String> inUse;
            try {
                inUse = signingKeys.inUse(domain.getKey());
            } catch (TemporaryFailureException e) {
                inUse = List.of();
            }
            for (SigningKeys.Entry e : domain.getValue()) {
                String algorithm;
                try {
                    algorithm = DkimKeys.describe(signingKeys.load(e));
                } catch (TemporaryFailureException ex) {
                    algorithm = "unreadable";
                }
                lines.add(e.domain() + " " + e.selector() + " " + algorithm + " " + e.file()
                        + (inUse.contains(e.selector()) ? " in use" : ""));
            }
        }
        return lines;
    }
}
