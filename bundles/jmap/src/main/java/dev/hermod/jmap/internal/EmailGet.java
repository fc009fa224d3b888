package dev.hermod.jmap.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermod.api.mail.MessageId;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.MailboxException;
import dev.hermod.api.mailbox.StoredMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Email/get (RFC 8621 §4.2): every property, body values and the header forms. */
final class EmailGet {

    private EmailGet() {
    }

    static void register(Methods m) {
        m.add("Email/get", Capabilities.MAIL, EmailGet::get);
        m.add("Email/changes", Capabilities.MAIL, (call, args) -> Standard.changes(call, args,
                dev.hermod.api.mailbox.Changes.Collection.EMAIL));
    }

    static ObjectNode get(Call call, ObjectNode args) throws MethodException {
        call.checkAccount(args);
        List<String> ids = Standard.ids(call, args);
        if (ids == null) {
            throw MethodException.requestTooLarge("Email/get needs ids; find them with Email/query.");
        }
        List<String> properties = Json.stringList(args, "properties");
        properties = properties == null ? EmailView.DEFAULT_PROPERTIES : properties;
        EmailView.checkProperties(properties, EmailView.KNOWN);
        List<String> bodyProperties = Json.stringList(args, "bodyProperties");
        bodyProperties = bodyProperties == null ? EmailView.DEFAULT_BODY_PROPERTIES : bodyProperties;
        EmailView.checkProperties(bodyProperties, EmailView.KNOWN_BODY);
        bodyProperties = new ArrayList<>(bodyProperties);
        if (properties.contains("bodyStructure") && !bodyProperties.contains("subParts")) {
            bodyProperties.add("subParts");
        }
        EmailView.BodyValueOptions values = new EmailView.BodyValueOptions(Json.bool(args, "fetchTextBodyValues", false),
                Json.bool(args, "fetchHTMLBodyValues", false), Json.bool(args, "fetchAllBodyValues", false),
                Json.number(args, "maxBodyValueBytes", 0, 0));
        MailAccount account = call.account;
        long state = account.state();
        ArrayNode list = Json.array();
        ArrayNode notFound = Json.array();
        boolean onlyId = properties.size() == 1 && properties.get(0).equals("id");
        for (String id : ids) {
            MessageId messageId;
            StoredMessage stored;
            try {
                messageId = MessageId.parse(id);
                stored = account.message(messageId);
            } catch (IllegalArgumentException | MailboxException e) {
                notFound.add(id);
                continue;
            }
            if (onlyId) {
                list.addObject().put("id", id);
                continue;
            }
            EmailView view = new EmailView(messageId, stored, account.summary(messageId), () -> read(account, messageId));
            list.add(view.render(properties, bodyProperties, values));
        }
        ObjectNode out = Json.object().put("accountId", call.accountId).put("state", Long.toString(state));
        out.set("list", list);
        out.set("notFound", notFound);
        return out;
    }

    static byte[] read(MailAccount account, MessageId id) {
        try (InputStream in = account.open(id, 0, -1)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
