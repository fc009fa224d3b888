package dev.hermod.api.mail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MailValuesTest {

    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void blobHashValidation() {
        assertEquals(EMPTY_SHA256, BlobHash.sha256(new byte[0]).hex());
        assertEquals(EMPTY_SHA256, BlobHash.parse(EMPTY_SHA256.toUpperCase()).toString());
        assertThrows(IllegalArgumentException.class, () -> new BlobHash(EMPTY_SHA256.toUpperCase()));
        assertThrows(IllegalArgumentException.class, () -> new BlobHash(EMPTY_SHA256.substring(1)));
        assertThrows(IllegalArgumentException.class, () -> new BlobHash(EMPTY_SHA256.replace('e', 'g')));
        assertThrows(NullPointerException.class, () -> new BlobHash(null));
        assertThrows(IllegalArgumentException.class, () -> BlobHash.of(new byte[31]));
        byte[] digest = HexFormat.of().parseHex(EMPTY_SHA256);
        assertEquals(BlobHash.of(digest), BlobHash.sha256("".getBytes(StandardCharsets.UTF_8)));
        assertArrayEquals(digest, BlobHash.of(digest).bytes());
    }

    @Test
    void smtpReplyValidation() {
        SmtpReply r = new SmtpReply(550, "5.1.1", "No such user here");
        assertTrue(r.isPermanent());
        assertFalse(r.isTransient());
        assertFalse(r.isPositive());
        assertEquals("550 5.1.1 No such user here", r.toString());
        assertTrue(new SmtpReply(451, "4.3.0", "later").isTransient());
        assertTrue(new SmtpReply(354, null, "go ahead").isPositive());
        assertEquals("250", new SmtpReply(250, null, "").toString());
        assertEquals("250 2.0.0 OK", new SmtpReply(250, "2.0.0", "OK").toString());

        assertThrows(IllegalArgumentException.class, () -> new SmtpReply(199, null, "x"));
        assertThrows(IllegalArgumentException.class, () -> new SmtpReply(600, null, "x"));
        assertThrows(IllegalArgumentException.class, () -> new SmtpReply(550, "4.1.1", "class mismatch"));
        assertThrows(IllegalArgumentException.class, () -> new SmtpReply(354, "3.0.0", "no 3xx class"));
        assertThrows(IllegalArgumentException.class, () -> new SmtpReply(550, "5.1", "too short"));
        assertThrows(IllegalArgumentException.class, () -> new SmtpReply(550, "5.1.1000", "too long"));
        assertThrows(IllegalArgumentException.class, () -> new SmtpReply(550, null, "two\r\nlines"));
        assertThrows(NullPointerException.class, () -> new SmtpReply(550, null, null));
    }

    @Test
    void idsRoundTripAndRejectNonCanonicalForms() {
        assertEquals("m1z", MailboxId.of(71).toString());
        assertEquals(MailboxId.of(71), MailboxId.parse("m1z"));
        assertEquals(MessageId.of(Long.MAX_VALUE), MessageId.parse(MessageId.of(Long.MAX_VALUE).toString()));
        assertEquals(AccountId.of(0), AccountId.parse("a0"));
        assertEquals(ThreadId.of(35), ThreadId.parse("tz"));
        for (String bad : new String[] {"", "m", "x1", "m01", "m1Z", "m-1", "m+1", "e1"}) {
            assertThrows(IllegalArgumentException.class, () -> MailboxId.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> MessageId.of(-1));
        assertTrue(MessageId.of(2).compareTo(MessageId.of(10)) < 0);
    }

    @Test
    void mailboxRoleLookups() {
        assertEquals(Optional.of(MailboxRole.JUNK), MailboxRole.fromImapAttribute("\\junk"));
        assertEquals(Optional.of(MailboxRole.IMPORTANT), MailboxRole.fromJmapRole("important"));
        assertEquals(Optional.empty(), MailboxRole.fromImapAttribute("\\Noselect"));
        assertEquals(Optional.empty(), MailboxRole.INBOX.imapAttribute());
        for (MailboxRole role : MailboxRole.values()) {
            assertEquals(Optional.of(role), MailboxRole.fromJmapRole(role.jmapRole()));
            role.imapAttribute().ifPresent(a -> assertEquals(Optional.of(role), MailboxRole.fromImapAttribute(a)));
        }
    }

    @Test
    void envelopeNormalizesParameters() {
        Address rcpt = Address.parse("b@example.com");
        Envelope e = new Envelope(ReversePath.NULL, List.of(rcpt), Map.of("size", "1000", "SMTPUTF8", ""),
                "client.example", null, null);
        assertEquals(Optional.of("1000"), e.parameter("Size"));
        assertEquals(Optional.of(""), e.parameter("smtputf8"));
        assertEquals(Optional.empty(), e.parameter("BODY"));
        assertThrows(IllegalArgumentException.class, () -> Envelope.of(ReversePath.NULL, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Envelope(ReversePath.NULL, List.of(rcpt),
                Map.of("size", "1", "SIZE", "2"), null, null, null));
        assertEquals(List.of(rcpt, rcpt), e.withRecipients(List.of(rcpt, rcpt)).recipients());
    }

    @Test
    void failuresKnowWhetherTheyAreTemporary() {
        assertTrue(new TemporaryFailureException("down").temporary());
        assertFalse(new PermanentFailureException("no").temporary());
    }
}
