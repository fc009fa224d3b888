package dev.hermod.core.internal.mail;

import dev.hermod.api.mailbox.SearchQuery.Contains.Field;
import dev.hermod.api.message.MessageSummary;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects one message content's full-text tokens: a one-character field code and the token text. The
 * header fields (Subject, From, To, Cc, Bcc) give every suffix of every word, so that any substring is a
 * prefix of a token; body text gives words ({@link Tokens#bodyTokens}). At most {@code max} tokens are
 * kept, header fields first. When a header field's words could not all be indexed whole (the cap, or a
 * word longer than {@link Tokens#MAX_WORD}), the content gets the token {@value #INCOMPLETE}: searches
 * of header fields then check it against its stored summary instead of trusting the index.
 *
 * <p>Body text arrives from the parser's thread while it parses; the header fields once it is done.
 */
final class IndexTokens {

    static final char SUBJECT = 's';
    static final char FROM = 'f';
    static final char TO = 't';
    static final char CC = 'c';
    static final char BCC = 'b';
    static final char BODY = 'x';
    static final String INCOMPLETE = "!";

    private final int max;
    private final Set<String> body = new HashSet<>();

    IndexTokens(int max) {
        this.max = max;
    }

    /** Adds a text part's decoded text. */
    void body(String text) {
        if (body.size() >= max) {
            return;
        }
        Tokens.bodyTokens(Tokens.normalize(text), false, token -> {
            if (body.size() < max) {
                body.add(BODY + token);
            }
        });
    }

    /** The tokens of the message whose body text was given, sorted. */
    List<String> tokens(MessageSummary summary) {
        Set<String> header = new HashSet<>();
        boolean incomplete = false;
        for (Field field : FieldText.HEADER_FIELDS) {
            char code = FieldText.code(field);
            for (String word : Tokens.words(Tokens.normalize(FieldText.of(summary, field)))) {
                incomplete |= Tokens.tooLong(word);
                Tokens.suffixes(word, suffix -> header.add(code + suffix));
            }
        }
        // Header codes (b c f s t) sort before the body's (x) and "!" before both: the two sorted runs, cut to
        // max, make the sorted result as they are.
        List<String> sortedHeader = new ArrayList<>(header);
        sortedHeader.sort(null);
        List<String> all = new ArrayList<>(Math.min(max, header.size() + body.size()) + 1);
        if (sortedHeader.size() > max) {
            incomplete = true;
            all.addAll(sortedHeader.subList(0, max));
        } else {
            all.addAll(sortedHeader);
            List<String> sortedBody = new ArrayList<>(body);
            sortedBody.sort(null);
            all.addAll(sortedBody.subList(0, Math.min(sortedBody.size(), max - all.size())));
        }
        if (incomplete) {
            all.add(0, INCOMPLETE);
        }
        return all;
    }
}
