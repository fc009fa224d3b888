package dev.hermod.core.internal.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.mail.MailboxId;
import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mail.MessageId;
import dev.hermod.api.mailbox.Appended;
import dev.hermod.api.mailbox.KeywordChange;
import dev.hermod.api.mailbox.KeywordChange.Operation;
import dev.hermod.api.mailbox.Keywords;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.MailboxException;
import dev.hermod.api.mailbox.SearchQuery;
import dev.hermod.api.mailbox.SearchQuery.Contains;
import dev.hermod.api.mailbox.SearchQuery.Contains.Field;
import dev.hermod.api.mailbox.SearchQuery.Header;
import dev.hermod.api.mailbox.SearchQuery.ThreadKeyword.Quantifier;
import dev.hermod.api.mailbox.SortKey;
import dev.hermod.api.mailbox.SortKey.Property;
import dev.hermod.api.store.KeyValueStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Search and sort, whatever key-value store the mail store runs on: every criterion, combinations, sort
 * orders and their ties, text in several scripts and encodings, the index kept in step with every change,
 * and no blob read.
 */
interface SearchContract {

    /** @return the mail store under test, over an empty store */
    MailStoreComponent mailStore();

    /** @return how many times blob content was read so far */
    long blobReads();

    /** @return the key-value store under the mail store */
    KeyValueStore keyValueStore();

    // --- criteria ---

    /** Five messages in INBOX, UIDs 1 to 5; see each line. */
    private List<Appended> criteriaFixture(MailAccount a) throws IOException {
        MailboxId inbox = inbox(a);
        List<Appended> m = new ArrayList<>();
        m.add(append(a, inbox, mail("Alice Smith <alice@example.org>", "bob@example.net", "Carol <carol@example.com>",
                null, "Quarterly report", "Mon, 4 Mar 2024 10:00:00 +0100", "<m1@example.org>", "",
                "The quarterly numbers are attached."), Set.of(Keywords.SEEN), "2024-03-04T09:30:00Z"));
        m.add(append(a, inbox, mail("Bob <bob@example.net>", "alice@example.org", null, null, "Re: Quarterly report",
                "Tue, 5 Mar 2024 23:30:00 -0800", "<m2@example.org>", "In-Reply-To: <m1@example.org>\r\n",
                "Thanks, looks computational."), Set.of(Keywords.ANSWERED, Keywords.FLAGGED), "2024-03-06T07:31:00Z"));
        m.add(append(a, inbox, mail("Dave <dave@other.test>", "alice@example.org", null, "eve@example.org", "Lunch?",
                null, "<m3@other.test>", "X-Priority: 1 (Highest)\r\n", "Pizza or sushi today"), Set.of(Keywords.DRAFT),
                "2024-03-07T12:00:00Z"));
        m.add(append(a, inbox, withAttachment("Zoë <zoe@example.org>", "Photos from the trip", "See attached photos"),
                Set.of("work"), "2024-03-08T08:00:00Z"));
        m.add(append(a, inbox, mail("Alice Smith <alice@example.org>", "bob@example.net", null, null, "Lorem",
                "Sat, 9 Mar 2024 10:00:00 +0000", "<m5@example.org>", "", "lorem ipsum dolor ".repeat(800)),
                Set.of(Keywords.DELETED), "2024-03-09T10:00:00Z"));
        return m;
    }

