package dev.hermod.jmap.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermod.api.http.HttpException;
import dev.hermod.api.http.HttpRequest;
import dev.hermod.api.http.HttpResponse;
import dev.hermod.api.http.WebSocket;
import dev.hermod.api.http.WebSocketListener;
import dev.hermod.api.mailbox.MailAccount;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Push: the event source (RFC 8620 §7.3) and JMAP over WebSocket (RFC 8887). Both follow the account's
 * change notifications ({@code MailAccount.subscribe}), which fire for every committed change whatever the
 * protocol that made it (IMAP STORE, SMTP delivery, another JMAP client), and send a StateChange (§7.1).
 * Mail types share the account's change id as their state.
 */
final class Push {

    private static final Logger LOG = LoggerFactory.getLogger(Push.class);
    static final List<String> TYPES = List.of("Mailbox", "Email", "Thread", "EmailDelivery");

    private final ScheduledExecutorService timer;

    Push(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    static ObjectNode stateChange(MailAccount account, long state, Set<String> types) {
        ObjectNode change = Json.object().put("@type", "StateChange");
        ObjectNode typeStates = change.putObject("changed").putObject(account.id().toString());
        for (String type : TYPES) {
            if (types == null || types.contains(type)) {
                typeStates.put(type, Long.toString(state));
            }
        }
        return change;
    }

    HttpResponse eventSource(HttpRequest request, MailAccount account) {
        String typesParam = request.queryParameter("types").orElse("*");
        Set<String> types = typesParam.equals("*") || typesParam.isEmpty() ? null
                : Arrays.stream(typesParam.split(",")).map(String::trim).collect(Collectors.toSet());
        String closeAfter = request.queryParameter("closeafter").orElse("no");
        if (!closeAfter.equals("no") && !closeAfter.equals("state")) {
            throw HttpException.badRequest("closeafter must be state or no.");
        }
        long ping;
        try {
            ping = Long.parseLong(request.queryParameter("ping").orElse("0"));
        } catch (NumberFormatException e) {
            throw HttpException.badRequest("ping must be a number of seconds.");
        }
        long interval = ping <= 0 ? 0 : Math.max(5, Math.min(ping, 3600));
        return HttpResponse.eventStream(stream -> {
            long[] last = {account.state()};
            stream.write("event: state\ndata: " + Json.text(stateChange(account, last[0], types)) + "\n\n");
            AutoCloseable subscription = account.subscribe(state -> {
                synchronized (last) {
                    if (state <= last[0]) {
                        return;
                    }
                    last[0] = state;
                }
                stream.write("event: state\ndata: " + Json.text(stateChange(account, state, types)) + "\n\n");
                if (closeAfter.equals("state")) {
                    stream.close();
                }
            });
            ScheduledFuture<?> pings = interval == 0 ? null : timer.scheduleAtFixedRate(() ->
                    stream.write("event: ping\ndata: {\"interval\":" + interval + "}\n\n"), interval, interval, TimeUnit.SECONDS);
            stream.onClose(() -> close(subscription, pings));
        }).header("Access-Control-Allow-Origin", "*");
    }

    private static void close(AutoCloseable subscription, ScheduledFuture<?> pings) {
        if (pings != null) {
            pings.cancel(false);
        }
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.debug("jmap: closing a subscription failed", e);
        }
    }

    WebSocketListener webSocket(ApiEndpoint api, User user, MailAccount account) {
        return new JmapWebSocket(api, user, account);
    }

    /** One JMAP WebSocket (RFC 8887): Request in, Response or RequestError out, StateChange pushed when enabled. */
    private static final class JmapWebSocket implements WebSocketListener {
        private final ApiEndpoint api;
        private final User user;
        private final MailAccount account;
        private AutoCloseable subscription;

        JmapWebSocket(ApiEndpoint api, User user, MailAccount account) {
            this.api = api;
            this.user = user;
            this.account = account;
        }

        @Override
        public void onText(WebSocket socket, String text) {
            JsonNode message;
            try {
                message = Json.MAPPER.readTree(text);
            } catch (IOException e) {
                message = null;
            }
            if (message == null || !message.isObject()) {
                socket.sendText(Json.text(error(null, new ApiEndpoint.RequestError(
                        "urn:ietf:params:jmap:error:notJSON", "The message is not a JSON object.", null))));
                return;
            }
            String type = message.path("@type").asText("");
            String requestId = message.path("id").isTextual() ? message.get("id").asText() : null;
            switch (type) {
                case "Request" -> {
                    try {
                        ObjectNode response = api.run(user, account, message, socket.handshake().remoteAddress(),
                                socket.handshake().secure());
                        ObjectNode out = Json.object().put("@type", "Response");
                        if (requestId != null) {
                            out.put("requestId", requestId);
                        }
                        out.setAll(response);
                        socket.sendText(Json.text(out));
                    } catch (ApiEndpoint.RequestError e) {
                        socket.sendText(Json.text(error(requestId, e)));
                    }
                }
                case "WebSocketPushEnable" -> enable(socket, message);
                case "WebSocketPushDisable" -> disable();
                default -> socket.sendText(Json.text(error(requestId, ApiEndpoint.RequestError.notRequest(
                        "@type must be Request, WebSocketPushEnable or WebSocketPushDisable."))));
            }
        }

        private synchronized void enable(WebSocket socket, JsonNode message) {
            disable();
            JsonNode dataTypes = message.get("dataTypes");
            Set<String> types = dataTypes == null || !dataTypes.isArray() ? null
                    : java.util.stream.StreamSupport.stream(dataTypes.spliterator(), false).map(JsonNode::asText)
                    .collect(Collectors.toSet());
            long[] last = {account.state()};
            String pushState = message.path("pushState").asText(null);
            if (pushState != null && !pushState.equals(Long.toString(last[0]))) {
                // RFC 8887 §4.3.5.2: changes since the client's pushState are sent at once.
                socket.sendText(Json.text(stateChange(account, last[0], types).put("pushState", Long.toString(last[0]))));
            }
            subscription = account.subscribe(state -> {
                synchronized (last) {
                    if (state <= last[0]) {
                        return;
                    }
                    last[0] = state;
                }
                socket.sendText(Json.text(stateChange(account, state, types).put("pushState", Long.toString(state))));
            });
        }

        private synchronized void disable() {
            if (subscription != null) {
                try {
                    subscription.close();
                } catch (Exception e) {
                    LOG.debug("jmap: closing a subscription failed", e);
                }
                subscription = null;
            }
        }

        @Override
        public void onClose(WebSocket socket, int code, String reason) {
            disable();
        }

        private static ObjectNode error(String requestId, ApiEndpoint.RequestError e) {
            ObjectNode out = Json.object().put("@type", "RequestError");
            if (requestId != null) {
                out.put("requestId", requestId);
            }
            out.setAll(e.toJson());
            return out;
        }
    }
}
