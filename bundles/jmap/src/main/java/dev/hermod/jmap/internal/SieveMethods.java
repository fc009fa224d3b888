package dev.hermod.jmap.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermod.api.sieve.SieveChecker;
import dev.hermod.api.sieve.SieveScripts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SieveScript/get, set, query and validate (RFC 9661) over the core's script store, the same scripts
 * ManageSieve lists and edits. A script's id is {@code S} and its name in base64url, so an id names one
 * script; renaming gives a new id. A script's content is served as an upload blob.
 */
final class SieveMethods {

    private SieveMethods() {
    }

    static void register(Methods m) {
        m.add("SieveScript/get", Capabilities.SIEVE, SieveMethods::get);
        m.add("SieveScript/set", Capabilities.SIEVE, SieveMethods::set);
        m.add("SieveScript/query", Capabilities.SIEVE, SieveMethods::query);
        m.add("SieveScript/validate", Capabilities.SIEVE, SieveMethods::validate);
    }

    static String id(String name) {
        return "S" + Base64.getUrlEncoder().withoutPadding().encodeToString(name.getBytes(StandardCharsets.UTF_8));
    }

    static Optional<String> name(String id) {
        if (id == null || !id.startsWith("S")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new String(Base64.getUrlDecoder().decode(id.substring(1)), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static SieveScripts scripts(Call call) throws MethodException {
        SieveScripts scripts = call.jmap.scripts().get();
        if (scripts == null) {
            throw MethodException.unavailable("The Sieve script store is not available.");
        }
        return scripts;
    }

    private static String state(SieveScripts scripts, String account) {
        StringBuilder s = new StringBuilder();
        for (SieveScripts.ScriptInfo info : scripts.list(account)) {
            s.append(info.name()).append('|').append(info.active()).append('|')
                    .append(scripts.get(account, info.name()).map(String::hashCode).orElse(0)).append(';');
        }
        return Integer.toHexString(s.toString().hashCode());
    }

    private static ObjectNode script(Call call, SieveScripts scripts, SieveScripts.ScriptInfo info) {
        String text = scripts.get(call.account.name(), info.name()).orElse("");
        String blobId = call.jmap.blobs().uploads().put(call.accountId, text.getBytes(StandardCharsets.UTF_8));
        return Json.object().put("id", id(info.name())).put("name", info.name()).put("blobId", blobId)
                .put("isActive", info.active());
    }

    static ObjectNode get(Call call, ObjectNode args) throws MethodException {
        call.checkAccount(args);
        SieveScripts scripts = scripts(call);
        List<String> ids = Standard.ids(call, args);
        List<SieveScripts.ScriptInfo> all = scripts.list(call.account.name());
        ArrayNode list = Json.array();
        ArrayNode notFound = Json.array();
        if (ids == null) {
            all.forEach(info -> list.add(script(call, scripts, info)));
        } else {
            for (String id : ids) {
                Optional<SieveScripts.ScriptInfo> info = all.stream().filter(i -> id(i.name()).equals(id)).findFirst();
                if (info.isPresent()) {
                    list.add(script(call, scripts, info.get()));
                } else {
                    notFound.add(id);
                }
            }
        }
        ObjectNode out = Json.object().put("accountId", call.accountId).put("state", state(scripts, call.account.name()));
        out.set("list", list);
        out.set("notFound", notFound);
        return out;
    }

    static ObjectNode query(Call call, ObjectNode args) throws MethodException {
        call.checkAccount(args);
        SieveScripts scripts = scripts(call);
        JsonNode filter = args.path("filter");
        List<String> ids = new ArrayList<>();
        List<SieveScripts.ScriptInfo> all = new ArrayList<>(scripts.list(call.account.name()));
        all.sort(java.util.Comparator.comparing(SieveScripts.ScriptInfo::name));
        if (args.path("sort").isArray() && args.path("sort").size() > 0
                && !args.path("sort").get(0).path("isAscending").asBoolean(true)) {
            java.util.Collections.reverse(all);
        }
        for (SieveScripts.ScriptInfo info : all) {
            if (filter.has("name") && !info.name().contains(filter.get("name").asText())) {
                continue;
            }
            if (filter.has("isActive") && info.active() != filter.get("isActive").asBoolean()) {
                continue;
            }
            ids.add(id(info.name()));
        }
        return Standard.page(call, args, ids, state(scripts, call.account.name()), false);
    }

    private static Optional<String> check(Call call, String name, String text) throws MethodException {
        SieveChecker checker = call.jmap.checker().get();
        if (checker == null) {
            throw MethodException.unavailable("Sieve scripts cannot be checked now: the Sieve bundle does not run.");
        }
        return checker.check(name, text);
    }

    static ObjectNode validate(Call call, ObjectNode args) throws MethodException {
        call.checkAccount(args);
        String blobId = Json.string(args, "blobId");
        byte[] text = call.jmap.blobs().read(call.account, call.resolve(blobId)).orElse(null);
        ObjectNode out = Json.object().put("accountId", call.accountId);
        if (text == null) {
            out.set("error", new SetError("blobNotFound", "No blob " + blobId + ".").toJson());
            return out;
        }
        Optional<String> error = check(call, "script", new String(text, StandardCharsets.UTF_8));
        if (error.isPresent()) {
            out.set("error", new SetError("invalidSieve", error.get()).toJson());
        } else {
            out.putNull("error");
        }
        return out;
    }

    static ObjectNode set(Call call, ObjectNode args) throws MethodException {
        SieveScripts scripts = scripts(call);
        String account = call.account.name();
        String oldState = state(scripts, account);
        Standard.checkSet(call, args, oldState);
        ObjectNode created = Json.object();
        ObjectNode notCreated = Json.object();
        Iterator<Map.Entry<String, JsonNode>> it = args.path("create").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                String name = e.getValue().path("name").asText(null);
                if (name == null || name.isBlank()) {
                    throw SetError.invalidProperties("name is required.", "name");
                }
                if (scripts.get(account, name).isPresent()) {
                    throw new SetError("alreadyExists", "A script named " + name + " exists.");
                }
                String text = text(call, e.getValue(), name);
                scripts.put(account, name, text);
                call.createdIds.put(e.getKey(), id(name));
                created.set(e.getKey(), Json.object().put("id", id(name)).put("isActive", false)
                        .put("blobId", call.jmap.blobs().uploads().put(call.accountId, text.getBytes(StandardCharsets.UTF_8))));
            } catch (SetError error) {
                notCreated.set(e.getKey(), error.toJson());
            } catch (IllegalArgumentException error) {
                notCreated.set(e.getKey(), SetError.invalidProperties(error.getMessage(), "name").toJson());
            }
        }
        ObjectNode updated = Json.object();
        ObjectNode notUpdated = Json.object();
        it = args.path("update").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String id = call.resolve(e.getKey());
            Optional<String> name = name(id).filter(n -> scripts.get(account, n).isPresent());
            if (name.isEmpty()) {
                notUpdated.set(id, SetError.notFound().toJson());
                continue;
            }
            try {
                String current = name.get();
                if (e.getValue().has("blobId")) {
                    scripts.put(account, current, text(call, e.getValue(), current));
                }
                if (e.getValue().hasNonNull("name") && !e.getValue().get("name").asText().equals(current)) {
                    scripts.rename(account, current, e.getValue().get("name").asText());
                }
                updated.putNull(id);
            } catch (SetError error) {
                notUpdated.set(id, error.toJson());
            } catch (IllegalArgumentException error) {
                notUpdated.set(id, new SetError("alreadyExists", error.getMessage()).toJson());
            }
        }
        ArrayNode destroyed = Json.array();
        ObjectNode notDestroyed = Json.object();
        for (JsonNode idNode : args.path("destroy")) {
            String id = call.resolve(idNode.asText());
            Optional<String> name = name(id);
            try {
                if (name.isPresent() && scripts.delete(account, name.get())) {
                    destroyed.add(id);
                } else {
                    notDestroyed.set(id, SetError.notFound().toJson());
                }
            } catch (IllegalStateException error) {
                notDestroyed.set(id, new SetError("sieveIsActive", "Deactivate the script first.").toJson());
            }
        }
        // RFC 9661 §2.2: activation after the creates, updates and destroys.
        String activate = Json.string(args, "onSuccessActivateScript");
        if (activate != null) {
            name(call.resolve(activate)).filter(n -> scripts.get(account, n).isPresent())
                    .ifPresent(n -> scripts.activate(account, n));
        } else if (Json.bool(args, "onSuccessDeactivateScript", false)) {
            scripts.activate(account, null);
        }
        ObjectNode out = Json.object().put("accountId", call.accountId).put("oldState", oldState)
                .put("newState", state(scripts, account));
        out.set("created", created);
        out.set("updated", updated);
        out.set("destroyed", destroyed);
        out.set("notCreated", notCreated);
        out.set("notUpdated", notUpdated);
        out.set("notDestroyed", notDestroyed);
        return out;
    }

    private static String text(Call call, JsonNode script, String name) throws SetError {
        String blobId = call.resolve(script.path("blobId").asText(null));
        byte[] bytes = call.jmap.blobs().read(call.account, blobId).orElseThrow(() ->
                new SetError("blobNotFound", "No blob " + blobId + "."));
        String text = new String(bytes, StandardCharsets.UTF_8);
        Optional<String> error;
        try {
            error = check(call, name, text);
        } catch (MethodException e) {
            throw new SetError("serverUnavailable", e.getMessage());
        }
        if (error.isPresent()) {
            throw new SetError("invalidSieve", error.get());
        }
        return text;
    }
}
