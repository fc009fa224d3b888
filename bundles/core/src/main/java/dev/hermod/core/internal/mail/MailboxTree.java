package dev.hermod.core.internal.mail;

import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mailbox.MailAccount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An account's live mailboxes as a tree: order, paths, lookups by path. Built from one read. Siblings sort
 * by sort order, then name; INBOX comes first, as IMAP clients expect.
 */
final class MailboxTree {

    private static final Comparator<MailboxRecord> SIBLINGS = Comparator
            .comparing((MailboxRecord m) -> m.role() != MailboxRole.INBOX).thenComparingInt(MailboxRecord::sortOrder)
            .thenComparing(MailboxRecord::name).thenComparingLong(MailboxRecord::id);

    private final Map<Long, MailboxRecord> byId = new HashMap<>();
    private final Map<Long, List<MailboxRecord>> children = new HashMap<>();

    MailboxTree(List<MailboxRecord> records) {
        for (MailboxRecord record : records) {
            if (!record.deleting()) {
                byId.put(record.id(), record);
            }
        }
        for (MailboxRecord record : byId.values()) {
            long parent = byId.containsKey(record.parent()) ? record.parent() : MailboxRecord.NO_PARENT;
            children.computeIfAbsent(parent, p -> new ArrayList<>()).add(record);
        }
        children.values().forEach(list -> list.sort(SIBLINGS));
    }

    /** Parents before children, siblings by sort order then name. */
    List<MailboxRecord> ordered() {
        List<MailboxRecord> out = new ArrayList<>(byId.size());
        walk(MailboxRecord.NO_PARENT, out, new HashSet<>());
        return out;
    }

    private void walk(long parent, List<MailboxRecord> out, Set<Long> seen) {
        for (MailboxRecord child : children.getOrDefault(parent, List.of())) {
            if (seen.add(child.id())) {
                out.add(child);
                walk(child.id(), out, seen);
            }
        }
    }

    MailboxRecord get(long id) {
        return byId.get(id);
    }

    List<MailboxRecord> children(long parent) {
        return children.getOrDefault(parent, List.of());
    }

    Optional<MailboxRecord> find(String path) {
        if (path == null || path.isEmpty()) {
            return Optional.empty();
        }
        long parent = MailboxRecord.NO_PARENT;
        MailboxRecord found = null;
        for (String name : path.split(String.valueOf(MailAccount.SEPARATOR), -1)) {
            boolean top = parent == MailboxRecord.NO_PARENT;
            found = null;
            for (MailboxRecord child : children(parent)) {
                if (child.name().equals(name) || MailboxNames.clash(child.name(), name, top)) {
                    found = child;
                    break;
                }
            }
            if (found == null) {
                return Optional.empty();
            }
            parent = found.id();
        }
        return Optional.ofNullable(found);
    }

    String path(long id) {
        StringBuilder path = new StringBuilder();
        Set<Long> seen = new HashSet<>();
        for (MailboxRecord m = byId.get(id); m != null && seen.add(m.id()); m = byId.get(m.parent())) {
            path.insert(0, path.length() == 0 ? m.name() : m.name() + MailAccount.SEPARATOR);
        }
        return path.toString();
    }

    Optional<MailboxRecord> withRole(MailboxRole role) {
        return byId.values().stream().filter(m -> m.role() == role).min(Comparator.comparingLong(MailboxRecord::id));
    }

    /** Whether {@code candidate} is {@code ancestor} or below it. */
    boolean isWithin(long candidate, long ancestor) {
        Set<Long> seen = new HashSet<>();
        for (long id = candidate; id != MailboxRecord.NO_PARENT && seen.add(id); ) {
            if (id == ancestor) {
                return true;
            }
            MailboxRecord m = byId.get(id);
            if (m == null) {
                return false;
            }
            id = m.parent();
        }
        return false;
    }
}
