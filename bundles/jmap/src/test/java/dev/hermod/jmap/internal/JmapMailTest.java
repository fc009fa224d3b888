package dev.hermod.jmap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermod.api.mail.MessageId;
import dev.hermod.api.mailbox.Appended;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** JMAP Mail (RFC 8621) methods, request and response, error cases included. */
class JmapMailTest extends JmapTestSupport {

    @Test
    void mailboxGetQuerySetAndChanges() throws Exception {
        JsonNode all = call("alice", "Mailbox/get", "{\"accountId\":\"$A\",\"ids\":null}");
        String state = all.get("state").asText();
        JsonNode inbox = null;
        for (JsonNode box : all.get("list")) {
            if ("inbox".equals(box.path("role").asText())) {
                inbox = box;
            }
        }
        assertEquals("INBOX", inbox.get("name").asText());
        assertTrue(inbox.at("/myRights/mayDelete").isBoolean());

        JsonNode set = call("alice", "Mailbox/set", "{\"accountId\":\"$A\",\"create\":{\"a\":{\"name\":\"Archive 2024\","
                + "\"sortOrder\":5},\"bad\":{\"parentId\":null},\"dup\":{\"name\":\"INBOX\"}}}");
        String archive = set.at("/created/a/id").asText();
        assertEquals("invalidProperties", set.at("/notCreated/bad/type").asText());
        assertEquals("invalidProperties", set.at("/notCreated/dup/type").asText());
        JsonNode changes = call("alice", "Mailbox/changes", "{\"accountId\":\"$A\",\"sinceState\":\"" + state + "\"}");
        assertEquals(archive, changes.at("/created/0").asText());
        assertEquals(set.get("newState").asText(), changes.get("newState").asText());

        JsonNode child = call("alice", "Mailbox/set", "{\"accountId\":\"$A\",\"create\":{\"c\":{\"name\":\"Q1\",\"parentId\":\""
                + archive + "\"}},\"update\":{\"" + archive + "\":{\"name\":\"Old stuff\",\"isSubscribed\":false}}}");
        assertTrue(child.get("updated").has(archive));
        JsonNode query = call("alice", "Mailbox/query", "{\"accountId\":\"$A\",\"filter\":{\"parentId\":\"" + archive
                + "\"},\"calculateTotal\":true}");
        assertEquals(1, query.get("total").asInt());
        assertEquals(child.at("/created/c/id").asText(), query.at("/ids/0").asText());
        JsonNode byName = call("alice", "Mailbox/query", "{\"accountId\":\"$A\",\"sort\":[{\"property\":\"name\"}]}");
        String queryState = byName.get("queryState").asText();
        JsonNode renamed = call("alice", "Mailbox/get", "{\"accountId\":\"$A\",\"ids\":[\"" + archive + "\"]}");
        assertEquals("Old stuff", renamed.at("/list/0/name").asText());
        assertFalse(renamed.at("/list/0/isSubscribed").asBoolean());

        JsonNode refused = call("alice", "Mailbox/set", "{\"accountId\":\"$A\",\"destroy\":[\"" + archive + "\",\"m9999\"]}");
        assertEquals("mailboxHasChild", refused.at("/notDestroyed/" + archive + "/type").asText());
        assertEquals("notFound", refused.at("/notDestroyed/m9999/type").asText());

        call("alice", "Mailbox/set", "{\"accountId\":\"$A\",\"create\":{\"z\":{\"name\":\"Aaa\"}}}");
        JsonNode qc = call("alice", "Mailbox/queryChanges", "{\"accountId\":\"$A\",\"sort\":[{\"property\":\"name\"}],"
                + "\"sinceQueryState\":\"" + queryState + "\"}");
        assertEquals(0, qc.at("/added/0/index").asInt(), qc.toString());
        // sortAsTree: children right after their parent; filterAsTree: a child only when its parent matches.
        JsonNode tree = call("alice", "Mailbox/query", "{\"accountId\":\"$A\",\"sort\":[{\"property\":\"name\",\"isAscending\":false}],"
                + "\"sortAsTree\":true}");
        java.util.List<String> order = new java.util.ArrayList<>();
        tree.get("ids").forEach(n -> order.add(n.asText()));
        assertEquals(order.indexOf(archive) + 1, order.indexOf(child.at("/created/c/id").asText()), order.toString());
        JsonNode subscribedTree = call("alice", "Mailbox/query", "{\"accountId\":\"$A\",\"filter\":{\"isSubscribed\":true},"
                + "\"filterAsTree\":true}");
        assertFalse(subscribedTree.get("ids").toString().contains(child.at("/created/c/id").asText()), subscribedTree.toString());
        JsonNode subscribed = call("alice", "Mailbox/query", "{\"accountId\":\"$A\",\"filter\":{\"isSubscribed\":true}}");
        assertTrue(subscribed.get("ids").toString().contains(child.at("/created/c/id").asText()), subscribed.toString());
        JsonNode badProperty = api("alice", "[[\"Mailbox/get\",{\"accountId\":\"$A\",\"properties\":[\"name\",\"color\"]},\"p\"]]");
        assertEquals("invalidArguments", badProperty.at("/methodResponses/0/1/type").asText());
        JsonNode stale = api("alice", "[[\"Mailbox/set\",{\"accountId\":\"$A\",\"ifInState\":\"" + state + "\",\"create\":{}},\"s\"]]");
        assertEquals("stateMismatch", stale.at("/methodResponses/0/1/type").asText(), stale.toString());
    }

