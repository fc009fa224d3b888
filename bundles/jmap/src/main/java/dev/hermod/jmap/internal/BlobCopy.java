package dev.hermod.jmap.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Blob/copy (RFC 8620 §6.3): within the user's own account every blob is already there. */
final class BlobCopy {

    private BlobCopy() {
    }

    static void register(Methods m) {
        m.add("Blob/copy", Capabilities.CORE, BlobCopy::copy);
    }

    static ObjectNode copy(Call call, ObjectNode args) throws MethodException {
        call.checkAccount(args);
        String from = Json.string(args, "fromAccountId");
        if (from == null) {
            throw MethodException.invalidArguments("fromAccountId is required");
        }
        if (!from.equals(call.accountId)) {
            throw new MethodException("fromAccountNotFound", "No account " + from + " is shared with you.");
        }
        List<String> blobIds = Json.stringList(args, "blobIds");
        if (blobIds == null) {
            throw MethodException.invalidArguments("blobIds is required");
        }
        ObjectNode copied = Json.object();
        ObjectNode notCopied = Json.object();
        for (String blobId : blobIds) {
            try (var in = call.jmap.blobs().open(call.account, blobId)) {
                if (in == null) {
                    notCopied.set(blobId, SetError.notFound().toJson());
                } else {
                    copied.put(blobId, blobId);
                }
            } catch (java.io.IOException e) {
                notCopied.set(blobId, SetError.notFound().toJson());
            }
        }
        ObjectNode out = Json.object().put("fromAccountId", from).put("accountId", call.accountId);
        out.set("copied", copied.isEmpty() ? Json.NODES.nullNode() : copied);
        out.set("notCopied", notCopied.isEmpty() ? Json.NODES.nullNode() : notCopied);
        return out;
    }
}
