package dev.hermod.jmap.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermod.api.mailbox.MailAccount;

/** The session object (RFC 8620 §2): capabilities, the user's account, URLs. */
final class SessionResource {

    private SessionResource() {
    }

    static ObjectNode build(Jmap jmap, User user, MailAccount account, String base) {
        Limits l = jmap.limits();
        ObjectNode capabilities = Json.object();
        ObjectNode core = capabilities.putObject(Capabilities.CORE);
        core.put("maxSizeUpload", l.maxSizeUpload()).put("maxConcurrentUpload", l.maxConcurrentUpload())
                .put("maxSizeRequest", l.maxSizeRequest()).put("maxConcurrentRequests", l.maxConcurrentRequests())
                .put("maxCallsInRequest", l.maxCallsInRequest()).put("maxObjectsInGet", l.maxObjectsInGet())
                .put("maxObjectsInSet", l.maxObjectsInSet());
        core.putArray("collationAlgorithms").add("i;ascii-casemap").add("i;unicode-casemap");
        capabilities.putObject(Capabilities.MAIL);
        capabilities.putObject(Capabilities.SUBMISSION);
        capabilities.putObject(Capabilities.VACATION);
        capabilities.putObject(Capabilities.QUOTA);
        capabilities.putObject(Capabilities.SIEVE);
        capabilities.putObject(Capabilities.WEBSOCKET).put("url", base.replaceFirst("^http", "ws") + "/jmap/ws")
                .put("supportsPush", true);

        String id = account.id().toString();
        ObjectNode accounts = Json.object();
        ObjectNode acc = accounts.putObject(id);
        acc.put("name", user.emails().isEmpty() ? user.name() : user.emails().get(0))
                .put("isPersonal", true).put("isReadOnly", false);
        ObjectNode accCaps = acc.putObject("accountCapabilities");
        ObjectNode mail = accCaps.putObject(Capabilities.MAIL);
        mail.putNull("maxMailboxesPerEmail");
        mail.putNull("maxMailboxDepth");
        mail.put("maxSizeMailboxName", 255).put("maxSizeAttachmentsPerEmail", l.maxSizeUpload())
                .put("mayCreateTopLevelMailbox", true);
        mail.set("emailQuerySortOptions", Json.strings(EmailQuery.SORTS.keySet()));
        ObjectNode submission = accCaps.putObject(Capabilities.SUBMISSION);
        submission.put("maxDelayedSend", 0);
        submission.putObject("submissionExtensions");
        accCaps.putObject(Capabilities.VACATION);
        accCaps.putObject(Capabilities.QUOTA);
        ObjectNode sieve = accCaps.putObject(Capabilities.SIEVE);
        sieve.put("maxSizeScriptName", 512).put("maxSizeScript", dev.hermod.api.sieve.SieveScripts.MAX_SCRIPT_SIZE)
                .put("maxNumberScripts", 100).put("maxNumberRedirects", 4);
        sieve.putArray("sieveExtensions").add("fileinto").add("reject").add("envelope").add("vacation")
                .add("imap4flags").add("body").add("variables").add("date").add("relational").add("copy");
        sieve.putArray("notificationMethods").add("mailto");
        sieve.putArray("externalLists");

        ObjectNode session = Json.object();
        session.set("capabilities", capabilities);
        session.set("accounts", accounts);
        ObjectNode primary = session.putObject("primaryAccounts");
        for (String capability : new String[] {Capabilities.MAIL, Capabilities.SUBMISSION, Capabilities.VACATION,
                Capabilities.QUOTA, Capabilities.SIEVE}) {
            primary.put(capability, id);
        }
        session.put("username", user.name());
        session.put("apiUrl", base + "/jmap/api");
        session.put("downloadUrl", base + "/jmap/download/{accountId}/{blobId}/{name}?type={type}");
        session.put("uploadUrl", base + "/jmap/upload/{accountId}/");
        session.put("eventSourceUrl", base + "/jmap/eventsource/?types={types}&closeafter={closeafter}&ping={ping}");
        session.put("state", jmap.sessionState(user));
        return session;
    }
}
