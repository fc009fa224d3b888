package dev.hermod.api.migration;

import dev.hermod.api.admin.MigrationProgress;
import java.nio.file.Path;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Imports mail into an account and exports it, while the server runs.
 *
 * <p>Imported messages are added with {@link dev.hermod.api.mailbox.MailAccount#append}: the keywords and
 * internal date of the source, the bytes unchanged except that bare LF line ends become CRLF (RFC 5322) and,
 * for mbox, the {@code From } line quoting is undone. Folders are created as needed; a folder whose name or
 * special-use attribute says Sent, Drafts, Trash, Junk or Archive goes into the account's mailbox with that
 * role (see {@link FolderRoles}). Nothing already in the account is changed or removed.
 *
 * <p>Paths name files on the machine the server runs on. Every method blocks until the work is done,
 * reports to {@code progress} on the working thread, and may throw
 * {@link dev.hermod.api.mailbox.MailboxException} ({@code NO_SUCH_ACCOUNT}, {@code OVER_QUOTA}),
 * {@link IllegalArgumentException} for a source that is not what it claims, or
 * {@link dev.hermod.api.mail.TemporaryFailureException} when storage or the remote server fails; what was
 * imported before the failure stays, and an IMAP import resumes after the last message it stored.
 */
@ProviderType
public interface MailMigration {

    /**
     * Imports a Maildir: the directory with {@code cur/ new/} is INBOX; Maildir++ sub-folders
     * ({@code .Sent}, {@code .Work.2024}, names in IMAP modified UTF-7) and directory-per-folder layouts
     * ({@code Sent/cur}) become mailboxes. Flags come from the file names' {@code :2,} info (S seen, R answered,
     * F flagged, D draft, T deleted, P forwarded; Dovecot's lower-case keyword letters through
     * {@code dovecot-keywords}); the internal date is the file's modification time.
     *
     * @param account  the account's name in the directory
     * @param maildir  the Maildir's root directory
     * @param progress told after every message, not {@code null}
     * @return what was imported
     */
    ImportReport importMaildir(String account, Path maildir, MigrationProgress progress);

    /**
     * Imports an mbox file into one mailbox. Messages start at lines {@code From sender date} at the start of
     * the file or after an empty line. {@code Status}, {@code X-Status} and {@code X-Keywords} give the flags
     * (and are removed, as their values are metadata); the date of the {@code From } line is the internal
     * date.
     *
     * @param account  the account's name in the directory
     * @param mbox     the mbox file
     * @param mailbox  the mailbox path, {@link dev.hermod.api.mailbox.MailAccount#SEPARATOR}-separated,
     *                 created if missing; {@code null} for a name taken from the file name
     * @param format   how {@code From } lines inside messages were quoted
     * @param progress told after every message, not {@code null}
     * @return what was imported
     */
    ImportReport importMbox(String account, Path mbox, String mailbox, MboxFormat format, MigrationProgress progress);

    /**
     * Copies every folder of a live IMAP account (RFC 3501/9051) with its messages' flags and internal
     * dates. The position reached in each folder (its UIDVALIDITY and last UID) is saved after every batch,
     * so running the same import again fetches only messages added since, and an interrupted one resumes;
     * a folder whose UIDVALIDITY changed is imported again from the start.
     *
     * @param account  the account's name in the directory
     * @param source   the server and credentials
     * @param progress told after every message, not {@code null}
     * @return what was imported by this run
     */
    ImportReport importImap(String account, ImapSource source, MigrationProgress progress);

    /**
     * Writes an account to a Maildir++ tree: INBOX at the root, other mailboxes as {@code .Name.Sub}
     * folders (modified UTF-7), flags in the file names, internal dates as modification times, LF line
     * ends, and a {@code dovecot-keywords} file for keywords other than the system flags.
     *
     * @param account  the account's name in the directory
     * @param target   a directory that does not exist or is empty
     * @param progress told after every message, not {@code null}
     * @return what was exported
     */
    ExportReport exportMaildir(String account, Path target, MigrationProgress progress);

    /**
     * Writes each mailbox of an account to an mboxrd file {@code <path>.mbox} under a directory (sub-folders
     * as sub-directories), with {@code Status}/{@code X-Status}/{@code X-Keywords} header fields holding the
     * flags and LF line ends.
     *
     * @param account  the account's name in the directory
     * @param target   a directory that does not exist or is empty
     * @param progress told after every message, not {@code null}
     * @return what was exported
     */
    ExportReport exportMbox(String account, Path target, MigrationProgress progress);
}
