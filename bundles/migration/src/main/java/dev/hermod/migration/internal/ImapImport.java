package dev.hermod.migration.internal;

import dev.hermod.api.mail.MailboxId;
import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mail.TemporaryFailureException;
import dev.hermod.api.mailbox.Keywords;
import dev.hermod.api.migration.FolderRoles;
import dev.hermod.api.migration.ImapSource;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;

/**
 * Copies every selectable folder of an IMAP account with Angus Mail: UID, FLAGS, INTERNALDATE and size are
 * fetched for a batch of messages at a time, then each message's {@code BODY.PEEK[]} (nothing is marked
 * seen on the source). The position (UIDVALIDITY, last UID) is saved after every message stored, so a run
 * stopped at any point resumes after the last message it stored (a crash between storing a message and
 * saving the position imports that one message twice).
 */
final class ImapImport {

    static final int BATCH = 200;

    private final ImapSource source;
    private final ImportTarget target;
    private final ImportCursors cursors;
    private final String sourceKey;

    ImapImport(ImapSource source, ImportTarget target, ImportCursors cursors) {
        this.source = source;
        this.target = target;
        this.cursors = cursors;
        this.sourceKey = source.user() + "@" + source.host() + ":" + source.port();
    }

    void run() throws IOException {
        // Jakarta Mail finds its providers through the context class loader; they are in this bundle.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ImapImport.class.getClassLoader());
        try (Store store = connect()) {
            String prefix = personalPrefix(store);
            List<Folder> folders = new ArrayList<>(Arrays.asList(store.getDefaultFolder().list("*")));
            folders.sort((a, b) -> a.getFullName().equalsIgnoreCase("INBOX") ? -1
                    : b.getFullName().equalsIgnoreCase("INBOX") ? 1 : a.getFullName().compareTo(b.getFullName()));
            Properties positions = cursors.load(target.account().name(), sourceKey);
            long expected = 0;
            for (Folder f : folders) {
                if ((f.getType() & Folder.HOLDS_MESSAGES) != 0 && !noSelect((IMAPFolder) f)) {
                    expected += f.getMessageCount();
                }
            }
            target.expect(expected);
            for (Folder f : folders) {
                IMAPFolder folder = (IMAPFolder) f;
                if ((folder.getType() & Folder.HOLDS_MESSAGES) == 0 || noSelect(folder)) {
                    continue;
                }
                importFolder(folder, prefix, positions);
            }
        } catch (jakarta.mail.AuthenticationFailedException e) {
            throw new IllegalArgumentException("IMAP import from " + source.host() + ":" + source.port() + ": the server refused"
                    + " the login of " + source.user() + " (" + e.getMessage() + ")", e);
        } catch (MessagingException e) {
            if (untrustedCertificate(e)) {
                throw new IllegalArgumentException("IMAP import from " + source.host() + ":" + source.port() + ": the server's"
                        + " certificate is not trusted (" + rootCause(e) + "). For a server with a self-signed certificate"
                        + " allow any certificate (--trust-all), or add its CA to the Java trust store.", e);
            }
            throw new TemporaryFailureException("IMAP import from " + source.host() + ":" + source.port() + " failed: "
                    + e.getMessage() + "; run it again to resume after the last message imported", e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static boolean untrustedCertificate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.security.GeneralSecurityException || t instanceof javax.net.ssl.SSLPeerUnverifiedException) {
                return true;
            }
        }
        return false;
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private Store connect() throws MessagingException {
        Properties p = new Properties();
        String protocol = source.security() == ImapSource.Security.TLS ? "imaps" : "imap";
        p.setProperty("mail.store.protocol", protocol);
        p.setProperty("mail." + protocol + ".partialfetch", "false");
        p.setProperty("mail." + protocol + ".connectiontimeout", "30000");
        p.setProperty("mail." + protocol + ".timeout", "120000");
        p.setProperty("mail." + protocol + ".fetchsize", "1048576");
        if (source.security() == ImapSource.Security.STARTTLS) {
            p.setProperty("mail.imap.starttls.enable", "true");
            p.setProperty("mail.imap.starttls.required", "true");
        }
        if (source.trustAll()) {
            p.setProperty("mail." + protocol + ".ssl.trust", "*");
            p.setProperty("mail." + protocol + ".ssl.checkserveridentity", "false");
        } else if (source.security() != ImapSource.Security.NONE) {
            p.setProperty("mail." + protocol + ".ssl.checkserveridentity", "true");
        }
        Store store = Session.getInstance(p).getStore(protocol);
        store.connect(source.host(), source.port(), source.user(), source.password());
        return store;
    }

    private static String personalPrefix(Store store) throws MessagingException {
        Folder[] personal = store.getPersonalNamespaces();
        return personal.length > 0 ? personal[0].getFullName() : "";
    }

    private static boolean noSelect(IMAPFolder folder) throws MessagingException {
        for (String a : folder.getAttributes()) {
            if (a.equalsIgnoreCase("\\Noselect") || a.equalsIgnoreCase("\\NonExistent")) {
                return true;
            }
        }
        return false;
    }

    private void importFolder(IMAPFolder folder, String prefix, Properties positions) throws MessagingException, IOException {
        String name = folder.getFullName();
        char separator = folder.getSeparator();
        MailboxRole role = null;
        for (String a : folder.getAttributes()) {
            role = role != null ? role : MailboxRole.fromImapAttribute(a).orElse(null);
        }
        String path = mailboxPath(name, prefix, separator);
        if (role == null) {
            role = FolderRoles.byName(path, '/').orElse(null);
        }
        MailboxId mailbox = target.mailbox(path, role);
        folder.open(Folder.READ_ONLY);
        try {
            long uidValidity = folder.getUIDValidity();
            ImportCursors.Position position = ImportCursors.position(positions, name);
            long next = position != null && position.uidValidity() == uidValidity ? position.lastUid() + 1 : 1;
            if (position != null && position.uidValidity() != uidValidity) {
                target.warn("The UIDVALIDITY of " + name + " changed since the last run: imported again from the start");
            }
            Message[] all = folder.getMessagesByUID(next, UIDFolder.MAXUID);
            FetchProfile profile = new FetchProfile();
            profile.add(UIDFolder.FetchProfileItem.UID);
            profile.add(FetchProfile.Item.FLAGS);
            profile.add(FetchProfile.Item.ENVELOPE);
            for (int start = 0; start < all.length; start += BATCH) {
                Message[] batch = Arrays.copyOfRange(all, start, Math.min(all.length, start + BATCH));
                folder.fetch(batch, profile);
                for (Message m : batch) {
                    long uid = folder.getUID(m);
                    if (uid < next) {
                        continue;
                    }
                    IMAPMessage message = (IMAPMessage) m;
                    message.setPeek(true);
                    ByteArrayOutputStream raw = new ByteArrayOutputStream(Math.max(1024, message.getSize()));
                    message.writeTo(raw);
                    // The position is saved after every message: an interrupted run resumes after the last one stored.
                    target.append(mailbox, new ByteArrayInputStream(raw.toByteArray()), keywords(message.getFlags()),
                            message.getReceivedDate() == null ? null : message.getReceivedDate().toInstant(), () -> {
                                positions.setProperty(name, uidValidity + " " + uid);
                                cursors.save(target.account().name(), sourceKey, positions);
                            });
                    message.invalidateHeaders();
                }
            }
        } finally {
            folder.close(false);
        }
    }

    /** The mailbox path of a source folder: personal namespace prefix removed, {@code /} as separator. */
    static String mailboxPath(String fullName, String prefix, char separator) {
        String name = fullName;
        if (!prefix.isEmpty() && !name.equalsIgnoreCase("INBOX")) {
            String p = prefix.endsWith(String.valueOf(separator)) ? prefix : prefix + separator;
            if (name.regionMatches(true, 0, p, 0, p.length())) {
                name = name.substring(p.length());
            }
        }
        if (separator == '/') {
            return name;
        }
        List<String> parts = new ArrayList<>();
        for (String part : name.split(java.util.regex.Pattern.quote(String.valueOf(separator)))) {
            parts.add(part.replace('/', '_'));
        }
        return String.join("/", parts);
    }

    static Set<String> keywords(Flags flags) {
        Set<String> out = new LinkedHashSet<>();
        for (Flags.Flag f : flags.getSystemFlags()) {
            if (f == Flags.Flag.SEEN) {
                out.add(Keywords.SEEN);
            } else if (f == Flags.Flag.ANSWERED) {
                out.add(Keywords.ANSWERED);
            } else if (f == Flags.Flag.FLAGGED) {
                out.add(Keywords.FLAGGED);
            } else if (f == Flags.Flag.DRAFT) {
                out.add(Keywords.DRAFT);
            } else if (f == Flags.Flag.DELETED) {
                out.add(Keywords.DELETED);
            }
        }
        for (String user : flags.getUserFlags()) {
            out.add(user.toLowerCase(Locale.ROOT));
        }
        return out;
    }
}
