package dev.hermod.dkim.internal;

import dev.hermod.api.mail.TemporaryFailureException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signing keys of a key directory (see {@link DkimKeys}) and which of them sign for a domain: the selectors
 * pinned for it, else the newest key (by file modification time) of each algorithm, RSA first.
 *
 * <p>The directory is listed again when its modification time changes (a key added, removed or renamed) and at
 * least every {@value #RESCAN_MILLIS} ms; a key file is parsed again when its modification time or size
 * changes. So keys are added and rotated without a restart.
 */
final class SigningKeys {

    private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);

    static final long RESCAN_MILLIS = 10_000;

    /**
     * A key file.
     *
     * @param domain   the domain part of its name
     * @param selector the selector part of its name
     * @param file     the file
     * @param modified its modification time
     */
    record Entry(String domain, String selector, Path file, FileTime modified) {
    }

    /**
     * A key to sign with.
     *
     * @param domain   {@code d=}
     * @param selector {@code s=}
     * @param key      the private key
     */
    record Key(String domain, String selector, PrivateKey key) {
        /** @return {@code rsa-sha256} or {@code ed25519-sha256} */
        String signingAlgorithm() {
            return DkimKeys.algorithm(key) + "-sha256";
        }
    }

    private record Scan(FileTime directoryModified, long at, Map<String, List<Entry>> byDomain) {
    }

    private record Loaded(FileTime modified, long size, PrivateKey key) {
    }

    private final Path directory;
    private final Map<String, List<String>> pinned;
    private final Map<Path, Loaded> loaded = new ConcurrentHashMap<>();
    private final Set<Path> warned = ConcurrentHashMap.newKeySet();
    private volatile Scan scan;

    /**
     * @param directory the key directory; it need not exist yet
     * @param pinned    per domain (ASCII, lower case), the selectors to sign with instead of the newest keys
     */
    SigningKeys(Path directory, Map<String, List<String>> pinned) {
        this.directory = directory;
        this.pinned = Map.copyOf(pinned);
    }

    /**
     * @return every key file, by domain, newest first
     * @throws IOException if the directory cannot be listed
     */
    Map<String, List<Entry>> entries() throws IOException {
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(directory);
        } catch (NoSuchFileException e) {
            return Map.of();
        }
        Scan s = scan;
        long now = System.currentTimeMillis();
        if (s == null || !s.directoryModified.equals(modified) || now - s.at > RESCAN_MILLIS) {
            s = new Scan(modified, now, list());
            scan = s;
        }
        return s.byDomain;
    }

    private Map<String, List<Entry>> list() throws IOException {
        Map<String, List<Entry>> byDomain = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + DkimKeys.SUFFIX)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String stem = name.substring(0, name.length() - DkimKeys.SUFFIX.length());
                int dot = stem.lastIndexOf('.');
                if (name.startsWith(".") || dot <= 0 || !Files.isRegularFile(file)) {
                    continue;
                }
                try {
                    Entry e = new Entry(DkimKeys.domain(stem.substring(0, dot)), DkimKeys.selector(stem.substring(dot + 1)),
                            file, Files.getLastModifiedTime(file));
                    byDomain.computeIfAbsent(e.domain(), d -> new ArrayList<>()).add(e);
                } catch (IllegalArgumentException e) {
                    warnOnce(file, "ignoring " + file + ": its name is not <domain>.<selector>.key");
                } catch (NoSuchFileException e) {
                    // removed meanwhile
                }
            }
        }
        Comparator<Entry> newestFirst = Comparator.comparing(Entry::modified).reversed()
                .thenComparing(Entry::selector, Comparator.reverseOrder());
        byDomain.values().forEach(l -> l.sort(newestFirst));
        return byDomain;
    }

    /**
     * @param domain ASCII, lower case
     * @return whether a key file exists for it (pinned selectors: one of theirs)
     */
    boolean has(String domain) {
        try {
            return !candidates(domain).isEmpty();
        } catch (IOException e) {
            LOG.warn("Cannot list the DKIM key directory {}: {}", directory, e.toString());
            return false;
        }
    }

    /**
     * @param domain ASCII, lower case
     * @return the keys to sign with, RSA first (pinned ones in the pinned order); empty if the domain has none
     * @throws TemporaryFailureException if the directory, a pinned key or the newest key cannot be read or
     *                                   parsed (an older unusable key is skipped with a warning)
     */
    List<Key> forDomain(String domain) {
        List<Entry> candidates;
        try {
            candidates = candidates(domain);
        } catch (IOException e) {
            throw new TemporaryFailureException("cannot list the DKIM key directory " + directory + ": " + e, e);
        }
        List<Key> keys = new ArrayList<>();
        boolean pin = pinned.containsKey(domain);
        for (Entry e : candidates) {
            Key k;
            try {
                k = new Key(domain, e.selector(), load(e));
            } catch (TemporaryFailureException ex) {
                if (pin || e == candidates.get(0)) {
                    throw ex; // a key it must sign with
                }
                warnOnce(e.file(), "ignoring an older DKIM key of " + domain + ": " + ex.getMessage());
                continue;
            }
            if (pin || keys.stream().noneMatch(o -> o.key().getAlgorithm().equals(k.key().getAlgorithm()))) {
                keys.add(k);
            }
        }
        if (!pin) {
            keys.sort(Comparator.comparing(k -> k.key().getAlgorithm().equals("RSA") ? 0 : 1));
        }
        return keys;
    }

    /**
     * @param domain ASCII, lower case
     * @return the selectors {@link #forDomain} signs with, for listings
     */
    List<String> inUse(String domain) {
        return forDomain(domain).stream().map(Key::selector).toList();
    }

    private List<Entry> candidates(String domain) throws IOException {
        List<Entry> all = entries().getOrDefault(domain, List.of());
        List<String> selectors = pinned.get(domain);
        if (selectors == null) {
            return all;
        }
        List<Entry> chosen = new ArrayList<>();
        for (String s : selectors) {
            all.stream().filter(e -> e.selector().equalsIgnoreCase(s)).findFirst().ifPresentOrElse(chosen::add,
                    () -> warnOnce(directory.resolve(domain + "." + s + DkimKeys.SUFFIX), "selector " + s
                            + " is pinned for " + domain + " but " + directory.resolve(domain + "." + s + DkimKeys.SUFFIX)
                            + " does not exist"));
        }
        return chosen;
    }

    /**
     * @param e a key file
     * @return its key, parsed once per version of the file
     * @throws TemporaryFailureException if it cannot be read or parsed
     */
    PrivateKey load(Entry e) {
        try {
            FileTime modified = Files.getLastModifiedTime(e.file());
            long size = Files.size(e.file());
            Loaded l = loaded.get(e.file());
            if (l == null || !l.modified.equals(modified) || l.size != size) {
                checkPermissions(e.file());
                l = new Loaded(modified, size, DkimKeys.read(e.file()));
                loaded.put(e.file(), l);
            }
            return l.key;
        } catch (IOException ex) {
            throw new TemporaryFailureException("cannot read the DKIM key " + e.file() + ": " + ex, ex);
        } catch (IllegalArgumentException ex) {
            throw new TemporaryFailureException("unusable DKIM key: " + ex.getMessage(), ex);
        }
    }

    private void checkPermissions(Path file) {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            if (p.stream().anyMatch(x -> x.name().startsWith("GROUP") || x.name().startsWith("OTHERS"))) {
                warnOnce(file, "the DKIM private key " + file + " is readable by others: chmod 600 it");
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system
        }
    }

    private void warnOnce(Path file, String message) {
        if (warned.add(file)) {
            LOG.warn(message);
        }
    }
}