    @Test
    void emailGetEveryProperty() throws Exception {
        Appended appended = deliver("alice", "INBOX", MULTIPART);
        String id = appended.id().toString();
        JsonNode r = call("alice", "Email/get", "{\"accountId\":\"$A\",\"ids\":[\"" + id + "\",\"e999999\"],"
                + "\"properties\":[\"id\",\"blobId\",\"threadId\",\"mailboxIds\",\"keywords\",\"size\",\"receivedAt\","
                + "\"messageId\",\"inReplyTo\",\"references\",\"sender\",\"from\",\"to\",\"cc\",\"bcc\",\"replyTo\","
                + "\"subject\",\"sentAt\",\"hasAttachment\",\"preview\",\"bodyValues\",\"textBody\",\"htmlBody\","
                + "\"attachments\",\"bodyStructure\",\"headers\",\"header:Subject:asText\",\"header:From:asAddresses\","
                + "\"header:To:asGroupedAddresses\",\"header:In-Reply-To:asMessageIds\",\"header:Date:asDate\","
                + "\"header:List-Unsubscribe:asURLs\",\"header:X-Custom\",\"header:X-Custom:all\"],"
                + "\"fetchAllBodyValues\":true,\"maxBodyValueBytes\":12}");
        assertEquals("e999999", r.at("/notFound/0").asText());
        JsonNode e = r.at("/list/0");
        assertEquals(id, e.get("id").asText());
        assertEquals("M" + id, e.get("blobId").asText());
        assertEquals(appended.thread().toString(), e.get("threadId").asText());
        assertTrue(e.at("/mailboxIds/" + inboxId("alice")).asBoolean());
        assertEquals(0, e.get("keywords").size());
        assertEquals(MULTIPART.length(), e.get("size").asInt());
        assertEquals("2024-03-05T10:15:30Z", e.get("receivedAt").asText());
        assertEquals("two@example.net", e.at("/messageId/0").asText());
        assertEquals("one@example.org", e.at("/inReplyTo/0").asText());
        assertTrue(e.get("references").isNull());
        assertEquals("Café", e.at("/from/0/name").asText());
        assertEquals("carol@example.net", e.at("/from/0/email").asText());
        assertEquals(3, e.get("to").size());
        assertEquals("Réport", e.get("subject").asText());
        assertEquals("2024-03-06T11:00+01:00", e.get("sentAt").asText().replace(":00+", "+"));
        assertTrue(e.get("hasAttachment").asBoolean());
        assertTrue(e.get("preview").asText().startsWith("See the attachment"));
        assertEquals("text/plain", e.at("/textBody/0/type").asText());
        assertEquals("text/html", e.at("/htmlBody/0/type").asText());
        assertEquals("r.pdf", e.at("/attachments/0/name").asText());
        assertEquals("attachment", e.at("/attachments/0/disposition").asText());
        assertEquals(9, e.at("/attachments/0/size").asInt());
        assertEquals("multipart/mixed", e.at("/bodyStructure/type").asText());
        assertTrue(e.at("/bodyStructure/partId").isNull());
        assertEquals("multipart/alternative", e.at("/bodyStructure/subParts/0/type").asText());
        String textPart = e.at("/textBody/0/partId").asText();
        assertEquals("See the atta", e.at("/bodyValues/" + textPart + "/value").asText());
        assertTrue(e.at("/bodyValues/" + textPart + "/isTruncated").asBoolean());
        assertEquals("Réport", e.get("header:Subject:asText").asText());
        assertEquals("carol@example.net", e.at("/header:From:asAddresses/0/email").asText());
        JsonNode groups = e.get("header:To:asGroupedAddresses");
        assertTrue(groups.at("/0/name").isNull());
        assertEquals("Team", groups.at("/1/name").asText());
        assertEquals(2, groups.at("/1/addresses").size());
        assertEquals("one@example.org", e.at("/header:In-Reply-To:asMessageIds/0").asText());
        assertEquals("2024-03-06T10:00:00Z", e.get("header:Date:asDate").asText());
        assertEquals("https://example.net/leave", e.at("/header:List-Unsubscribe:asURLs/1").asText());
        assertEquals(" a\r\n b", e.get("header:X-Custom").asText());
        assertEquals(1, e.get("header:X-Custom:all").size());
        assertTrue(e.get("headers").size() >= 9);

        // The part's blob is its decoded content.
        String pdf = e.at("/attachments/0/blobId").asText();
        var download = get("/jmap/download/" + accountId("alice") + "/" + pdf + "/r.pdf?type=application/pdf", basic("alice"));
        assertEquals("%PDF-1.4\n", download.body());

        JsonNode full = call("alice", "Email/get", "{\"accountId\":\"$A\",\"ids\":[\"" + id + "\"],\"properties\":"
                + "[\"bodyValues\",\"htmlBody\"],\"fetchHTMLBodyValues\":true,\"bodyProperties\":[\"partId\",\"headers\"]}");
        String html = full.at("/list/0/htmlBody/0/partId").asText();
        assertEquals("<p>See the <b>attachment</b>.</p>", full.at("/list/0/bodyValues/" + html + "/value").asText());
        assertEquals("Content-Type", full.at("/list/0/htmlBody/0/headers/0/name").asText());

        JsonNode badForm = api("alice", "[[\"Email/get\",{\"accountId\":\"$A\",\"ids\":[],\"properties\":[\"header:From:asDate\"]},\"c\"]]");
        assertEquals("invalidArguments", badForm.at("/methodResponses/0/1/type").asText());
    }

