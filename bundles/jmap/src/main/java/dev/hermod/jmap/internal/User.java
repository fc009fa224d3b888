package dev.hermod.jmap.internal;

import java.util.List;

/**
 * Who is logged in.
 *
 * @param name the account name
 * @param emails the principal's addresses, for identities and submission checks
 */
record User(String name, List<String> emails) {

    User {
        emails = List.copyOf(emails);
    }
}
