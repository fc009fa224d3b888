package dev.hermod.message;

import java.util.List;

/** The test corpus for tests in other packages. */
public final class CorpusAccess {

    private CorpusAccess() {
    }

    public static List<byte[]> all() {
        return List.copyOf(Corpus.all().values());
    }
}
