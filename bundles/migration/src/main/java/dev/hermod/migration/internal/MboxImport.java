package dev.hermod.migration.internal;

import dev.hermod.api.mail.MailboxId;
import dev.hermod.api.migration.FolderRoles;
import dev.hermod.api.migration.MboxFormat;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Imports an mbox file into one mailbox, or a directory of {@code .mbox} files (as the mbox export writes
 * them) into the mailboxes their relative paths name.
 */
final class MboxImport {

    private static final String SUFFIX = ".mbox";

    private final Path source;
    private final String mailbox;
    private final MboxFormat format;
    private final ImportTarget target;

    MboxImport(Path source, String mailbox, MboxFormat format, ImportTarget target) {
        this.source = source;
        this.mailbox = mailbox;
        this.format = format;
        this.target = target;
    }

    void run() throws IOException {
        if (Files.isDirectory(source)) {
            List<Path> files;
            try (Stream<Path> s = Files.walk(source)) {
                files = s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("No *.mbox file under " + source);
            }
            long count = 0;
            for (Path file : files) {
                count += count(file);
            }
            target.expect(count);
            for (Path file : files) {
                List<String> names = new ArrayList<>();
                source.relativize(file).forEach(p -> names.add(p.toString()));
                String last = names.remove(names.size() - 1);
                names.add(last.substring(0, last.length() - SUFFIX.length()));
                String path = (mailbox == null ? "" : mailbox + "/") + String.join("/", names);
                importFile(file, path);
            }
            return;
        }
        if (!Files.isRegularFile(source)) {
            throw new IllegalArgumentException("No mbox file at " + source);
        }
        target.expect(count(source));
        String name = source.getFileName().toString();
        importFile(source, mailbox != null ? mailbox : name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : name);
    }

    private void importFile(Path file, String path) throws IOException {
        MailboxId box = target.mailbox(path, FolderRoles.byName(path, '/').orElse(null));
        try (MboxReader reader = new MboxReader(new BufferedInputStream(Files.newInputStream(file), 65536), format)) {
            for (MboxReader.Message m; (m = reader.next()) != null; ) {
                if (m.raw().length == 0) {
                    target.skip("An empty message in " + file + " was skipped");
                    continue;
                }
                target.append(box, new ByteArrayInputStream(m.raw()), m.keywords(), m.receivedAt());
            }
        }
    }

    /** Counts the messages of a file, for the progress bar. */
    private static long count(Path file) throws IOException {
        long n = 0;
        boolean lineStart = true;
        boolean afterBlank = true;
        int matched = 0;
        byte[] from = {'F', 'r', 'o', 'm', ' '};
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 65536)) {
            int c;
            boolean blankLine = true;
            while ((c = in.read()) >= 0) {
                if (lineStart) {
                    matched = 0;
                    afterBlank = blankLine;
                    blankLine = true;
                }
                if (c == '\n') {
                    lineStart = true;
                    continue;
                }
                if (c != '\r') {
                    blankLine = false;
                }
                if (matched >= 0 && matched < from.length) {
                    matched = c == from[matched] ? matched + 1 : -1;
                    if (matched == from.length && afterBlank) {
                        n++;
                    }
                }
                lineStart = false;
            }
        }
        return n;
    }
}