    @Test
    void emailQuerySortsFiltersAndPages() throws Exception {
        for (int i = 0; i < 5; i++) {
            deliver("alice", "INBOX", SIMPLE.replace("Hello there", "Message " + i).replace("<one@", "<m" + i + "@")
                    .replace("10:00:00", "10:0" + i + ":00"));
        }
        deliver("alice", "INBOX", MULTIPART);
        JsonNode q = call("alice", "Email/query", "{\"accountId\":\"$A\",\"sort\":[{\"property\":\"sentAt\","
                + "\"isAscending\":false}],\"position\":1,\"limit\":2,\"calculateTotal\":true}");
        assertEquals(6, q.get("total").asInt());
        assertEquals(2, q.get("ids").size());
        assertEquals(1, q.get("position").asInt());
        JsonNode subjects = call("alice", "Email/get", "{\"accountId\":\"$A\",\"ids\":" + q.get("ids") + ",\"properties\":[\"subject\"]}");
        assertEquals("Message 4", subjects.at("/list/0/subject").asText());
        assertEquals("Message 3", subjects.at("/list/1/subject").asText());

        JsonNode text = call("alice", "Email/query", "{\"accountId\":\"$A\",\"filter\":{\"operator\":\"AND\",\"conditions\":"
                + "[{\"from\":\"carol\"},{\"hasAttachment\":true}]}}");
        assertEquals(1, text.get("ids").size());
        JsonNode none = call("alice", "Email/query", "{\"accountId\":\"$A\",\"filter\":{\"subject\":\"Message 2\"}}");
        assertEquals(1, none.get("ids").size());
        String anchor = none.at("/ids/0").asText();
        JsonNode anchored = call("alice", "Email/query", "{\"accountId\":\"$A\",\"sort\":[{\"property\":\"sentAt\"}],"
                + "\"anchor\":\"" + anchor + "\",\"anchorOffset\":1,\"limit\":1}");
        assertEquals(3, anchored.get("position").asInt());
        JsonNode errors = api("alice", "[[\"Email/query\",{\"accountId\":\"$A\",\"sort\":[{\"property\":\"nope\"}]},\"a\"],"
                + "[\"Email/query\",{\"accountId\":\"$A\",\"filter\":{\"nope\":1}},\"b\"],"
                + "[\"Email/query\",{\"accountId\":\"$A\",\"anchor\":\"e99999\"},\"c\"]]");
        assertEquals("unsupportedSort", errors.at("/methodResponses/0/1/type").asText());
        assertEquals("unsupportedFilter", errors.at("/methodResponses/1/1/type").asText());
        assertEquals("anchorNotFound", errors.at("/methodResponses/2/1/type").asText());

        // queryChanges after a keyword change that moves one message out of an "unread" query.
        String unread = "{\"accountId\":\"$A\",\"filter\":{\"notKeyword\":\"$seen\"},\"sort\":[{\"property\":\"receivedAt\"}]";
        JsonNode before = call("alice", "Email/query", unread + "}");
        String first = before.at("/ids/0").asText();
        call("alice", "Email/set", "{\"accountId\":\"$A\",\"update\":{\"" + first + "\":{\"keywords/$seen\":true}}}");
        JsonNode qc = call("alice", "Email/queryChanges", unread + ",\"sinceQueryState\":\"" + before.get("queryState").asText() + "\"}");
        assertEquals(first, qc.at("/removed/0").asText());
        assertEquals(0, qc.get("added").size());
        JsonNode gone = api("alice", "[[\"Email/queryChanges\"," + unread + ",\"sinceQueryState\":\"1\"},\"x\"]]");
        assertEquals("cannotCalculateChanges", gone.at("/methodResponses/0/1/type").asText());
    }

