package dev.hermod.jmap.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermod.api.mail.MailboxId;
import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mailbox.Changes;
import dev.hermod.api.mailbox.Keywords;
import dev.hermod.api.mailbox.Mailbox;
import dev.hermod.api.mailbox.MailboxException;
import dev.hermod.api.mailbox.SearchQuery;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Mailbox/get, changes, query, queryChanges and set (RFC 8621 §2) over the account's mailboxes. */
final class MailboxMethods {

    static final Set<String> PROPERTIES = Set.of("id", "name", "parentId", "role", "sortOrder", "totalEmails",
            "unreadEmails", "totalThreads", "unreadThreads", "myRights", "isSubscribed");

    private MailboxMethods() {
    }

    static void register(Methods m) {
        m.add("Mailbox/get", Capabilities.MAIL, MailboxMethods::get);
        m.add("Mailbox/changes", Capabilities.MAIL, (call, args) -> Standard.changes(call, args, Changes.Collection.MAILBOX));
        m.add("Mailbox/query", Capabilities.MAIL, MailboxMethods::query);
        m.add("Mailbox/queryChanges", Capabilities.MAIL, MailboxMethods::queryChanges);
        m.add("Mailbox/set", Capabilities.MAIL, MailboxMethods::set);
    }

    static ObjectNode get(Call call, ObjectNode args) throws MethodException {
        call.checkAccount(args);
        List<String> ids = Standard.ids(call, args);
        List<String> props = Json.stringList(args, "properties");
        Set<String> properties = props == null ? null : new HashSet<>(props);
        if (properties != null && !PROPERTIES.containsAll(properties)) {
            properties.removeAll(PROPERTIES);
            throw MethodException.invalidArguments("Unknown Mailbox properties: " + properties);
        }
        long state = call.account.state();
        List<Mailbox> all = call.account.mailboxes();
        ArrayNode list = Json.array();
        ArrayNode notFound = Json.array();
        boolean threads = properties == null || properties.contains("totalThreads") || properties.contains("unreadThreads");
        if (ids == null) {
            for (Mailbox box : all) {
                list.add(Standard.select(toJson(call, box, threads), properties));
            }
        } else {
            for (String id : ids) {
                Mailbox box = all.stream().filter(b -> b.id().toString().equals(id)).findFirst().orElse(null);
                if (box == null) {
                    notFound.add(id);
                } else {
                    list.add(Standard.select(toJson(call, box, threads), properties));
                }
            }
        }
        ObjectNode out = Json.object().put("accountId", call.accountId).put("state", Long.toString(state));
        out.set("list", list);
        out.set("notFound", notFound);
        return out;
    }

    private static ObjectNode toJson(Call call, Mailbox box, boolean threads) {
        ObjectNode o = Json.object().put("id", box.id().toString()).put("name", box.name());
        if (box.parent() == null) {
            o.putNull("parentId");
        } else {
            o.put("parentId", box.parent().toString());
        }
        if (box.role() == null) {
            o.putNull("role");
        } else {
            o.put("role", box.role().jmapRole());
        }
        o.put("sortOrder", box.sortOrder()).put("totalEmails", box.messages()).put("unreadEmails", box.unseen());
        if (threads) {
            SearchQuery in = new SearchQuery.InMailbox(box.id());
            o.put("totalThreads", call.account.query(in, List.of(), true).size());
            o.put("unreadThreads", box.unseen() == 0 ? 0 : call.account.query(new SearchQuery.And(List.of(in,
                    new SearchQuery.Not(new SearchQuery.HasKeyword(Keywords.SEEN)))), List.of(), true).size());
        }
        o.putObject("myRights").put("mayReadItems", true).put("mayAddItems", true).put("mayRemoveItems", true)
                .put("maySetSeen", true).put("maySetKeywords", true).put("mayCreateChild", true)
                .put("mayRename", true).put("mayDelete", true).put("maySubmit", true);
        o.put("isSubscribed", box.subscribed());
        return o;
    }

