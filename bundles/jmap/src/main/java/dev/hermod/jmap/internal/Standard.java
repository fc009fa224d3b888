package dev.hermod.jmap.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermod.api.mailbox.Changes;
import dev.hermod.api.mailbox.MailboxException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The standard methods' common parts (RFC 8620 §5): /changes, query paging, /queryChanges, limits. */
final class Standard {

    private Standard() {
    }

    /** Foo/changes over the account's change log (§5.2); the state is the account's change id. */
    static ObjectNode changes(Call call, ObjectNode args, Changes.Collection collection) throws MethodException {
        call.checkAccount(args);
        String since = Json.string(args, "sinceState");
        if (since == null) {
            throw MethodException.invalidArguments("sinceState is required");
        }
        long maxChanges = Json.number(args, "maxChanges", 0, 1);
        long state = state(since);
        Changes changes;
        try {
            changes = call.account.changes(collection, state,
                    (int) Math.min(maxChanges == 0 ? call.jmap.limits().maxObjectsInGet() : maxChanges, Integer.MAX_VALUE));
        } catch (MailboxException e) {
            throw MethodException.cannotCalculateChanges(e.getMessage());
        }
        ObjectNode out = Json.object().put("accountId", call.accountId).put("oldState", since)
                .put("newState", Long.toString(changes.newState())).put("hasMoreChanges", changes.hasMore());
        out.set("created", Json.strings(changes.created()));
        out.set("updated", Json.strings(changes.updated()));
        out.set("destroyed", Json.strings(changes.destroyed()));
        if (collection == Changes.Collection.MAILBOX) {
            out.putNull("updatedProperties");
        }
        return out;
    }

    static long state(String state) throws MethodException {
        try {
            return Long.parseLong(state);
        } catch (NumberFormatException e) {
            throw MethodException.cannotCalculateChanges("Unknown state " + state + ".");
        }
    }

    /** The ids of a /get, checked against maxObjectsInGet; null for "all". */
    static List<String> ids(Call call, ObjectNode args) throws MethodException {
        List<String> ids = Json.stringList(args, "ids");
        if (ids != null) {
            if (ids.size() > call.jmap.limits().maxObjectsInGet()) {
                throw MethodException.requestTooLarge("At most " + call.jmap.limits().maxObjectsInGet() + " ids per get.");
            }
            ids = ids.stream().map(call::resolve).toList();
        }
        return ids;
    }

    /** Checks maxObjectsInSet and ifInState of a /set. */
    static void checkSet(Call call, ObjectNode args, String currentState) throws MethodException {
        call.checkAccount(args);
        int count = args.path("create").size() + args.path("update").size() + args.path("destroy").size();
        if (count > call.jmap.limits().maxObjectsInSet()) {
            throw MethodException.requestTooLarge("At most " + call.jmap.limits().maxObjectsInSet() + " objects per set.");
        }
        String ifInState = Json.string(args, "ifInState");
        if (ifInState != null && !ifInState.equals(currentState)) {
            throw MethodException.stateMismatch();
        }
    }

    /** Applies position, anchor, anchorOffset and limit to a query's full result (§5.5). */
    static ObjectNode page(Call call, ObjectNode args, List<String> all, String queryState, boolean canCalculateChanges)
            throws MethodException {
        long position = Json.number(args, "position", 0, Long.MIN_VALUE);
        String anchor = Json.string(args, "anchor");
        long anchorOffset = Json.number(args, "anchorOffset", 0, Long.MIN_VALUE);
        long limit = Json.number(args, "limit", -1, 0);
        int start;
        if (anchor != null) {
            int index = all.indexOf(call.resolve(anchor));
            if (index < 0) {
                throw MethodException.anchorNotFound();
            }
            start = (int) Math.max(0, index + anchorOffset);
        } else if (position < 0) {
            start = (int) Math.max(0, all.size() + position);
        } else {
            start = (int) Math.min(position, all.size());
        }
        int max = call.jmap.limits().maxObjectsInGet() * 10;
        long effective = limit < 0 ? max : Math.min(limit, max);
        int end = (int) Math.min(all.size(), start + effective);
        ObjectNode out = Json.object().put("accountId", call.accountId).put("queryState", queryState)
                .put("canCalculateChanges", canCalculateChanges).put("position", start);
        out.set("ids", Json.strings(all.subList(start, end)));
        if (Json.bool(args, "calculateTotal", false)) {
            out.put("total", all.size());
        }
        if (limit < 0 || limit > max) {
            if (end - start == max) {
                out.put("limit", max);
            }
        }
        return out;
    }

    /** Foo/queryChanges (§5.6) from the results kept for the client's queryState. */
    static ObjectNode queryChanges(Call call, ObjectNode args, String cacheKey, List<String> current, String state)
            throws MethodException {
        String since = Json.string(args, "sinceQueryState");
        if (since == null) {
            throw MethodException.invalidArguments("sinceQueryState is required");
        }
        List<String> before = call.jmap.queries().get(cacheKey, since);
        if (before == null) {
            throw MethodException.cannotCalculateChanges("The results of query state " + since
                    + " are no longer kept; query again.");
        }
        QueryCache.Diff diff = QueryCache.diff(before, current);
        long maxChanges = Json.number(args, "maxChanges", 0, 1);
        if (maxChanges > 0 && diff.removed().size() + diff.added().size() > maxChanges) {
            throw new MethodException("tooManyChanges", "More than " + maxChanges + " changes.");
        }
        ObjectNode out = Json.object().put("accountId", call.accountId).put("oldQueryState", since)
                .put("newQueryState", state);
        out.set("removed", Json.strings(diff.removed()));
        ArrayNode added = out.putArray("added");
        for (Map.Entry<String, Integer> e : diff.added()) {
            added.addObject().put("id", e.getKey()).put("index", e.getValue());
        }
        if (Json.bool(args, "calculateTotal", false)) {
            out.put("total", current.size());
        }
        return out;
    }

    /** Keeps only the requested properties (plus id) of an object. */
    static ObjectNode select(ObjectNode full, Set<String> properties) {
        if (properties == null) {
            return full;
        }
        ObjectNode out = Json.object();
        out.set("id", full.get("id"));
        for (String p : properties) {
            JsonNode v = full.get(p);
            if (v != null) {
                out.set(p, v);
            }
        }
        return out;
    }
}