    @Test
    void emailSetCreatesUpdatesAndDestroys() throws Exception {
        String inbox = inboxId("alice");
        String drafts = store.account("alice").mailbox(dev.hermod.api.mail.MailboxRole.DRAFTS).orElseThrow().id().toString();
        String blob = Json.MAPPER.readTree(post("/jmap/upload/" + accountId("alice") + "/", basic("alice"), "text/csv",
                "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)).body()).get("blobId").asText();
        JsonNode created = call("alice", "Email/set", "{\"accountId\":\"$A\",\"create\":{\"k\":{"
                + "\"mailboxIds\":{\"" + drafts + "\":true},\"keywords\":{\"$draft\":true},"
                + "\"from\":[{\"name\":\"Alice Ä\",\"email\":\"alice@example.org\"}],\"to\":[{\"email\":\"friend@remote.example\"}],"
                + "\"subject\":\"Grüße\",\"header:X-Mailer:asText\":\"Test client\","
                + "\"textBody\":[{\"partId\":\"t\",\"type\":\"text/plain\"}],\"htmlBody\":[{\"partId\":\"h\",\"type\":\"text/html\"}],"
                + "\"attachments\":[{\"blobId\":\"" + blob + "\",\"type\":\"text/csv\",\"name\":\"data.csv\"}],"
                + "\"bodyValues\":{\"t\":{\"value\":\"Hallo, schöne Welt\"},\"h\":{\"value\":\"<p>Hallo</p>\"}}},"
                + "\"nobox\":{\"subject\":\"x\"}}}");
        String id = created.at("/created/k/id").asText();
        assertFalse(id.isEmpty(), created.toString());
        assertEquals("invalidProperties", created.at("/notCreated/nobox/type").asText());
        JsonNode e = call("alice", "Email/get", "{\"accountId\":\"$A\",\"ids\":[\"" + id + "\"],\"properties\":[\"subject\","
                + "\"from\",\"keywords\",\"attachments\",\"bodyValues\",\"textBody\",\"header:X-Mailer:asText\"],\"fetchTextBodyValues\":true}").at("/list/0");
        assertEquals("Grüße", e.get("subject").asText());
        assertEquals("Alice Ä", e.at("/from/0/name").asText());
        assertTrue(e.at("/keywords/$draft").asBoolean());
        assertEquals("data.csv", e.at("/attachments/0/name").asText());
        assertEquals("Hallo, schöne Welt", e.at("/bodyValues/" + e.at("/textBody/0/partId").asText() + "/value").asText());
        assertEquals("Test client", e.get("header:X-Mailer:asText").asText());
        var csv = get("/jmap/download/" + accountId("alice") + "/" + e.at("/attachments/0/blobId").asText() + "/d.csv", basic("alice"));
        assertEquals("a,b\n1,2\n", csv.body());

        JsonNode updated = call("alice", "Email/set", "{\"accountId\":\"$A\",\"update\":{\"" + id + "\":{"
                + "\"keywords/$draft\":null,\"keywords/$Seen\":true,\"mailboxIds/" + drafts + "\":null,\"mailboxIds/" + inbox
                + "\":true},\"e99999\":{\"keywords\":{}}}}");
        assertTrue(updated.get("updated").has(id), updated.toString());
        assertEquals("notFound", updated.at("/notUpdated/e99999/type").asText());
        JsonNode after = call("alice", "Email/get", "{\"accountId\":\"$A\",\"ids\":[\"" + id + "\"],\"properties\":[\"keywords\",\"mailboxIds\"]}");
        assertEquals(Set.of("$seen"), fields(after.at("/list/0/keywords")));
        assertEquals(Set.of(inbox), fields(after.at("/list/0/mailboxIds")));
        JsonNode invalid = call("alice", "Email/set", "{\"accountId\":\"$A\",\"update\":{\"" + id + "\":{\"subject\":\"no\"},"
                + "\"" + id + "x\":{\"mailboxIds\":{}}}}");
        assertEquals("invalidProperties", invalid.at("/notUpdated/" + id + "/type").asText());

        JsonNode destroyed = call("alice", "Email/set", "{\"accountId\":\"$A\",\"destroy\":[\"" + id + "\",\"e99999\"]}");
        assertEquals(id, destroyed.at("/destroyed/0").asText());
        assertEquals("notFound", destroyed.at("/notDestroyed/e99999/type").asText());
        JsonNode changes = call("alice", "Email/changes", "{\"accountId\":\"$A\",\"sinceState\":\"" + created.get("oldState").asText() + "\"}");
        // Created and destroyed within the range: reported as destroyed only, or not at all, never as created.
        assertFalse(changes.get("created").toString().contains(id), changes.toString());
    }

    @Test
    void threadsAndSnippets() throws Exception {
        Appended first = deliver("alice", "INBOX", SIMPLE);
        Appended reply = deliver("alice", "INBOX", "From: alice@example.org\r\nTo: bob@example.org\r\nSubject: Re: Hello there\r\n"
                + "In-Reply-To: <one@example.org>\r\nReferences: <one@example.org>\r\nMessage-ID: <r1@example.org>\r\n\r\n"
                + "I am fine, thanks for asking about the weather.\r\n");
        assertEquals(first.thread(), reply.thread());
        JsonNode t = call("alice", "Thread/get", "{\"accountId\":\"$A\",\"ids\":[\"" + first.thread() + "\",\"t999\"]}");
        assertEquals(2, t.at("/list/0/emailIds").size());
        assertEquals("t999", t.at("/notFound/0").asText());
        JsonNode tc = call("alice", "Thread/changes", "{\"accountId\":\"$A\",\"sinceState\":\"0\"}");
        assertTrue(tc.get("created").toString().contains(first.thread().toString()));

        JsonNode s = call("alice", "SearchSnippet/get", "{\"accountId\":\"$A\",\"filter\":{\"text\":\"weather\"},"
                + "\"emailIds\":[\"" + reply.id() + "\",\"" + first.id() + "\"]}");
        assertTrue(s.at("/list/0/preview").asText().contains("<mark>weather</mark>"), s.toString());
        assertTrue(s.at("/list/1/preview").isNull());
        JsonNode subj = call("alice", "SearchSnippet/get", "{\"accountId\":\"$A\",\"filter\":{\"subject\":\"hello\"},"
                + "\"emailIds\":[\"" + first.id() + "\"]}");
        assertEquals("<mark>Hello</mark> there", subj.at("/list/0/subject").asText());
    }

    @Test
    void identitiesAndSubmission() throws Exception {
        JsonNode ids = call("alice", "Identity/get", "{\"accountId\":\"$A\"}");
        assertEquals("alice@example.org", ids.at("/list/0/email").asText());
        String identity = ids.at("/list/0/id").asText();
        JsonNode set = call("alice", "Identity/set", "{\"accountId\":\"$A\",\"update\":{\"" + identity + "\":{\"name\":\"Alice A.\","
                + "\"textSignature\":\"-- \\nAlice\"}},\"create\":{\"x\":{\"email\":\"bob@example.org\"}}}");
        assertEquals("forbiddenFrom", set.at("/notCreated/x/type").asText());
        JsonNode ic = call("alice", "Identity/changes", "{\"accountId\":\"$A\",\"sinceState\":\"" + ids.get("state").asText() + "\"}");
        assertEquals(identity, ic.at("/updated/0").asText());

        String drafts = store.account("alice").mailbox(dev.hermod.api.mail.MailboxRole.DRAFTS).orElseThrow().id().toString();
        String sent = store.account("alice").find("Sent").orElseThrow().id().toString();
        JsonNode r = api("alice", "[[\"Email/set\",{\"accountId\":\"$A\",\"create\":{\"m\":{\"mailboxIds\":{\"" + drafts + "\":true},"
                + "\"keywords\":{\"$draft\":true},\"from\":[{\"email\":\"alice@example.org\"}],"
                + "\"to\":[{\"email\":\"bob@example.org\"},{\"email\":\"friend@remote.example\"}],"
                + "\"bcc\":[{\"email\":\"secret@remote.example\"}],\"subject\":\"Lunch?\","
                + "\"textBody\":[{\"partId\":\"1\"}],\"bodyValues\":{\"1\":{\"value\":\"At noon.\"}}}}},\"0\"],"
                + "[\"EmailSubmission/set\",{\"accountId\":\"$A\",\"create\":{\"s\":{\"identityId\":\"" + identity + "\","
                + "\"emailId\":\"#m\"}},\"onSuccessUpdateEmail\":{\"#s\":{\"keywords/$draft\":null,\"mailboxIds/" + drafts
                + "\":null,\"mailboxIds/" + sent + "\":true}}},\"1\"],"
                + "[\"EmailSubmission/get\",{\"accountId\":\"$A\",\"ids\":[\"#s\"]},\"2\"]]");
        JsonNode responses = r.get("methodResponses");
        assertEquals("EmailSubmission/set", responses.get(1).get(0).asText(), responses.toString());
        String emailId = responses.get(0).get(1).at("/created/m/id").asText();
        assertEquals("final", responses.get(1).get(1).at("/created/s/undoStatus").asText());
        assertEquals("Email/set", responses.get(2).get(0).asText());
        assertTrue(responses.get(2).get(1).at("/updated").has(emailId), responses.get(2).toString());
        JsonNode submission = responses.get(3).get(1).at("/list/0");
        assertEquals(3, submission.at("/envelope/rcptTo").size());
        assertEquals("yes", submission.at("/deliveryStatus/bob@example.org/delivered").asText());
        assertEquals("queued", submission.at("/deliveryStatus/friend@remote.example/delivered").asText());

        // Bob got it, without the Bcc field; the remote recipients are in the outbound queue.
        var bobInbox = store.account("bob").mailbox(dev.hermod.api.mail.MailboxRole.INBOX).orElseThrow();
        assertEquals(1, bobInbox.messages());
        MessageId bobMessage = store.account("bob").query(new dev.hermod.api.mailbox.SearchQuery.All(), java.util.List.of(), false).get(0);
        String raw = new String(store.account("bob").open(bobMessage, 0, -1).readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(raw.contains("Subject: Lunch?"));
        assertFalse(raw.toLowerCase().contains("bcc:"), raw);
        assertEquals(1, queue.list().size());
        assertEquals(2, queue.list().get(0).recipients().size());

        JsonNode moved = call("alice", "Email/get", "{\"accountId\":\"$A\",\"ids\":[\"" + emailId + "\"],\"properties\":[\"mailboxIds\",\"keywords\"]}");
        assertEquals(Set.of(sent), fields(moved.at("/list/0/mailboxIds")));
        assertEquals(0, moved.at("/list/0/keywords").size());
        JsonNode q = call("alice", "EmailSubmission/query", "{\"accountId\":\"$A\",\"filter\":{\"emailIds\":[\"" + emailId + "\"]}}");
        assertEquals(1, q.get("ids").size());
        JsonNode bad = call("alice", "EmailSubmission/set", "{\"accountId\":\"$A\",\"create\":{\"x\":{\"identityId\":\"" + identity
                + "\",\"emailId\":\"e99999\"},\"y\":{\"identityId\":\"nope\",\"emailId\":\"" + emailId + "\"}}}");
        assertEquals("invalidEmail", bad.at("/notCreated/x/type").asText());
        assertEquals("invalidProperties", bad.at("/notCreated/y/type").asText());

        // onSuccessDestroyEmail: the sent draft is destroyed by an implicit Email/set.
        JsonNode second = api("alice", "[[\"Email/set\",{\"accountId\":\"$A\",\"create\":{\"m\":{\"mailboxIds\":{\"" + drafts + "\":true},"
                + "\"from\":[{\"email\":\"alice@example.org\"}],\"to\":[{\"email\":\"bob@example.org\"}],\"subject\":\"Again\"}}},\"0\"],"
                + "[\"EmailSubmission/set\",{\"accountId\":\"$A\",\"create\":{\"s\":{\"identityId\":\"" + identity + "\","
                + "\"emailId\":\"#m\",\"envelope\":{\"mailFrom\":{\"email\":\"alice@example.org\"},"
                + "\"rcptTo\":[{\"email\":\"bob@example.org\"}]}}},\"onSuccessDestroyEmail\":[\"#s\"]},\"1\"]]");
        String draft = second.at("/methodResponses/0/1/created/m/id").asText();
        assertEquals("Email/set", second.at("/methodResponses/2/0").asText(), second.toString());
        assertEquals(draft, second.at("/methodResponses/2/1/destroyed/0").asText());
        assertEquals(2, store.account("bob").mailbox(dev.hermod.api.mail.MailboxRole.INBOX).orElseThrow().messages());
        JsonNode forbidden = call("alice", "EmailSubmission/set", "{\"accountId\":\"$A\",\"create\":{\"f\":{\"identityId\":\""
                + identity + "\",\"emailId\":\"" + emailId + "\",\"envelope\":{\"mailFrom\":{\"email\":\"bob@example.org\"},"
                + "\"rcptTo\":[{\"email\":\"x@remote.example\"}]}}}}");
        assertEquals("forbiddenMailFrom", forbidden.at("/notCreated/f/type").asText());
    }

    @Test
    void submissionsToOtherServersAreDkimSignedForTheSendersDomain() throws Exception {
        // the DKIM signer of the mailauth bundle, with a key made for example.org
        dev.hermod.dkim.internal.DkimSigner signer = new dev.hermod.dkim.internal.DkimSigner(
                dev.hermod.testing.Components.config(dev.hermod.dkim.internal.DkimSigner.Config.class,
                        java.util.Map.of("keys.directory", dir.resolve("dkim").toString())),
                java.util.Map.of(), dev.hermod.testing.Components.bundleContext(java.util.Map.of(), dir));
        String record = signer.create("example.org", "s2026", "rsa");
        assertTrue(record.startsWith("s2026._domainkey.example.org IN TXT \"v=DKIM1; k=rsa; p="), record);
        jmap.setSigner(signer);
        // what the outbound queue hands to the transport
        java.util.List<String> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        dev.hermod.core.internal.TestRegistries.addTransport(registry, message -> {
            try (java.io.InputStream in = message.content().open()) {
                sent.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new dev.hermod.api.outbound.TransportResult(message.recipients().stream()
                    .map(r -> new dev.hermod.api.outbound.TransportResult.Outcome(r,
                            dev.hermod.api.outbound.TransportResult.Status.DELIVERED,
                            new dev.hermod.api.mail.SmtpReply(250, "2.0.0", "Ok"), "mx.remote.example")).toList(),
                    "mx.remote.example");
        });
        String identity = call("alice", "Identity/get", "{\"accountId\":\"$A\"}").at("/list/0/id").asText();
        String drafts = store.account("alice").mailbox(dev.hermod.api.mail.MailboxRole.DRAFTS).orElseThrow().id().toString();
        JsonNode r = api("alice", "[[\"Email/set\",{\"accountId\":\"$A\",\"create\":{\"m\":{\"mailboxIds\":{\"" + drafts
                + "\":true},\"from\":[{\"email\":\"alice@example.org\"}],\"to\":[{\"email\":\"friend@remote.example\"}],"
                + "\"subject\":\"Signed\",\"textBody\":[{\"partId\":\"1\"}],\"bodyValues\":{\"1\":{\"value\":\"Hello.\"}}}}},\"0\"],"
                + "[\"EmailSubmission/set\",{\"accountId\":\"$A\",\"create\":{\"s\":{\"identityId\":\"" + identity + "\","
                + "\"emailId\":\"#m\"}}},\"1\"]]");
        assertEquals("final", r.get("methodResponses").get(1).get(1).at("/created/s/undoStatus").asText(), r.toString());
        queue.flush();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (sent.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(1, sent.size(), "handed to the transport");
        String message = sent.get(0);
        assertTrue(message.startsWith("DKIM-Signature: v=1; a=rsa-sha256;"), message);
        String signature = message.substring(0, message.indexOf("\r\n", message.indexOf("b=")));
        assertTrue(signature.contains("d=example.org;") && signature.contains("s=s2026;"), signature);
        assertTrue(message.contains("\r\nSubject: Signed\r\n"), message);
    }

    @Test
    void vacationResponseIsTheActiveSieveScript() throws Exception {
        JsonNode v = call("alice", "VacationResponse/get", "{\"accountId\":\"$A\"}");
        assertFalse(v.at("/list/0/isEnabled").asBoolean());
        JsonNode set = call("alice", "VacationResponse/set", "{\"accountId\":\"$A\",\"update\":{\"singleton\":{"
                + "\"isEnabled\":true,\"subject\":\"Away\",\"textBody\":\"Back on \\\"Monday\\\".\","
                + "\"fromDate\":\"2024-01-01T00:00:00Z\",\"toDate\":\"2099-01-01T00:00:00Z\"}}}");
        assertTrue(set.get("updated").has("singleton"), set.toString());
        var active = scripts.active("alice").orElseThrow();
        assertEquals("jmap-vacation", active.name());
        assertTrue(new dev.hermod.sieve.internal.SieveCheckerComponent().check("v", active.text()).isEmpty(), active.text());
        assertTrue(active.text().contains("vacation :subject \"Away\" \"Back on \\\"Monday\\\".\";"), active.text());
        JsonNode after = call("alice", "VacationResponse/get", "{\"accountId\":\"$A\",\"ids\":[\"singleton\"]}");
        assertTrue(after.at("/list/0/isEnabled").asBoolean());
        assertEquals("Away", after.at("/list/0/subject").asText());
        call("alice", "VacationResponse/set", "{\"accountId\":\"$A\",\"update\":{\"singleton\":{\"isEnabled\":false}}}");
        assertTrue(scripts.active("alice").isEmpty());
        JsonNode wrong = call("alice", "VacationResponse/set", "{\"accountId\":\"$A\",\"update\":{\"singleton\":{\"nope\":1}}}");
        assertEquals("invalidProperties", wrong.at("/notUpdated/singleton/type").asText());
    }

    @Test
    void quotaAndSieveScripts() throws Exception {
        deliver("alice", "INBOX", SIMPLE);
        JsonNode q = call("alice", "Quota/get", "{\"accountId\":\"$A\"}");
        assertEquals("octets", q.at("/list/0/resourceType").asText());
        assertEquals(10_000_000, q.at("/list/0/hardLimit").asLong());
        assertEquals(SIMPLE.length(), q.at("/list/0/used").asLong());

        String good = Json.MAPPER.readTree(post("/jmap/upload/" + accountId("alice") + "/", basic("alice"), "application/sieve",
                "require \"fileinto\";\nif header :contains \"subject\" \"x\" { fileinto \"Junk\"; }\n".getBytes()).body())
                .get("blobId").asText();
        String bad = Json.MAPPER.readTree(post("/jmap/upload/" + accountId("alice") + "/", basic("alice"), "application/sieve",
                "if frobnicate { stop; }".getBytes()).body()).get("blobId").asText();
        JsonNode validate = call("alice", "SieveScript/validate", "{\"accountId\":\"$A\",\"blobId\":\"" + bad + "\"}");
        assertEquals("invalidSieve", validate.at("/error/type").asText());
        assertTrue(call("alice", "SieveScript/validate", "{\"accountId\":\"$A\",\"blobId\":\"" + good + "\"}").get("error").isNull());
        JsonNode set = call("alice", "SieveScript/set", "{\"accountId\":\"$A\",\"create\":{\"a\":{\"name\":\"rules\",\"blobId\":\""
                + good + "\"},\"b\":{\"name\":\"broken\",\"blobId\":\"" + bad + "\"}},\"onSuccessActivateScript\":\"#a\"}");
        assertEquals("invalidSieve", set.at("/notCreated/b/type").asText());
        String id = set.at("/created/a/id").asText();
        // ManageSieve's store sees the same script, active.
        assertEquals("rules", scripts.active("alice").orElseThrow().name());
        JsonNode got = call("alice", "SieveScript/get", "{\"accountId\":\"$A\",\"ids\":[\"" + id + "\"]}");
        assertTrue(got.at("/list/0/isActive").asBoolean());
        var text = get("/jmap/download/" + accountId("alice") + "/" + got.at("/list/0/blobId").asText() + "/s.sieve", basic("alice"));
        assertTrue(text.body().startsWith("require \"fileinto\";"));
        scripts.put("alice", "other", "keep;");
        JsonNode query = call("alice", "SieveScript/query", "{\"accountId\":\"$A\",\"filter\":{\"isActive\":false}}");
        assertEquals(1, query.get("ids").size());
        JsonNode destroy = call("alice", "SieveScript/set", "{\"accountId\":\"$A\",\"destroy\":[\"" + id + "\"]}");
        assertEquals("sieveIsActive", destroy.at("/notDestroyed/" + id + "/type").asText());
        JsonNode off = call("alice", "SieveScript/set", "{\"accountId\":\"$A\",\"onSuccessDeactivateScript\":true,\"destroy\":[\"" + id + "\"]}");
        assertEquals("sieveIsActive", off.at("/notDestroyed/" + id + "/type").asText());
        assertTrue(scripts.active("alice").isEmpty());
    }

    private static Set<String> fields(JsonNode object) {
        Set<String> out = new HashSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
