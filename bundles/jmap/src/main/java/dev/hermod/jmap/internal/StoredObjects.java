package dev.hermod.jmap.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermod.api.mailbox.MailAccount;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JMAP objects the mail store has no model for (identities, submissions), kept as one JSON document per
 * account and type in a {@code MailAccount} setting, with their own state counter and a short change log
 * for {@code /changes}. Changes made through one node are read back by every node; concurrent writers on
 * one node are serialised.
 */
final class StoredObjects {

    private static final int LOG = 200;
    private static final java.util.concurrent.ConcurrentHashMap<String, Object> LOCKS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The lock that serialises this node's writers of one account's document. */
    static Object lock(MailAccount account, String key) {
        return LOCKS.computeIfAbsent(account.id() + "/" + key, k -> new Object());
    }

    final String key;
    long state;
    long nextId;
    final Map<String, ObjectNode> objects = new LinkedHashMap<>();
    /** (state, id, kind) with kind c/u/d, oldest first. */
    final List<String[]> log = new ArrayList<>();

    private StoredObjects(String key) {
        this.key = key;
    }

    static StoredObjects load(MailAccount account, String key) {
        StoredObjects out = new StoredObjects(key);
        Optional<byte[]> bytes = account.setting(key);
        if (bytes.isEmpty()) {
            return out;
        }
        try {
            JsonNode doc = Json.MAPPER.readTree(bytes.get());
            out.state = doc.path("state").asLong();
            out.nextId = doc.path("nextId").asLong();
            doc.path("objects").fields().forEachRemaining(e -> out.objects.put(e.getKey(), (ObjectNode) e.getValue()));
            for (JsonNode entry : doc.path("log")) {
                out.log.add(new String[] {entry.get(0).asText(), entry.get(1).asText(), entry.get(2).asText()});
            }
        } catch (IOException e) {
            throw new IllegalStateException("setting " + key + " is not JSON", e);
        }
        return out;
    }

    void save(MailAccount account) {
        ObjectNode doc = Json.object().put("state", state).put("nextId", nextId);
        ObjectNode objs = doc.putObject("objects");
        objects.forEach(objs::set);
        var logNode = doc.putArray("log");
        for (String[] entry : log.subList(Math.max(0, log.size() - LOG), log.size())) {
            logNode.addArray().add(entry[0]).add(entry[1]).add(entry[2]);
        }
        account.putSetting(key, Json.bytes(doc));
    }

    String newId(String prefix) {
        return prefix + Long.toString(++nextId, 36);
    }

    void changed(String id, char kind) {
        state++;
        log.add(new String[] {Long.toString(state), id, String.valueOf(kind)});
    }

    /** Foo/changes over the kept log. */
    ObjectNode changes(String accountId, String since, long maxChanges) throws MethodException {
        long from = Standard.state(since);
        if (from > state || (!log.isEmpty() && from < Long.parseLong(log.get(0)[0]) - 1 && from < state)
                || (log.isEmpty() && from != state)) {
            throw MethodException.cannotCalculateChanges("The state " + since + " is too old or unknown.");
        }
        Map<String, Character> kinds = new LinkedHashMap<>();
        long newState = from;
        boolean more = false;
        for (String[] entry : log) {
            long s = Long.parseLong(entry[0]);
            if (s <= from) {
                continue;
            }
            if (maxChanges > 0 && kinds.size() >= maxChanges && !kinds.containsKey(entry[1])) {
                more = true;
                break;
            }
            char kind = entry[2].charAt(0);
            Character before = kinds.get(entry[1]);
            if (before != null && before == 'c') {
                kind = kind == 'd' ? 'x' : 'c';
            }
            kinds.put(entry[1], kind);
            newState = s;
        }
        ObjectNode out = Json.object().put("accountId", accountId).put("oldState", since)
                .put("newState", Long.toString(more ? newState : state)).put("hasMoreChanges", more);
        var created = out.putArray("created");
        var updated = out.putArray("updated");
        var destroyed = out.putArray("destroyed");
        kinds.forEach((id, kind) -> {
            switch (kind) {
                case 'c' -> created.add(id);
                case 'u' -> updated.add(id);
                case 'd' -> destroyed.add(id);
                default -> {
                }
            }
        });
        return out;
    }
}
