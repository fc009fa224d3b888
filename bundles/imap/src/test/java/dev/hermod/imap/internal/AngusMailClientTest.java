package dev.hermod.imap.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.BodyPart;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.SubjectTerm;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.Test;

/** Angus Mail (Jakarta Mail) as an IMAP client: folders, fetch profiles, MIME parts, flags, search, copy, move. */
class AngusMailClientTest extends ImapTestSupport {

    private Store connect(int port, boolean starttls) throws Exception {
        Properties p = new Properties();
        p.put("mail.imap.host", "127.0.0.1");
        p.put("mail.imap.port", Integer.toString(port));
        p.put("mail.imap.connectiontimeout", "10000");
        p.put("mail.imap.timeout", "10000");
        if (starttls) {
            p.put("mail.imap.starttls.enable", "true");
            p.put("mail.imap.starttls.required", "true");
            p.put("mail.imap.ssl.trust", "*");
            p.put("mail.imap.ssl.checkserveridentity", "false");
        }
        Store store = Session.getInstance(p).getStore("imap");
        store.connect("alice", "secret");
        return store;
    }

    @Test
    void foldersMessagesPartsFlagsSearchCopyMove() throws Exception {
        int port = server("starttls", Map.of());
        deliver("alice", "INBOX", SIMPLE);
        deliver("alice", "INBOX", MULTIPART);
        Store store = connect(port, true);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            assertEquals(2, inbox.getMessageCount());
            Message[] messages = inbox.getMessages();
            FetchProfile profile = new FetchProfile();
            profile.add(FetchProfile.Item.ENVELOPE);
            profile.add(FetchProfile.Item.FLAGS);
            profile.add(FetchProfile.Item.CONTENT_INFO);
            profile.add(UIDFolder.FetchProfileItem.UID);
            inbox.fetch(messages, profile);
            assertEquals("Hello there", messages[0].getSubject());
            assertEquals("Bob Example", ((InternetAddress) messages[0].getFrom()[0]).getPersonal());
            assertEquals(2, ((UIDFolder) inbox).getUID(messages[1]));
            assertTrue(messages[1].isMimeType("multipart/mixed"));
            Multipart mp = (Multipart) messages[1].getContent();
            assertEquals(2, mp.getCount());
            assertEquals("See the attachment.", mp.getBodyPart(0).getContent());
            BodyPart pdf = mp.getBodyPart(1);
            assertEquals("r.pdf", pdf.getFileName());
            assertArrayEquals("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), pdf.getInputStream().readAllBytes());
            assertTrue(messages[1].isSet(Flags.Flag.SEEN), "reading the content set \\Seen");
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            messages[0].writeTo(raw);
            assertEquals(SIMPLE, raw.toString(StandardCharsets.UTF_8));

            messages[0].setFlag(Flags.Flag.FLAGGED, true);
            assertEquals(1, inbox.search(new FlagTerm(new Flags(Flags.Flag.FLAGGED), true)).length);
            assertEquals(1, inbox.search(new SubjectTerm("report")).length);

            Folder archive = store.getFolder("Projects");
            assertTrue(archive.create(Folder.HOLDS_MESSAGES));
            inbox.copyMessages(new Message[] {messages[0]}, archive);
            ((IMAPFolder) inbox).moveMessages(new Message[] {messages[1]}, archive);
            assertTrue(messages[1].isExpunged(), "MOVE's EXPUNGE reached the client");

            MimeMessage draft = new MimeMessage(Session.getInstance(new Properties()));
            draft.setFrom(new InternetAddress("alice@example.org"));
            draft.setSubject("Draft from Angus", "UTF-8");
            draft.setText("Grüße", "UTF-8");
            Folder drafts = store.getFolder("Drafts");
            drafts.appendMessages(new Message[] {draft});
            drafts.open(Folder.READ_ONLY);
            assertEquals("Draft from Angus", drafts.getMessage(1).getSubject());
            assertEquals("Grüße", drafts.getMessage(1).getContent());
            drafts.close(false);

            archive.open(Folder.READ_ONLY);
            assertEquals(2, archive.getMessageCount());
            archive.close(false);
            messages[0].setFlag(Flags.Flag.DELETED, true);
            inbox.close(true);
            Folder[] list = store.getDefaultFolder().list("*");
            assertEquals(7, list.length, java.util.Arrays.toString(list));
            inbox.open(Folder.READ_ONLY);
            assertEquals(0, inbox.getMessageCount());
        } finally {
            store.close();
        }
    }
}