    @Test
    default void everyCriterionMatchesWhatItSays() throws IOException {
        MailAccount a = mailStore().account("alice");
        List<Appended> m = criteriaFixture(a);
        MailboxId inbox = inbox(a);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), search(a, new SearchQuery.All()));

        // keywords and flags
        assertEquals(List.of(1L), search(a, new SearchQuery.HasKeyword(Keywords.fromImap("\\Seen"))));
        assertEquals(List.of(2L, 3L, 4L, 5L), search(a, SearchQuery.not(new SearchQuery.HasKeyword("$seen"))));
        assertEquals(List.of(2L), search(a, new SearchQuery.HasKeyword("$answered")));
        assertEquals(List.of(2L), search(a, new SearchQuery.HasKeyword("$flagged")));
        assertEquals(List.of(3L), search(a, new SearchQuery.HasKeyword("$draft")));
        assertEquals(List.of(5L), search(a, new SearchQuery.HasKeyword("$deleted")));
        assertEquals(List.of(4L), search(a, new SearchQuery.HasKeyword("WORK")), "keywords compare lower-case");

        // addresses and subject: substrings, exactly
        assertEquals(List.of(1L, 5L), search(a, new Contains(Field.FROM, "alice")));
        assertEquals(List.of(1L, 5L), search(a, new Contains(Field.FROM, "SMITH")));
        assertEquals(List.of(1L, 5L), search(a, new Contains(Field.FROM, "lice@exam")), "inside words, across the @");
        assertEquals(List.of(1L, 4L, 5L), search(a, new Contains(Field.FROM, "example.org")));
        assertEquals(List.of(4L), search(a, new Contains(Field.FROM, "ZOË")));
        assertEquals(List.of(1L, 5L), search(a, new Contains(Field.FROM, "Smith <alice")), "display name and address");
        assertEquals(List.of(2L, 3L, 4L), search(a, new Contains(Field.TO, "alice")));
        assertEquals(List.of(1L, 5L), search(a, new Contains(Field.TO, "example.net")));
        assertEquals(List.of(1L), search(a, new Contains(Field.CC, "carol")));
        assertEquals(List.of(1L), search(a, new Contains(Field.CC, "arol <car")));
        assertEquals(List.of(3L), search(a, new Contains(Field.BCC, "eve")));
        assertEquals(List.of(1L, 2L), search(a, new Contains(Field.SUBJECT, "quarterly")));
        assertEquals(List.of(1L, 2L), search(a, new Contains(Field.SUBJECT, "arterl")));
        assertEquals(List.of(2L), search(a, new Contains(Field.SUBJECT, "re: quarterly")));
        assertEquals(List.of(), search(a, new Contains(Field.SUBJECT, "report quarterly")), "both words, not that string");
        assertEquals(List.of(3L), search(a, new Contains(Field.SUBJECT, "lunch?")));
        assertEquals(List.of(3L), search(a, new Contains(Field.SUBJECT, "?")));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), search(a, new Contains(Field.SUBJECT, "")));

        // body: words and word beginnings
        assertEquals(List.of(1L, 4L), search(a, new Contains(Field.BODY, "attached")));
        assertEquals(List.of(2L), search(a, new Contains(Field.BODY, "comput")));
        assertEquals(List.of(3L), search(a, new Contains(Field.BODY, "PIZZA")));
        assertEquals(List.of(3L), search(a, new Contains(Field.BODY, "pizza sushi")));
        assertEquals(List.of(), search(a, new Contains(Field.BODY, "putational")), "not a word's beginning: not found");
        assertEquals(List.of(), search(a, new Contains(Field.BODY, "quarterly report")), "the subject is not the body");
        assertEquals(List.of(1L, 2L), search(a, new Contains(Field.TEXT, "quarterly")));
        assertEquals(List.of(3L), search(a, new Contains(Field.TEXT, "dave")));
        assertEquals(List.of(3L), search(a, new Contains(Field.TEXT, "sushi")));

        // header fields, from the summaries
        assertEquals(List.of(3L), search(a, new Header("X-Priority", "highest")));
        assertEquals(List.of(3L), search(a, new Header("x-priority", "")));
        assertEquals(List.of(1L), search(a, new Header("Message-ID", "<m1@example.org>")));
        assertEquals(List.of(1L, 2L, 5L), search(a, new Header("Message-ID", "example.org")));
        assertEquals(List.of(2L), search(a, new Header("In-Reply-To", "<m1@example.org>")));
        assertEquals(List.of(3L), search(a, new Header("Subject", "Lunch")));
        assertEquals(List.of(4L), search(a, new Header("From", "Zoë")), "decoded");
        assertEquals(List.of(), search(a, new Header("X-Nothing", "")));

        // dates
        assertEquals(List.of(1L, 2L), search(a, new SearchQuery.ReceivedBefore(Instant.parse("2024-03-07T00:00:00Z"))));
        assertEquals(List.of(3L, 4L, 5L), search(a, new SearchQuery.ReceivedSince(Instant.parse("2024-03-07T12:00:00Z"))));
        assertEquals(List.of(2L), search(a, SearchQuery.on(LocalDate.of(2024, 3, 6), ZoneOffset.UTC)));
        assertEquals(List.of(1L, 2L), search(a, new SearchQuery.SentBefore(LocalDate.of(2024, 3, 6))));
        assertEquals(List.of(2L), search(a, SearchQuery.sentOn(LocalDate.of(2024, 3, 5))), "the Date field's own day");
        assertEquals(List.of(3L), search(a, SearchQuery.sentOn(LocalDate.of(2024, 3, 7))), "no Date: the internal date");
        assertEquals(List.of(4L, 5L), search(a, new SearchQuery.SentSince(LocalDate.of(2024, 3, 8))));
        Instant now = Instant.parse("2024-03-08T00:00:00Z");
        assertEquals(List.of(1L), search(a, SearchQuery.older(Duration.ofDays(2), now)));
        assertEquals(List.of(2L, 3L, 4L, 5L), search(a, SearchQuery.younger(Duration.ofDays(2), now)));

        // size, UIDs, MODSEQ, ids, threads, attachments
        assertEquals(List.of(5L), search(a, new SearchQuery.Larger(10_000)));
        assertEquals(List.of(1L, 2L, 3L, 4L), search(a, new SearchQuery.Smaller(10_000)));
        assertEquals(List.of(), search(a, new SearchQuery.Larger(m.get(4).size())));
        assertEquals(List.of(5L), search(a, new SearchQuery.Larger(m.get(4).size() - 1)));
        assertEquals(List.of(2L, 4L), search(a, SearchQuery.Uids.of(4, 2, 99)));
        assertEquals(List.of(2L, 3L), search(a, new SearchQuery.Uids(List.of(new SearchQuery.Uids.UidRange(2, 3),
                new SearchQuery.Uids.UidRange(3, 3)))));
        long modSeq = a.store(inbox, List.of(3L), new KeywordChange(Operation.ADD, Set.of("later"), -1)).modSeq();
        assertEquals(List.of(3L), search(a, new SearchQuery.ModSeq(modSeq)));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), search(a, new SearchQuery.ModSeq(1)));
        assertEquals(List.of(4L), search(a, new SearchQuery.EmailId(m.get(3).id())));
        assertEquals(List.of(1L, 2L), search(a, new SearchQuery.InThread(m.get(0).thread())));
        assertEquals(List.of(4L), search(a, new SearchQuery.HasAttachment()));
        assertEquals(List.of(1L, 2L), search(a, new SearchQuery.ThreadKeyword("$flagged", Quantifier.SOME)));
        assertEquals(List.of(), search(a, new SearchQuery.ThreadKeyword("$seen", Quantifier.ALL)));
        assertEquals(List.of(3L), search(a, new SearchQuery.ThreadKeyword("$draft", Quantifier.ALL)));
        assertEquals(List.of(3L, 4L, 5L), search(a, new SearchQuery.ThreadKeyword("$seen", Quantifier.NONE)));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), search(a, new SearchQuery.InMailbox(inbox)));
        assertEquals(List.of(), search(a, new SearchQuery.InMailbox(archive(a))));
        assertEquals(List.of(), search(a, new SearchQuery.InMailboxOtherThan(Set.of(inbox))));
        MailboxException gone = assertThrows(MailboxException.class,
                () -> a.search(MailboxId.of(9999), new SearchQuery.All(), List.of()));
        assertEquals(MailboxException.Reason.NO_SUCH_MAILBOX, gone.reason());
    }

    @Test
    default void criteriaCombine() throws IOException {
        MailAccount a = mailStore().account("alice");
        criteriaFixture(a);
        assertEquals(List.of(5L), search(a, SearchQuery.and(new Contains(Field.FROM, "alice"), new SearchQuery.Larger(10_000))));
        assertEquals(List.of(3L, 4L), search(a, SearchQuery.or(new Contains(Field.SUBJECT, "lunch"),
                new Contains(Field.BODY, "photos"))));
        assertEquals(List.of(2L, 3L, 4L), search(a, SearchQuery.not(SearchQuery.or(new SearchQuery.HasKeyword("$seen"),
                new SearchQuery.HasKeyword("$deleted")))));
        assertEquals(List.of(2L), search(a, SearchQuery.and(SearchQuery.not(new Contains(Field.FROM, "alice")),
                new Contains(Field.TEXT, "quarterly"))));
        assertEquals(List.of(3L, 5L), search(a, SearchQuery.or(new Header("X-Priority", ""),
                new Contains(Field.SUBJECT, "lorem"))));
        assertEquals(List.of(1L, 2L, 4L, 5L), search(a, SearchQuery.not(new Header("X-Priority", ""))));
        assertEquals(List.of(1L, 2L), search(a, SearchQuery.and(new Contains(Field.SUBJECT, "re"),
                SearchQuery.not(new Contains(Field.SUBJECT, "lunch")), SearchQuery.Uids.of(1, 2, 3))));
        assertEquals(List.of(2L), search(a, SearchQuery.and(new Contains(Field.SUBJECT, "report"),
                SearchQuery.or(new SearchQuery.HasKeyword("$flagged"), new Header("X-Priority", "")))));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), search(a, new SearchQuery.And(List.of())));
        assertEquals(List.of(), search(a, new SearchQuery.Or(List.of())));
        assertEquals(List.of(4L), search(a, SearchQuery.and(new SearchQuery.HasAttachment(),
                new SearchQuery.SentSince(LocalDate.of(2024, 3, 1)), new Contains(Field.FROM, "zoë"))));
    }

    // --- sorting ---

    @Test
    default void sortOrdersBreakTiesByUid() throws IOException {
        MailAccount a = mailStore().account("alice");
        MailboxId inbox = inbox(a);
        append(a, inbox, padded(mail("Charlie <charlie@x.test>", "Zed <zed@x.test>", "ben@x.test", null, "Re: beta",
                "Sun, 3 Mar 2024 10:00:00 +0000", null, "", "one"), 600), Set.of(), "2024-03-10T00:00:00Z");
        append(a, inbox, padded(mail("alice@x.test", "Yolanda <bob@x.test>", null, null, "alpha",
                "Fri, 1 Mar 2024 10:00:00 +0000", null, "", "two"), 500), Set.of(), "2024-03-12T00:00:00Z");
        append(a, inbox, padded(mail("Bob Brown <zz@x.test>", "Zack <amy@x.test>", null, null, "Beta", null, null, "",
                "three"), 700), Set.of(Keywords.FLAGGED), "2024-03-02T00:00:00Z");
        append(a, inbox, padded(mail("Charlie <charlie@x.test>", "Zed <zed@x.test>", "ann@x.test", null, "Fwd: alpha",
                "Sun, 3 Mar 2024 10:00:00 +0000", null, "", "four"), 600), Set.of(), "2024-03-11T00:00:00Z");
        SearchQuery all = new SearchQuery.All();
        assertEquals(List.of(3L, 1L, 4L, 2L), a.search(inbox, all, List.of(SortKey.of(Property.ARRIVAL))));
        assertEquals(List.of(2L, 4L, 1L, 3L), a.search(inbox, all, List.of(SortKey.reversed(Property.ARRIVAL))));
        assertEquals(List.of(2L, 3L, 1L, 4L), a.search(inbox, all, List.of(SortKey.of(Property.DATE))),
                "no Date: the internal date; a tie: by UID");
        assertEquals(List.of(1L, 4L, 3L, 2L), a.search(inbox, all, List.of(SortKey.reversed(Property.DATE))),
                "REVERSE turns the key around, not the tie-break");
        assertEquals(List.of(2L, 1L, 4L, 3L), a.search(inbox, all, List.of(SortKey.of(Property.SIZE))));
        assertEquals(List.of(2L, 1L, 4L, 3L), a.search(inbox, all, List.of(SortKey.of(Property.FROM))));
        assertEquals(List.of(2L, 3L, 1L, 4L), a.search(inbox, all, List.of(SortKey.of(Property.DISPLAY_FROM))));
        assertEquals(List.of(3L, 2L, 1L, 4L), a.search(inbox, all, List.of(SortKey.of(Property.TO))));
        assertEquals(List.of(2L, 3L, 1L, 4L), a.search(inbox, all, List.of(SortKey.of(Property.DISPLAY_TO))));
        assertEquals(List.of(2L, 3L, 4L, 1L), a.search(inbox, all, List.of(SortKey.of(Property.CC))),
                "no Cc sorts first");
        assertEquals(List.of(2L, 4L, 1L, 3L), a.search(inbox, all, List.of(SortKey.of(Property.SUBJECT))),
                "base subjects, case-insensitive");
        assertEquals(List.of(1L, 3L, 2L, 4L), a.search(inbox, all, List.of(SortKey.reversed(Property.SUBJECT))));
        assertEquals(List.of(4L, 2L, 3L, 1L), a.search(inbox, all, List.of(SortKey.of(Property.SUBJECT),
                SortKey.reversed(Property.SIZE))));
        assertEquals(List.of(1L, 2L, 4L, 3L), a.search(inbox, all,
                List.of(SortKey.keyword(Property.HAS_KEYWORD, "$flagged", false))));
        assertEquals(List.of(3L, 1L, 2L, 4L), a.search(inbox, all,
                List.of(SortKey.keyword(Property.HAS_KEYWORD, "$flagged", true))));
        assertEquals(List.of(3L, 1L), a.search(inbox, new Contains(Field.SUBJECT, "beta"),
                List.of(SortKey.of(Property.ARRIVAL))));
        assertEquals(List.of(1L, 2L, 3L, 4L), a.search(inbox, all, List.of()));
        assertThrows(IllegalArgumentException.class, () -> SortKey.of(Property.HAS_KEYWORD));
    }

    // --- JMAP: the whole account ---

    @Test
    default void queriesSpanTheAccount() throws IOException {
        MailAccount a = mailStore().account("alice");
        MailboxId inbox = inbox(a);
        MailboxId archive = archive(a);
        Appended root = append(a, inbox, mail("Ann <ann@x.test>", "alice@example.org", null, null, "Plans", null,
                "<p1@x.test>", "", "Let us plan"), Set.of(), "2024-03-01T00:00:00Z");
        Appended reply = append(a, archive, mail("Alice <alice@example.org>", "ann@x.test", null, null, "Re: Plans",
                null, "<p2@x.test>", "In-Reply-To: <p1@x.test>\r\n", "Sounds good"), Set.of(Keywords.SEEN),
                "2024-03-02T00:00:00Z");
        Appended other = append(a, inbox, mail("Ben <ben@x.test>", "alice@example.org", null, null, "Other", null,
                "<o1@x.test>", "", "Nothing to plan"), Set.of(Keywords.SEEN), "2024-03-03T00:00:00Z");
        a.setMailboxes(other.id(), Set.of(inbox, archive));

        assertEquals(List.of(root.id(), reply.id(), other.id()), a.query(new SearchQuery.All(), List.of(), false));
        assertEquals(List.of(other.id(), reply.id(), root.id()),
                a.query(new SearchQuery.All(), List.of(SortKey.reversed(Property.ARRIVAL)), false));
        assertEquals(List.of(other.id(), reply.id()), a.query(new SearchQuery.InMailbox(archive),
                List.of(SortKey.reversed(Property.ARRIVAL)), false));
        assertEquals(List.of(reply.id(), other.id()), a.query(new SearchQuery.InMailboxOtherThan(Set.of(inbox)),
                List.of(), false));
        assertEquals(List.of(root.id(), other.id()), a.query(new Contains(Field.BODY, "plan"), List.of(), false));
        assertEquals(List.of(other.id(), reply.id()), a.query(new Contains(Field.TEXT, "plan"),
                List.of(SortKey.reversed(Property.ARRIVAL)), true), "one message per thread, the first in the order");
        assertEquals(List.of(other.id(), reply.id()), a.query(new SearchQuery.All(),
                List.of(SortKey.reversed(Property.ARRIVAL)), true));
        assertEquals(List.of(root.id(), reply.id(), other.id()),
                a.query(new SearchQuery.ThreadKeyword("$seen", Quantifier.SOME), List.of(), false));
        assertEquals(List.of(other.id()), a.query(new SearchQuery.ThreadKeyword("$seen", Quantifier.ALL),
                List.of(), false));
        assertEquals(List.of(other.id(), root.id(), reply.id()), a.query(new SearchQuery.All(),
                List.of(SortKey.keyword(Property.ALL_IN_THREAD_HAVE_KEYWORD, "$seen", true)), false));
        assertEquals(List.of(reply.id(), root.id(), other.id()), a.query(new SearchQuery.All(),
                List.of(SortKey.of(Property.DISPLAY_FROM)), false), "JMAP from: the name, else the address");
        assertEquals(List.of(reply.id()), a.query(SearchQuery.and(new SearchQuery.InMailbox(archive),
                new Contains(Field.FROM, "alice")), List.of(), false));
        assertThrows(IllegalArgumentException.class, () -> a.query(SearchQuery.Uids.of(1), List.of(), false));
        assertEquals(List.of(), a.query(new SearchQuery.InMailbox(MailboxId.of(9999)), List.of(), false));
    }

    // --- text in scripts and encodings ---

    @Test
    default void nonAsciiTextIsFound() throws IOException {
        MailAccount a = mailStore().account("alice");
        MailboxId inbox = inbox(a);
        append(a, inbox, mail("=?UTF-8?B?0JjQstCw0L0g0J/QtdGC0YDQvtCy?= <ivan@example.ru>", "alice@example.org", null,
                null, "=?UTF-8?B?0J/RgNC40LLQtdGCLCDQvNC40YA=?=", null, null,
                "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n",
                "Съешь же ещё этих мягких французских булок"), Set.of(), null);
        append(a, inbox, mail("alice@example.org", "bob@example.net", null, null, "=?ISO-8859-1?Q?Caf=E9_cr=E8me?=",
                null, null, "Content-Type: text/plain; charset=UTF-8\r\n", "Le cafe\u0301 est prêt, une CRÈME brûlée"),
                Set.of(), null);
        append(a, inbox, mail("=?UTF-8?B?5bGx55SwIOWkqumDjg==?= <yamada@example.jp>", "alice@example.org", null, null,
                "=?UTF-8?B?5p2x5Lqs6YO95bqB44Gu6KaL5a2m?=", null, null, "Content-Type: text/plain; charset=UTF-8\r\n",
                "明日は東京都庁に行きます。よろしくお願いします"), Set.of(), null);
        append(a, inbox, mail("kim@example.kr", "alice@example.org", null, null, "인사", null, null,
                "Content-Type: text/plain; charset=UTF-8\r\n", "안녕하세요 세계"), Set.of(), null);

        assertEquals(List.of(1L), search(a, new Contains(Field.SUBJECT, "привет")));
        assertEquals(List.of(1L), search(a, new Contains(Field.SUBJECT, "МИР")));
        assertEquals(List.of(1L), search(a, new Contains(Field.FROM, "Петров")));
        assertEquals(List.of(1L), search(a, new Contains(Field.BODY, "французских")));
        assertEquals(List.of(1L), search(a, new Contains(Field.BODY, "ФРАНЦУЗ")));
        assertEquals(List.of(1L), search(a, new Contains(Field.BODY, "ещё")));

        assertEquals(List.of(2L), search(a, new Contains(Field.SUBJECT, "CAFÉ")));
        assertEquals(List.of(2L), search(a, new Contains(Field.SUBJECT, "café crème")));
        assertEquals(List.of(2L), search(a, new Contains(Field.BODY, "café")), "decomposed in the text, NFKC");
        assertEquals(List.of(2L), search(a, new Contains(Field.BODY, "cafe\u0301")), "and in the query");
        assertEquals(List.of(2L), search(a, new Contains(Field.BODY, "crème brûlée")));
        assertEquals(List.of(), search(a, new Contains(Field.SUBJECT, "creme")), "accents are not folded");

        assertEquals(List.of(3L), search(a, new Contains(Field.SUBJECT, "東京")));
        assertEquals(List.of(3L), search(a, new Contains(Field.SUBJECT, "都庁の")));
        assertEquals(List.of(3L), search(a, new Contains(Field.FROM, "山田")));
        assertEquals(List.of(3L), search(a, new Contains(Field.BODY, "東京都庁")));
        assertEquals(List.of(3L), search(a, new Contains(Field.BODY, "都庁")));
        assertEquals(List.of(3L), search(a, new Contains(Field.BODY, "庁")));
        assertEquals(List.of(3L), search(a, new Contains(Field.BODY, "行きます")));
        assertEquals(List.of(3L), search(a, new Contains(Field.TEXT, "よろしく")));
        assertEquals(List.of(), search(a, new Contains(Field.BODY, "大阪")));

        assertEquals(List.of(4L), search(a, new Contains(Field.BODY, "안녕")));
        assertEquals(List.of(4L), search(a, new Contains(Field.SUBJECT, "인")));
    }

    @Test
    default void textInANestedLatin1QuotedPrintablePartIsFound() throws IOException {
        MailAccount a = mailStore().account("alice");
        MailboxId inbox = inbox(a);
        append(a, inbox, mail("alice@example.org", "bob@example.net", null, null, "plain", null, null, "", "nothing"),
                Set.of(), null);
        byte[] nested = ("From: Jörg <joerg@example.de>\r\nTo: alice@example.org\r\nSubject: Reise\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=a\r\n\r\n"
                + "--a\r\nContent-Type: multipart/alternative; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "Gr=FC=DFe aus M=FCnchen! Die Br=FCcke ist ges=\r\nperrt.\r\n"
                + "--b\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<p>Nur im HTML: Schwanstein</p>\r\n--b--\r\n"
                + "--a\r\nContent-Type: message/rfc822\r\n\r\n"
                + "Subject: inner\r\nContent-Type: text/plain; charset=windows-1252\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n\r\nDrei Br=F6tchen =80 1,20\r\n"
                + "--a\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + "c2VjcmV0d29yZA==\r\n--a--\r\n").getBytes(StandardCharsets.UTF_8);
        append(a, inbox, nested, Set.of(), null);
        assertEquals(List.of(2L), search(a, new Contains(Field.BODY, "grüße")));
        assertEquals(List.of(2L), search(a, new Contains(Field.BODY, "MÜNCHEN")));
        assertEquals(List.of(2L), search(a, new Contains(Field.BODY, "gesperrt")), "a soft line break joins the word");
        assertEquals(List.of(2L), search(a, new Contains(Field.BODY, "brötchen")), "in an attached message");
        assertEquals(List.of(2L), search(a, new Contains(Field.TEXT, "Brücke")));
        assertEquals(List.of(), search(a, new Contains(Field.BODY, "schwanstein")), "one alternative is indexed");
        assertEquals(List.of(), search(a, new Contains(Field.BODY, "secretword")), "not a text part");
        assertEquals(List.of(2L), search(a, new Contains(Field.FROM, "JÖRG")));
    }

    // --- the index follows every change ---

    @Test
    default void theIndexFollowsCopiesMovesExpungesAndDestroys() throws Exception {
        MailAccount a = mailStore().account("alice");
        MailboxId inbox = inbox(a);
        MailboxId archive = archive(a);
        byte[] raw = mail("ann@x.test", "alice@example.org", null, null, "Zebra crossing", null, "<z@x.test>", "",
                "Striped animals");
        Appended first = append(a, inbox, raw, Set.of(), null);
        Appended twin = append(a, inbox, raw, Set.of(), null);
        assertEquals(List.of(1L, 2L), search(a, new Contains(Field.BODY, "striped")), "the same bytes twice");
        long account = a.id().value();
        assertEquals(1, counter(account, MailKeys.LAST_CONTENT), "one content, indexed once");

        a.copy(inbox, List.of(1L), archive);
        assertEquals(List.of(1L), a.search(archive, new Contains(Field.SUBJECT, "zebra"), List.of()));
        a.move(inbox, List.of(2L), archive);
        assertEquals(List.of(1L), search(a, new Contains(Field.SUBJECT, "zebra")));
        assertEquals(List.of(1L, 2L), a.search(archive, new Contains(Field.SUBJECT, "zebra"),
                List.of(SortKey.of(Property.DATE))));
        a.store(archive, List.of(2L), new KeywordChange(Operation.ADD, Set.of(Keywords.FLAGGED), -1));
        assertEquals(List.of(2L), a.search(archive, SearchQuery.and(new SearchQuery.HasKeyword("$flagged"),
                new Contains(Field.BODY, "animals")), List.of()));
        assertEquals(List.of(twin.id()), a.query(new SearchQuery.HasKeyword("$flagged"), List.of(), false));

        a.store(inbox, List.of(1L), new KeywordChange(Operation.ADD, Set.of(Keywords.DELETED), -1));
        a.expunge(inbox, null);
        assertEquals(List.of(), search(a, new Contains(Field.SUBJECT, "zebra")));
        assertEquals(2, a.query(new Contains(Field.SUBJECT, "zebra"), List.of(), false).size());
        a.destroy(a.query(new Contains(Field.SUBJECT, "zebra"), List.of(), false));
        assertEquals(List.of(), a.query(new Contains(Field.BODY, "striped"), List.of(), false));
        assertEquals(0, keys(account, MailKeys.SORT));
        assertEquals(0, keys(account, MailKeys.CONTENT_MESSAGE));
        await(() -> keys(account, MailKeys.POSTINGS) == 0 && keys(account, MailKeys.DEAD_CONTENT) == 0
                && counter(account, MailKeys.DEAD_CONTENTS) == 0);

        Appended again = append(a, inbox, raw, Set.of(), null);
        assertEquals(List.of(again.id()), a.query(new Contains(Field.BODY, "striped"), List.of(), false),
                "indexed again under a new content id");
        assertTrue(first.id().value() < again.id().value());
        a.deleteMailbox(a.createMailbox("Tmp", null, null).id(), true);
        MailboxId tmp = a.createMailbox("Tmp2", null, null).id();
        a.copy(inbox, List.of(3L), tmp);
        a.deleteMailbox(tmp, true);
        assertEquals(1, keys(account, MailKeys.SORT), "the deleted mailbox's sort records are gone");
    }

    @Test
    default void compactionPacksPostingsAndSweepsReleasedContents() throws Exception {
        MailAccount a = mailStore().account("alice");
        MailboxId inbox = inbox(a);
        List<MessageId> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(append(a, inbox, mail("ann@x.test", "alice@example.org", null, null, "Note " + i, null, null, "",
                    "common words and unique" + i), Set.of(), null).id());
        }
        long account = a.id().value();
        assertEquals(ids, a.query(new Contains(Field.BODY, "common"), List.of(), false), "found pending or moved");
        await(() -> keys(account, MailKeys.PENDING_INDEX) == 0);
        long written = chunks(account, IndexTokens.BODY + "common");
        assertTrue(written >= 1 && written <= 20, written + " chunks: one per batch moved");
        assertTrue(counter(account, MailKeys.NEW_POSTINGS) >= written);
        a.destroy(ids.subList(0, 1));
        assertEquals(1, counter(account, MailKeys.DEAD_CONTENTS), "one in twenty: not yet worth a pass");
        assertEquals(List.of(), a.query(new Contains(Field.BODY, "unique0"), List.of(), false), "gone at once");
        a.destroy(ids.subList(1, 3));
        await(() -> counter(account, MailKeys.DEAD_CONTENTS) == 0 && keys(account, MailKeys.DEAD_CONTENT) == 0);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, chunks(account, IndexTokens.BODY + "unique" + i), "released, swept");
        }
        assertEquals(1, chunks(account, IndexTokens.BODY + "common"), "packed");
        assertEquals(0, counter(account, MailKeys.NEW_POSTINGS));
        assertEquals(keys(account, MailKeys.POSTINGS), counter(account, MailKeys.POSTING_CHUNKS));
        assertEquals(ids.subList(3, 20), a.query(new Contains(Field.BODY, "common"), List.of(), false));
        assertEquals(List.of(ids.get(19)), a.query(new Contains(Field.BODY, "unique19"), List.of(), false));
        assertEquals(List.of(4L), search(a, new Contains(Field.SUBJECT, "note 3")));
        Appended late = append(a, inbox, mail("ann@x.test", "alice@example.org", null, null, "Late", null, null, "",
                "common again"), Set.of(), null);
        assertEquals(late.id(), a.query(new Contains(Field.BODY, "common"), List.of(), false).get(17), "pending");
        await(() -> keys(account, MailKeys.PENDING_INDEX) == 0);
        assertEquals(2, chunks(account, IndexTokens.BODY + "common"));
        assertEquals(late.id(), a.query(new Contains(Field.BODY, "common"), List.of(), false).get(17));
        MailStoreComponent store = mailStore();
        FullText.compact(store.context().store(), account);
        assertEquals(1, chunks(account, IndexTokens.BODY + "common"));
        assertEquals(18, a.query(new Contains(Field.BODY, "common"), List.of(), false).size());
        // destroyed at once, pending or just moved: never found, and gone from the lists after a pass
        Appended brief = append(a, inbox, mail("ann@x.test", "alice@example.org", null, null, "Brief", null, null, "",
                "ephemeral words"), Set.of(), null);
        a.destroy(List.of(brief.id()));
        assertEquals(List.of(), a.query(new Contains(Field.BODY, "ephemeral"), List.of(), false));
        await(() -> keys(account, MailKeys.PENDING_INDEX) == 0);
        FullText.compact(store.context().store(), account);
        assertEquals(0, chunks(account, IndexTokens.BODY + "ephemeral"));
    }

    @Test
    default void aSearchOfThousandsOfMessagesReadsNoBlob() throws IOException {
        MailAccount a = mailStore().account("alice");
        MailboxId inbox = inbox(a);
        int count = 2_000;
        String[] names = {"Ann", "Bob", "Cid", "Dee", "Eve"};
        for (int i = 0; i < count; i++) {
            String name = names[i % names.length];
            String body = "Message " + i + " about topic" + (i % 50) + (i % 100 == 0 ? " with a needle" : "")
                    + " and some ordinary words to index";
            append(a, inbox, mail(name + " <" + name.toLowerCase() + "@x.test>", "alice@example.org", null, null,
                    "Update " + i + " on project " + (i % 7), "Mon, 4 Mar 2024 10:" + String.format("%02d", i % 60)
                            + ":00 +0000", "<n" + i + "@x.test>", "X-Seq: " + i + "\r\n", body),
                    i % 3 == 0 ? Set.of(Keywords.SEEN) : Set.of(), null);
        }
        long before = blobReads();
        assertEquals(20, search(a, new Contains(Field.BODY, "needle")).size());
        assertEquals(40, search(a, new Contains(Field.BODY, "topic7")).size());
        assertEquals(count / names.length, search(a, new Contains(Field.FROM, "bob@")).size());
        assertEquals(List.of(1001L), search(a, new Contains(Field.SUBJECT, "update 1000 on")));
        assertEquals(List.of(1235L), search(a, new Header("X-Seq", "1234")));
        assertEquals(List.of(43L), search(a, new Header("Message-ID", "<n42@x.test>")));
        assertEquals(List.of(1L, 1001L, 1201L, 1501L, 1801L, 301L, 601L, 901L), a.search(inbox, SearchQuery.and(new Contains(Field.BODY, "needle"),
                new Contains(Field.TEXT, "project"), SearchQuery.or(new SearchQuery.HasKeyword("$seen"),
                        new Contains(Field.SUBJECT, "1000")), SearchQuery.not(new Contains(Field.FROM, "bob"))),
                List.of(SortKey.of(Property.SUBJECT))));
        assertEquals(count, a.search(inbox, new SearchQuery.All(), List.of(SortKey.reversed(Property.DATE),
                SortKey.of(Property.DISPLAY_FROM), SortKey.of(Property.SUBJECT))).size());
        assertEquals(count, a.query(new SearchQuery.All(), List.of(SortKey.of(Property.DISPLAY_TO)), true).size());
        assertEquals(0, blobReads() - before, "no blob was read");
    }

    // --- helpers ---

    private static List<Long> search(MailAccount account, SearchQuery query) {
        return account.search(inbox(account), query, List.of());
    }

    private static MailboxId inbox(MailAccount account) {
        return account.mailbox(MailboxRole.INBOX).orElseThrow().id();
    }

    private static MailboxId archive(MailAccount account) {
        return account.mailbox(MailboxRole.ARCHIVE).orElseThrow().id();
    }

    private static Appended append(MailAccount account, MailboxId mailbox, byte[] raw, Set<String> keywords,
            String receivedAt) throws IOException {
        return account.append(mailbox, new ByteArrayInputStream(raw), keywords,
                receivedAt == null ? null : Instant.parse(receivedAt));
    }

    /** How many keys one subspace of an account holds. */
    private long keys(long account, byte sub) {
        return keyValueStore().read(txn -> {
            long n = 0;
            try (var it = txn.prefix(MailKeys.sub(account, sub), 0, false)) {
                while (it.hasNext()) {
                    it.next();
                    n++;
                }
            }
            return n;
        });
    }

    private long chunks(long account, String token) {
        return keyValueStore().read(txn -> {
            long n = 0;
            try (var it = txn.prefix(MailKeys.postings(account, token), 0, false)) {
                while (it.hasNext()) {
                    it.next();
                    n++;
                }
            }
            return n;
        });
    }

    private long counter(long account, byte which) {
        return keyValueStore().read(txn -> MailKeys.counterValue(txn.get(MailKeys.counter(account, which))));
    }

    /** A message; {@code null} fields are left out. {@code extra} is more header lines, CRLF-ended. */
    static byte[] mail(String from, String to, String cc, String bcc, String subject, String date, String messageId,
            String extra, String body) {
        StringBuilder sb = new StringBuilder();
        sb.append("From: ").append(from).append("\r\n").append("To: ").append(to).append("\r\n");
        if (cc != null) {
            sb.append("Cc: ").append(cc).append("\r\n");
        }
        if (bcc != null) {
            sb.append("Bcc: ").append(bcc).append("\r\n");
        }
        sb.append("Subject: ").append(subject).append("\r\n");
        if (date != null) {
            sb.append("Date: ").append(date).append("\r\n");
        }
        if (messageId != null) {
            sb.append("Message-ID: ").append(messageId).append("\r\n");
        }
        sb.append(extra).append("\r\n").append(body).append("\r\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A message with an attachment. */
    static byte[] withAttachment(String from, String subject, String text) {
        return ("From: " + from + "\r\nTo: alice@example.org\r\nSubject: " + subject
                + "\r\nDate: Fri, 8 Mar 2024 09:00:00 +0100\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=sep\r\n\r\n--sep\r\nContent-Type: text/plain\r\n\r\n" + text
                + "\r\n--sep\r\nContent-Type: image/jpeg; name=beach.jpg\r\nContent-Disposition: attachment\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n/9j/4AAQSkZJRgABAQ==\r\n--sep--\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The message with spaces added to its body up to {@code size} octets. */
    static byte[] padded(byte[] message, int size) {
        byte[] out = java.util.Arrays.copyOf(message, size);
        java.util.Arrays.fill(out, message.length - 2, size - 2, (byte) ' ');
        out[size - 2] = '\r';
        out[size - 1] = '\n';
        return out;
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
