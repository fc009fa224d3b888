package dev.hermod.jmap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.mailbox.Appended;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import rs.ltt.jmap.client.JmapClient;
import rs.ltt.jmap.client.JmapRequest;
import rs.ltt.jmap.client.session.Session;
import rs.ltt.jmap.common.entity.Email;
import rs.ltt.jmap.common.entity.Mailbox;
import rs.ltt.jmap.common.entity.Role;
import rs.ltt.jmap.common.entity.StateChange;
import rs.ltt.jmap.common.entity.capability.MailAccountCapability;
import rs.ltt.jmap.common.entity.filter.EmailFilterCondition;
import rs.ltt.jmap.common.method.call.email.GetEmailMethodCall;
import rs.ltt.jmap.common.method.call.email.QueryEmailMethodCall;
import rs.ltt.jmap.common.method.call.email.SetEmailMethodCall;
import rs.ltt.jmap.common.method.call.mailbox.GetMailboxMethodCall;
import rs.ltt.jmap.common.method.response.email.GetEmailMethodResponse;
import rs.ltt.jmap.common.method.response.email.QueryEmailMethodResponse;
import rs.ltt.jmap.common.method.response.email.SetEmailMethodResponse;
import rs.ltt.jmap.common.method.response.mailbox.GetMailboxMethodResponse;
import rs.ltt.jmap.common.Request;

/** A real third-party JMAP client library (ltt.rs jmap-client, over OkHttp and Gson) against the server. */
class JmapClientLibraryTest extends JmapTestSupport {

    private JmapClient client() {
        return new JmapClient("alice", "secret", HttpUrl.get(base() + "/.well-known/jmap"));
    }

    @Test
    void sessionMailboxesQueryGetAndSet() throws Exception {
        Appended appended = deliver("alice", "INBOX", SIMPLE);
        deliver("alice", "INBOX", MULTIPART);
        try (JmapClient client = client()) {
            Session session = client.getSession().get(10, TimeUnit.SECONDS);
            String account = session.getPrimaryAccount(MailAccountCapability.class);
            assertEquals(accountId("alice"), account);

            GetMailboxMethodResponse boxes = client.call(GetMailboxMethodCall.builder().accountId(account).build())
                    .get(10, TimeUnit.SECONDS).getMain(GetMailboxMethodResponse.class);
            Mailbox inbox = Arrays.stream(boxes.getList()).filter(b -> b.getRole() == Role.INBOX).findFirst().orElseThrow();
            assertEquals(2L, inbox.getTotalEmails());
            assertEquals(2L, inbox.getUnreadEmails());

            JmapClient.MultiCall multi = client.newMultiCall();
            JmapRequest.Call query = multi.call(QueryEmailMethodCall.builder().accountId(account)
                    .filter(EmailFilterCondition.builder().inMailbox(inbox.getId()).from("bob").build()).build());
            JmapRequest.Call get = multi.call(GetEmailMethodCall.builder().accountId(account)
                    .idsReference(query.createResultReference(Request.Invocation.ResultReference.Path.IDS))
                    .properties(new String[] {"subject", "from", "keywords", "preview"}).build());
            multi.execute();
            QueryEmailMethodResponse ids = query.getMethodResponses().get(10, TimeUnit.SECONDS).getMain(QueryEmailMethodResponse.class);
            assertEquals(1, ids.getIds().length);
            Email email = get.getMethodResponses().get(10, TimeUnit.SECONDS).getMain(GetEmailMethodResponse.class).getList()[0];
            assertEquals("Hello there", email.getSubject());
            assertEquals("bob@example.org", email.getFrom().get(0).getEmail());
            assertTrue(email.getPreview().startsWith("Hi Alice"));

            SetEmailMethodResponse set = client.call(SetEmailMethodCall.builder().accountId(account)
                    .update(Map.of(appended.id().toString(), Map.of("keywords/$seen", true))).build())
                    .get(10, TimeUnit.SECONDS).getMain(SetEmailMethodResponse.class);
            assertTrue(set.getUpdated().containsKey(appended.id().toString()), set.toString());
            assertTrue(store.account("alice").message(appended.id()).keywords().contains("$seen"));
        }
    }

    @Test
    void eventSourcePushThroughTheLibrary() throws Exception {
        Appended appended = deliver("alice", "INBOX", SIMPLE);
        LinkedBlockingQueue<StateChange> changes = new LinkedBlockingQueue<>();
        try (JmapClient client = client()) {
            client.monitorEvents(change -> changes.add(change)).get(10, TimeUnit.SECONDS);
            // Drop the state sent on connect, if any, then change a flag through the store as IMAP would.
            Thread.sleep(300);
            changes.clear();
            long sent = System.nanoTime();
            store.account("alice").store(appended.id() == null ? null : store.account("alice").message(appended.id())
                    .mailboxes().keySet().iterator().next(), java.util.List.of(appended.uid()),
                    new dev.hermod.api.mailbox.KeywordChange(dev.hermod.api.mailbox.KeywordChange.Operation.ADD,
                            java.util.Set.of("$flagged"), -1));
            StateChange change = changes.poll(2, TimeUnit.SECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
            assertNotNull(change, "no StateChange");
            assertTrue(millis < 1000, "took " + millis + " ms");
            assertEquals(Long.toString(store.account("alice").state()),
                    change.getChanged().get(accountId("alice")).get(Email.class));
        }
    }

    @Test
    void apiCallsAndPushOverTheLibrarysWebSocket() throws Exception {
        Appended appended = deliver("alice", "INBOX", SIMPLE);
        LinkedBlockingQueue<StateChange> changes = new LinkedBlockingQueue<>();
        try (JmapClient client = client()) {
            client.setUseWebSocket(true);
            String account = client.getSession().get(10, TimeUnit.SECONDS).getPrimaryAccount(MailAccountCapability.class);
            QueryEmailMethodResponse ids = client.call(QueryEmailMethodCall.builder().accountId(account).build())
                    .get(10, TimeUnit.SECONDS).getMain(QueryEmailMethodResponse.class);
            assertEquals(appended.id().toString(), ids.getIds()[0]);
            client.monitorEvents(change -> changes.add(change)).get(10, TimeUnit.SECONDS);
            Thread.sleep(300);
            changes.clear();
            long sent = System.nanoTime();
            client.call(SetEmailMethodCall.builder().accountId(account)
                    .update(Map.of(appended.id().toString(), Map.of("keywords/$answered", true))).build()).get(10, TimeUnit.SECONDS);
            StateChange change = changes.poll(2, TimeUnit.SECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
            assertNotNull(change, "no StateChange");
            assertTrue(millis < 1000, "took " + millis + " ms");
            assertEquals(Long.toString(store.account("alice").state()),
                    change.getChanged().get(accountId("alice")).get(Email.class));
        }
    }
}
