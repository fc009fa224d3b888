package dev.hermod.migration.internal;

import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.Mailbox;
import dev.hermod.api.mailbox.MessageEntry;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an account as a Maildir++ tree: INBOX at the root, others as {@code .A.B} folders (names in
 * modified UTF-7, a {@code .} in a name as {@code &AC4-}) with a {@code maildirfolder} file, messages in
 * {@code cur/} with LF line ends, flags in the names, internal dates as modification times.
 */
final class MaildirExport {

    private final MailAccount account;
    private final Path target;
    private final ExportCounter counter;

    MaildirExport(MailAccount account, Path target, ExportCounter counter) {
        this.account = account;
        this.target = target;
        this.counter = counter;
    }

    void run() throws IOException {
        ExportCounter.prepare(target);
        for (Mailbox mailbox : account.mailboxes()) {
            Path folder = mailbox.role() == MailboxRole.INBOX ? target : target.resolve(folderName(account.path(mailbox.id())));
            for (String sub : List.of("cur", "new", "tmp")) {
                Files.createDirectories(folder.resolve(sub));
            }
            if (!folder.equals(target)) {
                Files.createFile(folder.resolve("maildirfolder"));
            }
            List<String> keywords = new ArrayList<>();
            for (MessageEntry entry : account.view(mailbox.id()).entries()) {
                String name = entry.receivedAt().getEpochSecond() + ".H" + entry.id().value() + "U" + entry.uid()
                        + ".hermod" + MaildirFlags.info(entry.keywords(), keywords);
                Path tmp = folder.resolve("tmp").resolve(name);
                try (InputStream in = account.open(entry.id(), 0, -1); OutputStream out = LineEnds.toLf(new BufferedOutputStream(Files.newOutputStream(tmp), 65536))) {
                    in.transferTo(out);
                }
                Files.setLastModifiedTime(tmp, FileTime.from(entry.receivedAt()));
                Files.move(tmp, folder.resolve("cur").resolve(name), StandardCopyOption.ATOMIC_MOVE);
                counter.message(entry.size());
            }
            MaildirFlags.writeKeywords(folder, keywords);
            counter.mailbox();
        }
    }

    static String folderName(String path) {
        StringBuilder out = new StringBuilder();
        for (String name : path.split(String.valueOf(MailAccount.SEPARATOR))) {
            out.append('.').append(ModifiedUtf7.encode(name).replace(".", "&AC4-"));
        }
        return out.toString();
    }
}
