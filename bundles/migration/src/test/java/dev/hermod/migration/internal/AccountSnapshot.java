package dev.hermod.migration.internal;

import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.Mailbox;
import dev.hermod.api.mailbox.MessageEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** What a user sees of an account through the store API: per mailbox path its role and messages in UID order. */
record AccountSnapshot(Map<String, Folder> folders) {

    record Folder(MailboxRole role, List<Message> messages) {
    }

    record Message(String sha256, long size, Set<String> keywords, Instant receivedAt) {
    }

    static AccountSnapshot of(MailAccount account) {
        Map<String, Folder> out = new TreeMap<>();
        for (Mailbox m : account.mailboxes()) {
            List<Message> messages = new ArrayList<>();
            for (MessageEntry e : account.view(m.id()).entries()) {
                messages.add(new Message(sha256(account, e), e.size(), new TreeSet<>(e.keywords()), e.receivedAt()));
            }
            out.put(account.path(m.id()), new Folder(m.role(), messages));
        }
        return new AccountSnapshot(out);
    }

    long messages() {
        return folders.values().stream().mapToLong(f -> f.messages().size()).sum();
    }

    private static String sha256(MailAccount account, MessageEntry e) {
        try (InputStream in = account.open(e.id(), 0, -1)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
