package dev.hermod.dkim.internal;

import java.io.IOException;
import java.net.IDN;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * DKIM key files: creates key pairs, stores private keys and reads them back, and renders the DNS record of a
 * public key (RFC 6376 §3.6.1, RFC 8463 §4 for Ed25519).
 *
 * <p>A key directory holds one file per key, named {@code <domain>.<selector>.key}: the domain in lower-case
 * ASCII (A-labels), a selector without dots, and the private key as PKCS#8 PEM ({@code BEGIN PRIVATE KEY}, as
 * {@code openssl genpkey} writes it), readable by its owner only (mode 600). The directory is created with mode
 * 700 when missing.
 */
final class DkimKeys {

    /** The key file name's suffix. */
    static final String SUFFIX = ".key";

    /** The algorithms a key can have, as {@code k=} names them. */
    static final String RSA = "rsa";
    static final String ED25519 = "ed25519";

    /** RSA keys created here; RFC 8301 §3.2 asks for at least 1024 bits and recommends 2048. */
    static final int RSA_BITS = 2048;

    /** One TXT character-string holds at most 255 octets (RFC 1035 §3.3). */
    static final int TXT_STRING = 255;

    private static final Pattern LABEL = Pattern.compile("[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?");
    private static final Pattern SELECTOR = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM").withZone(ZoneOffset.UTC);
    private static final Set<PosixFilePermission> OWNER_RW = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_RWX = PosixFilePermissions.fromString("rwx------");

    private final Path directory;
    private final Clock clock;

    /**
     * A key just created.
     *
     * @param domain   the domain in ASCII, lower case
     * @param selector the selector
     * @param file     where the private key is stored
     * @param record   the DNS record to publish, see {@link #record}
     */
    record Created(String domain, String selector, Path file, String record) {
    }

    /**
     * @param directory the key directory, created when a key is first stored
     * @param clock     for default selectors
     */
    DkimKeys(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /** @return the key directory */
    Path directory() {
        return directory;
    }

    /**
     * Creates a key pair and stores its private key as {@code <domain>.<selector>.key}, mode 600. The file is
     * written under a temporary name and then renamed, so a reader never sees a partial key.
     *
     * @param domain    the domain, any case, Unicode or ASCII
     * @param selector  the selector, or {@code null} for {@code rsa<yyyyMM>} or {@code ed<yyyyMM>}
     * @param algorithm {@code rsa}, {@code ed25519}, or {@code null} for {@code rsa}
     * @return the key's names, file and DNS record
     * @throws IllegalArgumentException if a name or the algorithm is malformed, or the key exists
     * @throws IOException              if the directory or the file cannot be written
     */
    Created create(String domain, String selector, String algorithm) throws IOException {
        String d = domain(domain);
        String alg = algorithm == null || algorithm.isBlank() ? RSA : algorithm.strip().toLowerCase(Locale.ROOT);
        if (!alg.equals(RSA) && !alg.equals(ED25519)) {
            throw new IllegalArgumentException("unknown key algorithm '" + algorithm + "': use rsa or ed25519");
        }
        String s = selector == null || selector.isBlank()
                ? (alg.equals(RSA) ? "rsa" : "ed") + MONTH.format(clock.instant()) : selector(selector);
        Path file = directory.resolve(d + "." + s + SUFFIX);
        if (Files.exists(file)) {
            throw new IllegalArgumentException("domain " + d + " already has a key with selector " + s + " (" + file
                    + "): choose another selector");
        }
        KeyPair pair = generate(alg);
        createDirectory();
        Path temp = directory.resolve("." + d + "." + s + ".tmp");
        Files.deleteIfExists(temp);
        try {
            try (SeekableByteChannel out = Files.newByteChannel(temp,
                    Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SYNC),
                    attributes(OWNER_RW))) {
                out.write(ByteBuffer.wrap(pem(pair.getPrivate()).getBytes(StandardCharsets.US_ASCII)));
            }
            Files.move(temp, file); // no REPLACE_EXISTING: a key of the same name created meanwhile stays
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException("domain " + d + " already has a key with selector " + s + " (" + file
                    + "): choose another selector", e);
        } finally {
            Files.deleteIfExists(temp);
        }
        return new Created(d, s, file, record(d, s, pair.getPublic()));
    }

