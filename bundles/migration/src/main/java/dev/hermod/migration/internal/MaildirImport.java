package dev.hermod.migration.internal;

import dev.hermod.api.mail.MailboxId;
import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.migration.FolderRoles;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Imports a Maildir tree: the root is INBOX; Maildir++ folders {@code .A.B} (modified UTF-7 names) and
 * folders as sub-directories {@code A/B} become mailboxes {@code A/B}.
 */
final class MaildirImport {

    private final Path root;
    private final ImportTarget target;

    MaildirImport(Path root, ImportTarget target) {
        this.root = root;
        this.target = target;
    }

    void run() throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("No Maildir at " + root + ": not a directory");
        }
        Map<String, Path> folders = folders();
        if (folders.isEmpty()) {
            throw new IllegalArgumentException("No Maildir at " + root + ": no cur/ or new/ directory in it or its folders");
        }
        long count = 0;
        for (Path folder : folders.values()) {
            count += messages(folder).size();
        }
        target.expect(count);
        for (Map.Entry<String, Path> folder : folders.entrySet()) {
            importFolder(folder.getKey(), folder.getValue());
        }
    }

    /** Mailbox path to folder directory, INBOX first, parents before children. */
    private Map<String, Path> folders() throws IOException {
        Map<String, Path> out = new LinkedHashMap<>();
        if (isFolder(root)) {
            out.put("INBOX", root);
        }
        List<Path> children;
        try (Stream<Path> s = Files.list(root)) {
            children = s.filter(Files::isDirectory).sorted().toList();
        }
        for (Path dir : children) {
            String name = dir.getFileName().toString();
            if (name.startsWith(".") && name.length() > 1 && !name.equals("..") && isFolder(dir)) {
                List<String> names = new ArrayList<>();
                for (String part : name.substring(1).split("\\.")) {
                    names.add(escape(ModifiedUtf7.decode(part)));
                }
                out.put(String.join("/", names), dir);
            }
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isDirectory).filter(d -> !d.equals(root)).filter(this::plainFolder).sorted()
                    .forEach(dir -> {
                        List<String> names = new ArrayList<>();
                        root.relativize(dir).forEach(p -> names.add(escape(ModifiedUtf7.decode(p.toString()))));
                        out.putIfAbsent(String.join("/", names), dir);
                    });
        }
        return out;
    }

    /** A directory of the tree that is a folder, outside the Maildir++ folders and the cur/new/tmp directories. */
    private boolean plainFolder(Path dir) {
        for (Path p : root.relativize(dir)) {
            String name = p.toString();
            if (name.startsWith(".") || name.equals("cur") || name.equals("new") || name.equals("tmp")) {
                return false;
            }
        }
        return isFolder(dir);
    }

    private static boolean isFolder(Path dir) {
        return Files.isDirectory(dir.resolve("cur")) || Files.isDirectory(dir.resolve("new"));
    }

    private static String escape(String name) {
        return name.replace('/', '_');
    }

    /** The folder's message files, oldest first (Maildir names start with the delivery time). */
    private static List<Path> messages(Path folder) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String sub : List.of("cur", "new")) {
            Path dir = folder.resolve(sub);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).forEach(out::add);
                }
            }
        }
        out.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return out;
    }

    private void importFolder(String path, Path folder) throws IOException {
        MailboxRole role = FolderRoles.byName(path, '/').orElse(null);
        MailboxId mailbox = target.mailbox(path, role);
        List<String> keywords = MaildirFlags.readKeywords(folder);
        for (Path file : messages(folder)) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 65536)) {
                if (Files.size(file) == 0) {
                    target.skip("Empty file skipped: " + file);
                    continue;
                }
                target.append(mailbox, LineEnds.toCrlf(in), MaildirFlags.parse(file.getFileName().toString(), keywords),
                        Files.getLastModifiedTime(file).toInstant());
            } catch (UncheckedIOException | java.nio.file.NoSuchFileException e) {
                target.skip("Unreadable file skipped: " + file + ": " + e.getMessage());
            }
        }
    }
}
