package dev.hermod.jmap.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The results of recent queries by account, query and state, so {@code /queryChanges} (RFC 8620 §5.6) can
 * compare the results a client has with the current ones. In memory, bounded; a state no longer kept
 * gives {@code cannotCalculateChanges} and the client queries again.
 */
final class QueryCache {

    private final Map<String, List<String>> results;

    QueryCache(int size) {
        this.results = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
                return size() > size;
            }
        };
    }

    synchronized void put(String key, String state, List<String> ids) {
        results.put(key + "@" + state, List.copyOf(ids));
    }

    synchronized List<String> get(String key, String state) {
        return results.get(key + "@" + state);
    }

    /** The difference between two result lists, as queryChanges reports it. */
    record Diff(List<String> removed, List<Map.Entry<String, Integer>> added) {
    }

    /**
     * Ids gone are removed; ids whose order relative to the others changed are removed and added again at
     * their new index (RFC 8620 §5.6 allows over-reporting that way); new ids are added.
     */
    static Diff diff(List<String> before, List<String> after) {
        Set<String> afterSet = new HashSet<>(after);
        Set<String> beforeSet = new HashSet<>(before);
        List<String> removed = new ArrayList<>();
        for (String id : before) {
            if (!afterSet.contains(id)) {
                removed.add(id);
            }
        }
        List<String> commonBefore = before.stream().filter(afterSet::contains).toList();
        List<String> commonAfter = after.stream().filter(beforeSet::contains).toList();
        int same = 0;
        while (same < commonBefore.size() && commonBefore.get(same).equals(commonAfter.get(same))) {
            same++;
        }
        Set<String> moved = new HashSet<>(commonAfter.subList(same, commonAfter.size()));
        for (String id : commonBefore.subList(same, commonBefore.size())) {
            removed.add(id);
        }
        List<Map.Entry<String, Integer>> added = new ArrayList<>();
        for (int i = 0; i < after.size(); i++) {
            String id = after.get(i);
            if (!beforeSet.contains(id) || moved.contains(id)) {
                added.add(Map.entry(id, i));
            }
        }
        return new Diff(removed, added);
    }
}
