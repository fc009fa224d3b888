package dev.hermod.itests.bench;

import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.Mailbox;
import dev.hermod.api.mailbox.SearchQuery;
import dev.hermod.api.mailbox.SearchQuery.Contains;
import dev.hermod.api.mailbox.SearchQuery.Contains.Field;
import dev.hermod.api.mailbox.SortKey;
import dev.hermod.api.mailbox.SortKey.Property;
import java.util.List;
import java.util.function.IntSupplier;

/** Search timings for {@link MailStoreBenchmark}: IMAP SEARCH and SORT, JMAP Email/query (best of three). */
final class MailStoreSearches {

    private MailStoreSearches() {}

    static void print(MailAccount account, Mailbox inbox) {
        long messages = account.mailbox(inbox.id()).messages();
        search(account, inbox, "search BODY word", new Contains(Field.BODY, "invoice"));
        search(account, inbox, "search BODY two words, Cyrillic", SearchQuery.and(new Contains(Field.BODY, "отчёт"),
                new Contains(Field.BODY, "встреча")));
        search(account, inbox, "search SUBJECT word", new Contains(Field.SUBJECT, "quarterly"));
        search(account, inbox, "search FROM partial", new Contains(Field.FROM, "arol@exa"));
        search(account, inbox, "search TEXT 会议", new Contains(Field.TEXT, "会议"));
        search(account, inbox, "search HEADER Message-ID", new SearchQuery.Header("Message-ID",
                "<m" + messages / 2 + "@bench.example.org>"));
        search(account, inbox, "search UNSEEN SMALLER 5000", SearchQuery.and(
                SearchQuery.not(new SearchQuery.HasKeyword("$seen")), new SearchQuery.Smaller(5_000)));
        sort(account, inbox, "sort all by DATE", List.of(SortKey.of(Property.DATE)));
        sort(account, inbox, "sort all by SUBJECT, REVERSE ARRIVAL", List.of(SortKey.of(Property.SUBJECT),
                SortKey.reversed(Property.ARRIVAL)));
        time("JMAP query all, receivedAt desc, threads", () -> account.query(new SearchQuery.All(),
                List.of(SortKey.reversed(Property.ARRIVAL)), true).size());
    }

    private static void search(MailAccount account, Mailbox inbox, String what, SearchQuery query) {
        time(what, () -> account.search(inbox.id(), query, List.of()).size());
    }

    private static void sort(MailAccount account, Mailbox inbox, String what, List<SortKey> keys) {
        time(what, () -> account.search(inbox.id(), new SearchQuery.All(), keys).size());
    }

    private static void time(String what, IntSupplier run) {
        long best = Long.MAX_VALUE;
        int found = 0;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            found = run.getAsInt();
            best = Math.min(best, System.nanoTime() - start);
        }
        System.out.printf("%-42s %,12.1f ms (%,d)%n", what, best / 1e6, found);
    }
}