    private static String cacheKey(Call call, ObjectNode args) {
        return "Mailbox|" + call.accountId + "|" + Json.text(args.path("filter")) + "|" + Json.text(args.path("sort"))
                + "|" + args.path("sortAsTree").asBoolean(false) + "|" + args.path("filterAsTree").asBoolean(false);
    }

    /**
     * The query's result (RFC 8621 §2.3): filtered, then sorted. With {@code filterAsTree} a mailbox
     * matches only when its parents match too; with {@code sortAsTree} each mailbox comes right after its
     * parent, siblings in the sort's order.
     */
    private static List<String> run(Call call, ObjectNode args) throws MethodException {
        List<Mailbox> all = call.account.mailboxes();
        Map<MailboxId, Mailbox> byId = new java.util.HashMap<>();
        all.forEach(b -> byId.put(b.id(), b));
        JsonNode filter = args.get("filter");
        boolean filterAsTree = Json.bool(args, "filterAsTree", false);
        boolean sortAsTree = Json.bool(args, "sortAsTree", false);
        List<Mailbox> boxes = new ArrayList<>();
        Map<MailboxId, Boolean> matched = new java.util.HashMap<>();
        for (Mailbox box : all) {
            boolean ok = filter == null || filter.isNull() || matches(call, box, filter);
            matched.put(box.id(), ok);
        }
        for (Mailbox box : all) {
            boolean ok = matched.get(box.id());
            for (MailboxId p = box.parent(); ok && filterAsTree && p != null; p = byId.get(p) == null ? null : byId.get(p).parent()) {
                ok = matched.getOrDefault(p, false);
            }
            if (ok) {
                boxes.add(box);
            }
        }
        Comparator<Mailbox> order = null;
        JsonNode sort = args.get("sort");
        if (sort != null && sort.isArray()) {
            for (JsonNode comparator : sort) {
                String property = comparator.path("property").asText();
                Comparator<Mailbox> c = switch (property) {
                    case "name" -> Comparator.comparing(Mailbox::name, String.CASE_INSENSITIVE_ORDER);
                    case "sortOrder" -> Comparator.comparingInt(Mailbox::sortOrder);
                    default -> throw MethodException.unsupportedSort("Mailboxes sort by name or sortOrder, not " + property + ".");
                };
                if (!comparator.path("isAscending").asBoolean(true)) {
                    c = c.reversed();
                }
                order = order == null ? c : order.thenComparing(c);
            }
        }
        if (order != null) {
            boxes.sort(order.thenComparing(Mailbox::id));
        }
        if (sortAsTree) {
            List<Mailbox> tree = new ArrayList<>();
            Set<MailboxId> kept = new HashSet<>();
            boxes.forEach(b -> kept.add(b.id()));
            for (Mailbox box : boxes) {
                if (box.parent() == null || !kept.contains(box.parent())) {
                    addTree(box, boxes, tree);
                }
            }
            boxes = tree;
        }
        return boxes.stream().map(b -> b.id().toString()).toList();
    }

    private static void addTree(Mailbox box, List<Mailbox> sorted, List<Mailbox> out) {
        out.add(box);
        for (Mailbox child : sorted) {
            if (box.id().equals(child.parent())) {
                addTree(child, sorted, out);
            }
        }
    }

