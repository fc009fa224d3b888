package dev.hermod.core.internal.mail;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** Splits ids into ascending, distinct batches: bulk work runs as several transactions within the store's limits. */
final class Batches {

    private Batches() {
    }

    static List<List<Long>> of(Collection<Long> ids, int size) {
        List<Long> sorted = new ArrayList<>(new TreeSet<>(ids));
        List<List<Long>> batches = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i += size) {
            batches.add(sorted.subList(i, Math.min(sorted.size(), i + size)));
        }
        return batches;
    }
}
