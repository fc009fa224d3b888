package dev.hermod.itests.bench;

import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.Mailbox;

/** Search timings for {@link MailStoreBenchmark}, added once the mail store has search. */
final class MailStoreSearches {

    private MailStoreSearches() {}

    static void print(MailAccount account, Mailbox inbox) {
        System.out.println("(search timings: the mail store has no search API in this build)");
    }
}