    private void createDirectory() throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, attributes(OWNER_RWX));
        }
    }

    private FileAttribute<?>[] attributes(Set<PosixFilePermission> permissions) throws IOException {
        boolean posix = Files.getFileStore(Files.isDirectory(directory) ? directory : existingParent(directory))
                .supportsFileAttributeView("posix");
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
    }

    private static Path existingParent(Path p) {
        Path a = p.toAbsolutePath();
        while (a != null && !Files.exists(a)) {
            a = a.getParent();
        }
        return a == null ? Path.of(".").toAbsolutePath() : a;
    }

    private static KeyPair generate(String algorithm) {
        try {
            if (algorithm.equals(RSA)) {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(RSA_BITS);
                return g.generateKeyPair();
            }
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot create " + algorithm + " keys", e);
        }
    }

    /**
     * @param key a private key
     * @return the key as PKCS#8 PEM, lines of 64 characters
     */
    static String pem(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    /**
     * Reads a private key file.
     *
     * @param file a PKCS#8 PEM file
     * @return the RSA or Ed25519 key
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException if it holds no PKCS#8 RSA or Ed25519 key, saying how to convert it
     */
    static PrivateKey read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException(file + " holds no PKCS#8 private key (-----BEGIN PRIVATE KEY-----);"
                    + " convert it with: openssl pkcs8 -topk8 -nocrypt -in old.pem -out " + file.getFileName());
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(begin + 27, end));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " has malformed base64 in its PEM text", e);
        }
        for (String algorithm : List.of("RSA", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException e) {
                // try the next algorithm
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("this Java runtime lacks " + algorithm, e);
            }
        }
        throw new IllegalArgumentException(file + " holds neither an RSA nor an Ed25519 private key");
    }

    /**
     * @param key an RSA or Ed25519 private key
     * @return {@code rsa} or {@code ed25519}
     */
    static String algorithm(PrivateKey key) {
        return key.getAlgorithm().equals("RSA") ? RSA : ED25519;
    }

    /**
     * @param key an RSA or Ed25519 private key
     * @return its description for listings: {@code rsa-2048} or {@code ed25519}
     */
    static String describe(PrivateKey key) {
        return key instanceof RSAPrivateCrtKey rsa ? RSA + "-" + rsa.getModulus().bitLength() : algorithm(key);
    }

    /**
     * Derives the public key of an RSA private key (from its CRT form, as PKCS#8 files hold it).
     *
     * @param key the private key
     * @return the public key
     */
    static PublicKey rsaPublic(RSAPrivateCrtKey key) throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(key.getModulus(),
                key.getPublicExponent()));
    }

    /**
     * The DNS record of a public key, in master-file form on one line:
     * {@code <selector>._domainkey.<domain> IN TXT "v=DKIM1; k=rsa; p=..."}. {@code p=} is the
     * SubjectPublicKeyInfo of an RSA key, or the 32 raw octets of an Ed25519 key (RFC 8463 §4). A text longer
     * than 255 characters is split into several quoted strings, which resolvers join.
     *
     * @param domain   the domain in ASCII
     * @param selector the selector
     * @param key      an RSA or Ed25519 public key
     * @return the record line, without a final line end
     */
    static String record(String domain, String selector, PublicKey key) {
        byte[] spki = key.getEncoded();
        boolean rsa = key.getAlgorithm().equals("RSA");
        byte[] p = rsa ? spki : Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        String text = "v=DKIM1; k=" + (rsa ? RSA : ED25519) + "; p=" + Base64.getEncoder().encodeToString(p);
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < text.length(); i += TXT_STRING) {
            strings.add('"' + text.substring(i, Math.min(text.length(), i + TXT_STRING)) + '"');
        }
        return selector + "._domainkey." + domain + " IN TXT " + String.join(" ", strings);
    }

    /**
     * @param domain a domain name, any case, Unicode or ASCII, with or without a final dot
     * @return its ASCII form in lower case, without a final dot
     * @throws IllegalArgumentException if it is not a domain name of at least two labels
     */
    static String domain(String domain) {
        String d;
        try {
            d = IDN.toASCII(domain.strip(), IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + domain + "' is not a domain name (" + e.getMessage() + ")", e);
        }
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        String[] labels = d.split("\\.", -1);
        if (d.length() > 253 || labels.length < 2 || !Arrays.stream(labels).allMatch(l -> LABEL.matcher(l).matches())) {
            throw new IllegalArgumentException("'" + domain + "' is not a domain name such as example.com");
        }
        return d;
    }

    /**
     * @param selector a selector
     * @return it, stripped
     * @throws IllegalArgumentException if it is not one DNS label of letters, digits, {@code -} and {@code _}
     */
    static String selector(String selector) {
        String s = selector.strip();
        if (!SELECTOR.matcher(s).matches()) {
            throw new IllegalArgumentException("'" + selector + "' is not a selector: use one DNS label of letters,"
                    + " digits and '-', such as mail2026");
        }
        return s;
    }
}
