package dev.hermod.jmap.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermod.api.mailbox.QuotaUsage;
import java.util.ArrayList;
import java.util.List;

/**
 * Quota/get, changes and query (RFC 9425) from the account's use and the directory's limits: quota
 * {@code octets} (storage) and {@code count} (messages), each listed when the directory sets a limit.
 */
final class QuotaMethods {

    private QuotaMethods() {
    }

    static void register(Methods m) {
        m.add("Quota/get", Capabilities.QUOTA, QuotaMethods::get);
        m.add("Quota/changes", Capabilities.QUOTA, (call, args) -> {
            call.checkAccount(args);
            String since = Json.string(args, "sinceState");
            String state = state(call.account.quota());
            ObjectNode out = Json.object().put("accountId", call.accountId).put("oldState", since).put("newState", state)
                    .put("hasMoreChanges", false);
            out.putArray("created");
            ArrayNode updated = out.putArray("updated");
            if (!state.equals(since)) {
                quotas(call.account.quota()).forEach(q -> updated.add(q.get("id").asText()));
            }
            out.putArray("destroyed");
            out.putNull("updatedProperties");
            return out;
        });
        m.add("Quota/query", Capabilities.QUOTA, (call, args) -> {
            call.checkAccount(args);
            QuotaUsage usage = call.account.quota();
            List<String> ids = new ArrayList<>();
            var filter = args.path("filter");
            for (ObjectNode q : quotas(usage)) {
                if (filter.has("resourceType") && !filter.get("resourceType").asText().equals(q.get("resourceType").asText())) {
                    continue;
                }
                if (filter.has("scope") && !filter.get("scope").asText().equals("account")) {
                    continue;
                }
                ids.add(q.get("id").asText());
            }
            return Standard.page(call, args, ids, state(usage), false);
        });
    }

    static String state(QuotaUsage usage) {
        return usage.usedBytes() + "-" + usage.usedMessages() + "-" + usage.limitBytes() + "-" + usage.limitMessages();
    }

    static List<ObjectNode> quotas(QuotaUsage usage) {
        List<ObjectNode> out = new ArrayList<>();
        if (usage.limitBytes() > 0) {
            out.add(quota("octets", "Storage", usage.usedBytes(), usage.limitBytes()));
        }
        if (usage.limitMessages() > 0) {
            out.add(quota("count", "Messages", usage.usedMessages(), usage.limitMessages()));
        }
        return out;
    }

    private static ObjectNode quota(String type, String name, long used, long limit) {
        ObjectNode q = Json.object().put("id", type).put("resourceType", type).put("used", used).put("hardLimit", limit)
                .put("scope", "account").put("name", name);
        q.putArray("types").add("Email");
        return q;
    }

    static ObjectNode get(Call call, ObjectNode args) throws MethodException {
        call.checkAccount(args);
        List<String> ids = Standard.ids(call, args);
        QuotaUsage usage = call.account.quota();
        ArrayNode list = Json.array();
        ArrayNode notFound = Json.array();
        List<ObjectNode> all = quotas(usage);
        if (ids == null) {
            all.forEach(list::add);
        } else {
            for (String id : ids) {
                all.stream().filter(q -> q.get("id").asText().equals(id)).findFirst()
                        .ifPresentOrElse(list::add, () -> notFound.add(id));
            }
        }
        ObjectNode out = Json.object().put("accountId", call.accountId).put("state", state(usage));
        out.set("list", list);
        out.set("notFound", notFound);
        return out;
    }
}
