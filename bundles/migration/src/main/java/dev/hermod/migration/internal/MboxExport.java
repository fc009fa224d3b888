package dev.hermod.migration.internal;

import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mailbox.Keywords;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.Mailbox;
import dev.hermod.api.mailbox.MessageEntry;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;

/**
 * Writes each mailbox to an mboxrd file {@code <path>.mbox}: a {@code From MAILER-DAEMON <asctime>} line with
 * the internal date (UTC), {@code Status}/{@code X-Status}/{@code X-Keywords} fields for the flags, the
 * message with LF line ends and {@code >*From } lines quoted with one more {@code >}, and an empty line.
 */
final class MboxExport {

    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final MailAccount account;
    private final Path target;
    private final ExportCounter counter;

    MboxExport(MailAccount account, Path target, ExportCounter counter) {
        this.account = account;
        this.target = target;
        this.counter = counter;
    }

    void run() throws IOException {
        ExportCounter.prepare(target);
        for (Mailbox mailbox : account.mailboxes()) {
            String path = mailbox.role() == MailboxRole.INBOX ? "INBOX" : account.path(mailbox.id());
            Path file = target.resolve(path + ".mbox");
            Files.createDirectories(file.getParent());
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 65536)) {
                for (MessageEntry entry : account.view(mailbox.id()).entries()) {
                    write(out, entry);
                    counter.message(entry.size());
                }
            }
            counter.mailbox();
        }
    }

    private void write(OutputStream out, MessageEntry entry) throws IOException {
        out.write(("From MAILER-DAEMON " + ASCTIME.format(entry.receivedAt()) + "\n").getBytes(StandardCharsets.US_ASCII));
        out.write(flagFields(entry.keywords()).getBytes(StandardCharsets.UTF_8));
        try (InputStream in = new BufferedInputStream(account.open(entry.id(), 0, -1), 65536)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\n') {
                    writeLine(out, line);
                } else {
                    line.write(c);
                }
            }
            if (line.size() > 0) {
                writeLine(out, line);
            }
        }
        out.write('\n');
    }

    private static void writeLine(OutputStream out, ByteArrayOutputStream line) throws IOException {
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        int i = 0;
        while (i < length && bytes[i] == '>') {
            i++;
        }
        if (length - i >= 5 && new String(bytes, i, 5, StandardCharsets.US_ASCII).equals("From ")) {
            out.write('>');
        }
        out.write(bytes, 0, length);
        out.write('\n');
        line.reset();
    }

    static String flagFields(Set<String> keywords) {
        StringBuilder out = new StringBuilder("Status: ").append(keywords.contains(Keywords.SEEN) ? "RO" : "O").append('\n');
        StringBuilder status = new StringBuilder();
        if (keywords.contains(Keywords.ANSWERED)) {
            status.append('A');
        }
        if (keywords.contains(Keywords.FLAGGED)) {
            status.append('F');
        }
        if (keywords.contains(Keywords.DRAFT)) {
            status.append('T');
        }
        if (keywords.contains(Keywords.DELETED)) {
            status.append('D');
        }
        if (status.length() > 0) {
            out.append("X-Status: ").append(status).append('\n');
        }
        StringBuilder other = new StringBuilder();
        for (String k : keywords.stream().sorted().toList()) {
            if (!Set.of(Keywords.SEEN, Keywords.ANSWERED, Keywords.FLAGGED, Keywords.DRAFT, Keywords.DELETED).contains(k)) {
                other.append(other.length() == 0 ? "" : " ").append(k);
            }
        }
        if (other.length() > 0) {
            out.append("X-Keywords: ").append(other).append('\n');
        }
        return out.toString();
    }
}
