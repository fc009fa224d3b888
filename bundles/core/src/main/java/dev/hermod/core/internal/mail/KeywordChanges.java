package dev.hermod.core.internal.mail;

import dev.hermod.api.mailbox.KeywordChange;
import dev.hermod.api.mailbox.Keywords;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Keyword sets: checking what callers pass and applying a {@link KeywordChange}. */
final class KeywordChanges {

    private KeywordChanges() {
    }

    /** Lower-cases and checks keywords. */
    static Set<String> check(Set<String> keywords) {
        Set<String> out = new HashSet<>();
        if (keywords != null) {
            for (String keyword : keywords) {
                if (!Keywords.isValid(keyword)) {
                    throw new IllegalArgumentException("Invalid keyword: " + keyword);
                }
                out.add(keyword.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    static Set<String> apply(KeywordChange change, Set<String> current) {
        Set<String> next = new HashSet<>(current);
        switch (change.operation()) {
            case ADD -> next.addAll(change.keywords());
            case REMOVE -> next.removeAll(change.keywords());
            case REPLACE -> {
                next.clear();
                next.addAll(change.keywords());
            }
        }
        return next;
    }
}
