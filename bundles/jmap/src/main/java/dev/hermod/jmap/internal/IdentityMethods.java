package dev.hermod.jmap.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Identity/get, changes and set (RFC 8621 §6). The first time, the account gets one identity per address
 * the directory gives the user. An identity's address must be one of those (RFC 8621 §6:
 * {@code forbiddenFrom} otherwise).
 */
final class IdentityMethods {

    static final String KEY = "jmap.identities";
    private static final Set<String> WRITABLE = Set.of("name", "replyTo", "bcc", "textSignature", "htmlSignature");

    private IdentityMethods() {
    }

    static void register(Methods m) {
        m.add("Identity/get", Capabilities.SUBMISSION, IdentityMethods::get);
        m.add("Identity/changes", Capabilities.SUBMISSION, (call, args) -> {
            call.checkAccount(args);
            String since = Json.string(args, "sinceState");
            if (since == null) {
                throw MethodException.invalidArguments("sinceState is required");
            }
            return load(call).changes(call.accountId, since, Json.number(args, "maxChanges", 0, 1));
        });
        m.add("Identity/set", Capabilities.SUBMISSION, IdentityMethods::set);
    }

    static StoredObjects load(Call call) {
        synchronized (StoredObjects.lock(call.account, KEY)) {
            StoredObjects identities = StoredObjects.load(call.account, KEY);
            if (identities.nextId == 0) {
                for (String email : call.user.emails()) {
                    String id = identities.newId("I");
                    identities.objects.put(id, identity(id, "", email));
                }
                identities.save(call.account);
            }
            return identities;
        }
    }

    private static ObjectNode identity(String id, String name, String email) {
        ObjectNode o = Json.object().put("id", id).put("name", name).put("email", email);
        o.putNull("replyTo");
        o.putNull("bcc");
        o.put("textSignature", "").put("htmlSignature", "").put("mayDelete", true);
        return o;
    }

    static ObjectNode get(Call call, ObjectNode args) throws MethodException {
        call.checkAccount(args);
        List<String> ids = Standard.ids(call, args);
        List<String> props = Json.stringList(args, "properties");
        StoredObjects identities = load(call);
        ArrayNode list = Json.array();
        ArrayNode notFound = Json.array();
        for (String id : ids == null ? List.copyOf(identities.objects.keySet()) : ids) {
            ObjectNode o = identities.objects.get(id);
            if (o == null) {
                notFound.add(id);
            } else {
                list.add(Standard.select(o, props == null ? null : Set.copyOf(props)));
            }
        }
        ObjectNode out = Json.object().put("accountId", call.accountId).put("state", Long.toString(identities.state));
        out.set("list", list);
        out.set("notFound", notFound);
        return out;
    }

    static boolean mayUse(User user, String email) {
        String e = email.toLowerCase(Locale.ROOT);
        for (String own : user.emails()) {
            String o = own.toLowerCase(Locale.ROOT);
            if (o.equals(e)) {
                return true;
            }
        }
        return false;
    }

    static ObjectNode set(Call call, ObjectNode args) throws MethodException {
        synchronized (StoredObjects.lock(call.account, KEY)) {
            StoredObjects identities = load(call);
            String oldState = Long.toString(identities.state);
            Standard.checkSet(call, args, oldState);
            ObjectNode created = Json.object();
            ObjectNode notCreated = Json.object();
            Iterator<Map.Entry<String, JsonNode>> it = args.path("create").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode o = e.getValue();
                String email = o.path("email").asText("");
                if (!mayUse(call.user, email)) {
                    notCreated.set(e.getKey(), new SetError("forbiddenFrom", "You may not send from " + email + ".").toJson());
                    continue;
                }
                String id = identities.newId("I");
                ObjectNode identity = identity(id, o.path("name").asText(""), email);
                for (String p : WRITABLE) {
                    if (o.has(p)) {
                        identity.set(p, o.get(p));
                    }
                }
                identities.objects.put(id, identity);
                identities.changed(id, 'c');
                call.createdIds.put(e.getKey(), id);
                created.set(e.getKey(), Json.object().put("id", id).put("mayDelete", true));
            }
            ObjectNode updated = Json.object();
            ObjectNode notUpdated = Json.object();
            it = args.path("update").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String id = call.resolve(e.getKey());
                ObjectNode identity = identities.objects.get(id);
                if (identity == null) {
                    notUpdated.set(id, SetError.notFound().toJson());
                    continue;
                }
                String bad = null;
                for (Iterator<String> names = e.getValue().fieldNames(); names.hasNext(); ) {
                    String p = names.next();
                    if (!WRITABLE.contains(p)) {
                        bad = p;
                    }
                }
                if (bad != null) {
                    notUpdated.set(id, SetError.invalidProperties(bad + " cannot change.", bad).toJson());
                    continue;
                }
                e.getValue().fields().forEachRemaining(f -> identity.set(f.getKey(), f.getValue()));
                identities.changed(id, 'u');
                updated.putNull(id);
            }
            ArrayNode destroyed = Json.array();
            ObjectNode notDestroyed = Json.object();
            for (JsonNode idNode : args.path("destroy")) {
                String id = call.resolve(idNode.asText());
                if (identities.objects.remove(id) == null) {
                    notDestroyed.set(id, SetError.notFound().toJson());
                } else {
                    identities.changed(id, 'd');
                    destroyed.add(id);
                }
            }
            identities.save(call.account);
            ObjectNode out = Json.object().put("accountId", call.accountId).put("oldState", oldState)
                    .put("newState", Long.toString(identities.state));
            out.set("created", created);
            out.set("updated", updated);
            out.set("destroyed", destroyed);
            out.set("notCreated", notCreated);
            out.set("notUpdated", notUpdated);
            out.set("notDestroyed", notDestroyed);
            return out;
        }
    }
}
