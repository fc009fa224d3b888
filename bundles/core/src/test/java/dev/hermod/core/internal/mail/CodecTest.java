package dev.hermod.core.internal.mail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.mail.BlobHash;
import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mailbox.Changes.Collection;
import dev.hermod.api.store.Keys;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CodecTest {

    @Test
    void varintsZigzagStringsAndIdListsRoundTrip() {
        byte[] bytes = new ByteWriter(4).varint(0).varint(127).varint(128).varint(Long.MAX_VALUE).varint(-1)
                .zigzag(-1).zigzag(Long.MIN_VALUE).string("héllo").ascending(List.of(9L, 3L, 1_000_000L)).toByteArray();
        ByteReader in = new ByteReader(bytes);
        assertEquals(0, in.varint());
        assertEquals(127, in.varint());
        assertEquals(128, in.varint());
        assertEquals(Long.MAX_VALUE, in.varint());
        assertEquals(-1, in.varint());
        assertEquals(-1, in.zigzag());
        assertEquals(Long.MIN_VALUE, in.zigzag());
        assertEquals("héllo", in.string());
        assertEquals(List.of(3L, 9L, 1_000_000L), in.ascending());
        assertTrue(in.atEnd());
        assertEquals(2, new ByteWriter(1).varint(128).size());
        assertThrows(IllegalStateException.class, () -> new ByteReader(new byte[] {(byte) 0x80}).varint());
    }

    @Test
    void commonKeywordsTakeOneByte() {
        byte[] known = new ByteWriter(8).keywords(Set.of("$seen", "$flagged")).toByteArray();
        assertEquals(3, known.length);
        Set<String> mixed = Set.of("$seen", "$junk", "work", "$phishing");
        assertEquals(mixed, new ByteReader(new ByteWriter(8).keywords(mixed).toByteArray()).keywords());
        assertThrows(IllegalStateException.class, () -> new ByteReader(new byte[] {1, 99}).keywords());
    }

    @Test
    void recordsRoundTrip() {
        MailboxRecord mailbox = new MailboxRecord(7, "Ünïcode", 3, MailboxRole.TRASH, false, -2, 1_700_000_000L, 42,
                99, 40, 5, 123_456, true);
        assertEquals(mailbox, MailboxRecord.decode(7, mailbox.encode()));
        MailboxRecord top = MailboxRecord.create(1, "INBOX", MailboxRecord.NO_PARENT, null, 5, 1);
        assertEquals(top, MailboxRecord.decode(1, top.encode()));

        TreeMap<Long, Long> in = new TreeMap<>();
        in.put(2L, 10L);
        in.put(9L, 1L);
        byte[] hash = BlobHash.sha256("x".getBytes(StandardCharsets.US_ASCII)).bytes();
        MessageRecord message = new MessageRecord(5, hash, 1234, -86_400_000L, 3, 77, Set.of("$seen", "x"), in, 42);
        MessageRecord decoded = MessageRecord.decode(5, message.encode());
        assertArrayEquals(hash, decoded.blob());
        assertEquals(message.keywords(), decoded.keywords());
        assertEquals(in, decoded.mailboxes());
        assertEquals(-86_400_000L, decoded.receivedAt());
        assertEquals(42, decoded.content());

        UidEntry entry = new UidEntry(10, 5, 77, 1234, 1_000L, Set.of("$draft"), 42);
        assertEquals(entry, UidEntry.decode(10, entry.encode()));

        SortRecord sort = new SortRecord(3, 1_709_542_800L, 3600, true, "zoe", "bob", "", "zoë exemple", "bob",
                "café");
        assertEquals(sort, SortRecord.decode(sort.encode()));
        SortRecord undated = new SortRecord(3, SortRecord.NO_DATE, 0, false, "", "", "", "", "", "");
        assertEquals(undated, SortRecord.decode(undated.encode()));
        assertEquals(86_400_000L * 3 + 5, undated.sentMillis(86_400_000L * 3 + 5), "no Date: the internal date");
        assertEquals(19_786, sort.sentDay(0), "2024-03-04 in the field's own zone");
    }

    @Test
    void formatOneRecordsFromBeforeTheIndexAreRead() {
        byte[] hash = BlobHash.sha256("x".getBytes(StandardCharsets.US_ASCII)).bytes();
        byte[] v1 = new ByteWriter(64).u8(1).bytes(hash).varint(10).zigzag(5).varint(3).varint(7)
                .keywords(Set.of("$seen")).varint(1).varint(2).varint(9).toByteArray();
        MessageRecord message = MessageRecord.decode(4, v1);
        assertEquals(0, message.content(), "not indexed");
        assertEquals(java.util.Map.of(2L, 9L), message.mailboxes());
        byte[] entry = new ByteWriter(32).u8(1).varint(4).varint(7).varint(10).zigzag(5).keywords(Set.of()).toByteArray();
        assertEquals(new UidEntry(9, 4, 7, 10, 5, Set.of(), 0), UidEntry.decode(9, entry));
        assertThrows(IllegalStateException.class, () -> UidEntry.decode(9, new ByteWriter(4).u8(3).toByteArray()));
    }

    @Test
    void postingChunksAndTokenListsRoundTrip() {
        long[] ids = {100, 101, 105, 1_000_000};
        byte[] key = MailKeys.postingChunk(1, "xhello", 100);
        assertArrayEquals(ids, Postings.decode(key, Postings.encode(100, ids)));
        assertArrayEquals(new long[] {101, 105}, Postings.decode(key, Postings.encode(100, new long[] {101, 105})),
                "the key is a lower bound, not necessarily an id");

        ThreadKeys keys = new ThreadKeys(ThreadKeys.hash("a@b"), List.of(ThreadKeys.hash("c@d")));
        ThreadKeys back = ThreadKeys.decode(keys.encode());
        assertArrayEquals(keys.own(), back.own());
        assertArrayEquals(keys.references().get(0), back.references().get(0));
        assertNull(ThreadKeys.decode(new ThreadKeys(null, List.of()).encode()).own());
    }

    @Test
    void aNewerFormatIsRefusedLoudly() {
        byte[] value = MailboxRecord.create(1, "x", -1, null, 1, 1).encode();
        value[0] = 9;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> MailboxRecord.decode(1, value));
        assertTrue(e.getMessage().contains("newer"), e.getMessage());
    }

    @Test
    void aChangeSetFoldsWithinOneChange() {
        ChangeSet set = new ChangeSet();
        set.created(Collection.EMAIL, 1);
        set.updated(Collection.EMAIL, 1);
        set.updated(Collection.EMAIL, 2);
        set.destroyed(Collection.EMAIL, 2);
        set.created(Collection.EMAIL, 3);
        set.destroyed(Collection.EMAIL, 3);
        set.updated(Collection.MAILBOX, 4);
        set.vanishedIn(4);
        ChangeSet back = ChangeSet.decode(set.encode());
        assertEquals(Set.of(1L), back.created(Collection.EMAIL));
        assertEquals(Set.of(), back.updated(Collection.EMAIL));
        assertEquals(Set.of(2L), back.destroyed(Collection.EMAIL));
        assertEquals(Set.of(4L), back.updated(Collection.MAILBOX));
        assertEquals(Set.of(4L), back.vanishedIn());
        assertTrue(new ChangeSet().isEmpty());
    }

    @Test
    void keysKeepAnAccountContiguousAndIdsInOrder() {
        byte[] account = MailKeys.account(5);
        byte[] end = Keys.strinc(account);
        for (byte[] key : List.of(MailKeys.mailbox(5, 1), MailKeys.uid(5, 2, 3), MailKeys.change(5, 9),
                MailKeys.counter(5, MailKeys.CHANGE_ID), MailKeys.summaryChunk(5, new byte[32], 1))) {
            assertTrue(Keys.startsWith(key, account) && Keys.compare(key, end) < 0);
        }
        assertTrue(Keys.compare(MailKeys.uid(5, 2, 255), MailKeys.uid(5, 2, 256)) < 0, "big-endian UIDs sort numerically");
        assertTrue(Keys.compare(MailKeys.account(5), MailKeys.account(6)) < 0);
        assertTrue(Keys.compare(MailKeys.accountName("zzz"), MailKeys.account(0)) < 0, "global subspaces first");
    }
}
