package dev.hermod.migration.internal;

import dev.hermod.api.admin.MigrationProgress;
import dev.hermod.api.mail.MailboxId;
import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mailbox.Appended;
import dev.hermod.api.mailbox.Keywords;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.Mailbox;
import dev.hermod.api.migration.ImportReport;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where an import goes: finds or creates the account's mailboxes by source path and role, appends
 * messages, and counts what happened for the report and the progress bar.
 */
final class ImportTarget {

    private final MailAccount account;
    private final MigrationProgress progress;
    private final long started = System.nanoTime();
    private final Map<String, MailboxId> byPath = new HashMap<>();
    private final Set<MailboxId> touched = new HashSet<>();
    private final List<String> warnings = new ArrayList<>();
    private long total = -1;
    private long messages;
    private long bytes;
    private long skipped;

    ImportTarget(MailAccount account, MigrationProgress progress) {
        this.account = account;
        this.progress = progress;
    }

    MailAccount account() {
        return account;
    }

    void expect(long messages) {
        total = messages;
    }

    /**
     * The mailbox for a source folder: the account's mailbox with the role when one is given or the name
     * suggests it, else the mailbox at {@code path}, created with its parents when missing.
     *
     * @param path the folder's path with {@code /} separators; names holding {@code /} must be escaped by the caller
     * @param role the role the source gives the folder, or {@code null}
     */
    MailboxId mailbox(String path, MailboxRole role) {
        return byPath.computeIfAbsent(path + "\u0000" + role, k -> resolve(path, role));
    }

    private MailboxId resolve(String path, MailboxRole role) {
        if (path.equalsIgnoreCase("INBOX")) {
            role = MailboxRole.INBOX;
        }
        if (role != null) {
            Optional<Mailbox> withRole = account.mailbox(role);
            if (withRole.isPresent()) {
                return withRole.get().id();
            }
        }
        Optional<Mailbox> existing = account.find(path);
        if (existing.isPresent()) {
            return existing.get().id();
        }
        MailboxId parent = null;
        StringBuilder sofar = new StringBuilder();
        String[] names = path.split(String.valueOf(MailAccount.SEPARATOR));
        for (int i = 0; i < names.length; i++) {
            String name = names[i].isBlank() ? "_" : names[i].strip();
            sofar.append(i == 0 ? "" : MailAccount.SEPARATOR).append(name);
            Optional<Mailbox> found = account.find(sofar.toString());
            if (found.isPresent()) {
                parent = found.get().id();
            } else {
                MailboxRole own = i == names.length - 1 && role != null && account.mailbox(role).isEmpty() ? role : null;
                parent = account.createMailbox(name, parent, own).id();
                touched.add(parent);
            }
        }
        return parent;
    }

    /** Adds a message; keywords that cannot be stored are dropped. */
    Appended append(MailboxId mailbox, InputStream raw, Set<String> keywords, Instant receivedAt) throws IOException {
        return append(mailbox, raw, keywords, receivedAt, () -> { });
    }

    /**
     * Adds a message, then runs {@code stored} (to save a resume position) before telling the progress listener,
     * which may stop the import by throwing.
     */
    Appended append(MailboxId mailbox, InputStream raw, Set<String> keywords, Instant receivedAt, Runnable stored)
            throws IOException {
        Set<String> valid = new LinkedHashSet<>();
        for (String k : keywords) {
            if (Keywords.isValid(k)) {
                valid.add(k);
            }
        }
        Appended appended = account.append(mailbox, raw, valid, receivedAt);
        touched.add(mailbox);
        messages++;
        bytes += appended.size();
        stored.run();
        progress.update("importing", messages + skipped, total, bytes);
        return appended;
    }

    void skip(String warning) {
        skipped++;
        if (warning != null && warnings.size() < 100) {
            warnings.add(warning);
        }
        progress.update("importing", messages + skipped, total, bytes);
    }

    void warn(String warning) {
        if (warnings.size() < 100) {
            warnings.add(warning);
        }
    }

    ImportReport report() {
        return new ImportReport(account.name(), touched.size(), messages, bytes, skipped,
                Duration.ofNanos(System.nanoTime() - started), warnings);
    }
}