    private static boolean matches(Call call, Mailbox box, JsonNode filter) throws MethodException {
        if (filter.has("operator")) {
            String operator = filter.get("operator").asText();
            boolean any = false;
            boolean all = true;
            for (JsonNode condition : filter.path("conditions")) {
                boolean m = matches(call, box, condition);
                any |= m;
                all &= m;
            }
            return switch (operator) {
                case "AND" -> all;
                case "OR" -> any;
                case "NOT" -> !any;
                default -> throw MethodException.unsupportedFilter("Unknown operator " + operator + ".");
            };
        }
        Iterator<Map.Entry<String, JsonNode>> fields = filter.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode v = f.getValue();
            boolean ok = switch (f.getKey()) {
                case "parentId" -> v.isNull() ? box.parent() == null
                        : box.parent() != null && box.parent().toString().equals(call.resolve(v.asText()));
                case "name" -> box.name().toLowerCase().contains(v.asText().toLowerCase());
                case "role" -> v.isNull() ? box.role() == null : box.role() != null && box.role().jmapRole().equals(v.asText());
                case "hasAnyRole" -> (box.role() != null) == v.asBoolean();
                case "isSubscribed" -> box.subscribed() == v.asBoolean();
                default -> throw MethodException.unsupportedFilter("Mailboxes filter by parentId, name, role, hasAnyRole"
                        + " or isSubscribed, not " + f.getKey() + ".");
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static ObjectNode query(Call call, ObjectNode args) throws MethodException {
        call.checkAccount(args);
        String state = Long.toString(call.account.state());
        List<String> ids = run(call, args);
        call.jmap.queries().put(cacheKey(call, args), state, ids);
        return Standard.page(call, args, ids, state, true);
    }

    static ObjectNode queryChanges(Call call, ObjectNode args) throws MethodException {
        call.checkAccount(args);
        String state = Long.toString(call.account.state());
        List<String> ids = run(call, args);
        String key = cacheKey(call, args);
        call.jmap.queries().put(key, state, ids);
        return Standard.queryChanges(call, args, key, ids, state);
    }

    static ObjectNode set(Call call, ObjectNode args) throws MethodException {
        Standard.checkSet(call, args, Long.toString(call.account.state()));
        String oldState = Long.toString(call.account.state());
        ObjectNode created = Json.object();
        ObjectNode notCreated = Json.object();
        ObjectNode updated = Json.object();
        ObjectNode notUpdated = Json.object();
        ArrayNode destroyed = Json.array();
        ObjectNode notDestroyed = Json.object();
        // Parents first: a creation may name another's creation id as its parent.
        List<Map.Entry<String, JsonNode>> creates = new ArrayList<>();
        args.path("create").fields().forEachRemaining(creates::add);
        boolean progress = true;
        while (!creates.isEmpty() && progress) {
            progress = false;
            for (Iterator<Map.Entry<String, JsonNode>> it = creates.iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String parent = e.getValue().path("parentId").asText(null);
                if (parent != null && parent.startsWith("#") && !call.createdIds.containsKey(parent.substring(1))
                        && args.path("create").has(parent.substring(1))) {
                    continue;
                }
                it.remove();
                progress = true;
                try {
                    Mailbox box = create(call, e.getValue());
                    call.createdIds.put(e.getKey(), box.id().toString());
                    created.set(e.getKey(), Json.object().put("id", box.id().toString()).put("totalEmails", 0)
                            .put("unreadEmails", 0).put("totalThreads", 0).put("unreadThreads", 0)
                            .put("isSubscribed", box.subscribed()).put("sortOrder", box.sortOrder()));
                } catch (SetError error) {
                    notCreated.set(e.getKey(), error.toJson());
                }
            }
        }
        for (Map.Entry<String, JsonNode> e : creates) {
            notCreated.set(e.getKey(), SetError.invalidProperties("The parent cannot be created.", "parentId").toJson());
        }
        Iterator<Map.Entry<String, JsonNode>> updates = args.path("update").fields();
        while (updates.hasNext()) {
            Map.Entry<String, JsonNode> e = updates.next();
            String id = call.resolve(e.getKey());
            try {
                update(call, id, e.getValue());
                updated.putNull(id);
            } catch (SetError error) {
                notUpdated.set(id, error.toJson());
            }
        }
        boolean removeEmails = Json.bool(args, "onDestroyRemoveEmails", false);
        for (JsonNode idNode : args.path("destroy")) {
            String id = call.resolve(idNode.asText());
            try {
                call.account.deleteMailbox(parse(id), removeEmails);
                destroyed.add(id);
            } catch (SetError error) {
                notDestroyed.set(id, error.toJson());
            } catch (MailboxException error) {
                notDestroyed.set(id, setError(error).toJson());
            }
        }
        ObjectNode out = Json.object().put("accountId", call.accountId).put("oldState", oldState)
                .put("newState", Long.toString(call.account.state()));
        out.set("created", created);
        out.set("updated", updated);
        out.set("destroyed", destroyed);
        out.set("notCreated", notCreated);
        out.set("notUpdated", notUpdated);
        out.set("notDestroyed", notDestroyed);
        return out;
    }

    private static Mailbox create(Call call, JsonNode o) throws SetError {
        if (!o.isObject()) {
            throw SetError.invalidProperties("A mailbox is an object.");
        }
        String name = o.path("name").asText(null);
        if (name == null || name.isBlank()) {
            throw SetError.invalidProperties("name is required.", "name");
        }
        for (String p : List.of("id", "totalEmails", "unreadEmails", "totalThreads", "unreadThreads", "myRights")) {
            if (o.has(p)) {
                throw SetError.invalidProperties(p + " is set by the server.", p);
            }
        }
        MailboxId parent = o.path("parentId").isTextual() ? parse(call.resolve(o.get("parentId").asText())) : null;
        MailboxRole role = role(o);
        try {
            Mailbox box = call.account.createMailbox(name, parent, role);
            boolean subscribed = o.path("isSubscribed").asBoolean(box.subscribed());
            int sortOrder = o.path("sortOrder").asInt(box.sortOrder());
            if (subscribed != box.subscribed() || sortOrder != box.sortOrder()) {
                box = call.account.updateMailbox(box.id(), subscribed, box.role(), sortOrder);
            }
            return box;
        } catch (MailboxException e) {
            throw setError(e);
        }
    }

    private static MailboxRole role(JsonNode o) throws SetError {
        if (!o.has("role") || o.get("role").isNull()) {
            return null;
        }
        return MailboxRole.fromJmapRole(o.get("role").asText())
                .orElseThrow(() -> SetError.invalidProperties("Unknown role " + o.get("role").asText() + ".", "role"));
    }

    private static void update(Call call, String id, JsonNode patch) throws SetError {
        MailboxId mailboxId = parse(id);
        Mailbox box;
        try {
            box = call.account.mailbox(mailboxId);
            String name = patch.has("name") ? patch.get("name").asText() : box.name();
            MailboxId parent = box.parent();
            if (patch.has("parentId")) {
                parent = patch.get("parentId").isNull() ? null : parse(call.resolve(patch.get("parentId").asText()));
            }
            if (!name.equals(box.name()) || !java.util.Objects.equals(parent, box.parent())) {
                box = call.account.renameMailbox(mailboxId, name, parent);
            }
            boolean subscribed = patch.has("isSubscribed") ? patch.get("isSubscribed").asBoolean() : box.subscribed();
            int sortOrder = patch.has("sortOrder") ? patch.get("sortOrder").asInt() : box.sortOrder();
            MailboxRole role = patch.has("role") ? role(patch) : box.role();
            if (subscribed != box.subscribed() || sortOrder != box.sortOrder() || role != box.role()) {
                call.account.updateMailbox(mailboxId, subscribed, role, sortOrder);
            }
        } catch (MailboxException e) {
            throw setError(e);
        }
    }

    static MailboxId parse(String id) throws SetError {
        try {
            return MailboxId.parse(id);
        } catch (IllegalArgumentException e) {
            throw SetError.notFound();
        }
    }

    static SetError setError(MailboxException e) {
        return switch (e.reason()) {
            case NO_SUCH_MAILBOX -> SetError.notFound();
            case HAS_CHILDREN -> new SetError("mailboxHasChild", e.getMessage());
            case HAS_MESSAGES -> new SetError("mailboxHasEmail", e.getMessage());
            case ALREADY_EXISTS, INVALID_NAME -> SetError.invalidProperties(e.getMessage(), "name");
            case INVALID_PARENT -> SetError.invalidProperties(e.getMessage(), "parentId");
            case OVER_QUOTA -> new SetError("overQuota", e.getMessage());
            case TOO_LARGE -> new SetError("tooLarge", e.getMessage());
            default -> new SetError("forbidden", e.getMessage());
        };
    }
}
