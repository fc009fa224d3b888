package dev.hermod.jmap.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermod.api.mail.MessageId;
import dev.hermod.api.mail.ThreadId;
import dev.hermod.api.mailbox.Changes;
import java.util.List;

/** Thread/get and Thread/changes (RFC 8621 §3). */
final class ThreadMethods {

    private ThreadMethods() {
    }

    static void register(Methods m) {
        m.add("Thread/get", Capabilities.MAIL, ThreadMethods::get);
        m.add("Thread/changes", Capabilities.MAIL, (call, args) -> Standard.changes(call, args, Changes.Collection.THREAD));
    }

    static ObjectNode get(Call call, ObjectNode args) throws MethodException {
        call.checkAccount(args);
        List<String> ids = Standard.ids(call, args);
        if (ids == null) {
            throw MethodException.requestTooLarge("Thread/get needs ids.");
        }
        long state = call.account.state();
        ArrayNode list = Json.array();
        ArrayNode notFound = Json.array();
        for (String id : ids) {
            List<MessageId> emails;
            try {
                emails = call.account.thread(ThreadId.parse(id));
            } catch (IllegalArgumentException e) {
                emails = List.of();
            }
            if (emails.isEmpty()) {
                notFound.add(id);
            } else {
                list.addObject().put("id", id).set("emailIds", Json.strings(emails.stream().map(MessageId::toString).toList()));
            }
        }
        ObjectNode out = Json.object().put("accountId", call.accountId).put("state", Long.toString(state));
        out.set("list", list);
        out.set("notFound", notFound);
        return out;
    }
}
