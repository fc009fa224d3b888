package dev.hermod.jmap.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermod.api.mail.TemporaryFailureException;
import dev.hermod.api.mailbox.MailAccount;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a JMAP Request object (RFC 8620 §3.3) and makes its Response object (§3.4). */
final class ApiEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(ApiEndpoint.class);

    private final Jmap jmap;

    ApiEndpoint(Jmap jmap) {
        this.jmap = jmap;
    }

    /**
     * @param body the request's JSON, already parsed
     * @return the Response object
     * @throws RequestError for a request-level error (§3.6.1)
     */
    ObjectNode run(User user, MailAccount account, JsonNode body, java.net.InetSocketAddress client, boolean secure)
            throws RequestError {
        if (!body.isObject() || !body.path("using").isArray() || !body.path("methodCalls").isArray()) {
            throw RequestError.notRequest("The body must be a JMAP Request: an object with using and methodCalls arrays.");
        }
        Set<String> using = new LinkedHashSet<>();
        for (JsonNode capability : body.get("using")) {
            if (!capability.isTextual()) {
                throw RequestError.notRequest("using must be an array of strings.");
            }
            if (!Capabilities.ALL.contains(capability.asText())) {
                throw new RequestError("urn:ietf:params:jmap:error:unknownCapability",
                        "The server does not support the capability " + capability.asText() + ".", null);
            }
            using.add(capability.asText());
        }
        ArrayNode calls = (ArrayNode) body.get("methodCalls");
        if (calls.size() > jmap.limits().maxCallsInRequest()) {
            throw new RequestError("urn:ietf:params:jmap:error:limit", "The request has " + calls.size()
                    + " method calls; at most " + jmap.limits().maxCallsInRequest() + " are allowed.", "maxCallsInRequest");
        }
        for (JsonNode invocation : calls) {
            if (!invocation.isArray() || invocation.size() != 3 || !invocation.get(0).isTextual()
                    || !invocation.get(1).isObject() || !invocation.get(2).isTextual()) {
                throw RequestError.notRequest("Each method call must be [name, arguments, call id].");
            }
        }
        Call call = new Call(jmap, user, account, using, client, secure);
        JsonNode created = body.get("createdIds");
        if (created != null && created.isObject()) {
            created.fields().forEachRemaining(e -> call.createdIds.put(e.getKey(), e.getValue().asText()));
        }
        ArrayNode responses = Json.array();
        List<ResultReferences.Earlier> earlier = new ArrayList<>();
        for (JsonNode invocation : calls) {
            String name = invocation.get(0).asText();
            String callId = invocation.get(2).asText();
            call.extra.clear();
            ObjectNode result;
            String resultName = name;
            try {
                ObjectNode args = ResultReferences.resolve((ObjectNode) invocation.get(1), earlier);
                Methods.Registered method = jmap.methods().get(name);
                // RFC 8620 §3.6.2: a method of a capability not in "using" is unknown.
                if (method == null || !using.contains(method.capability())) {
                    throw new MethodException("unknownMethod", "No method " + name
                            + (method == null ? "" : " without " + method.capability() + " in using") + ".");
                }
                result = method.method().call(call, args);
            } catch (MethodException e) {
                resultName = "error";
                result = e.toJson();
            } catch (TemporaryFailureException e) {
                resultName = "error";
                result = MethodException.unavailable("Storage is unavailable; try again shortly.").toJson();
            } catch (RuntimeException e) {
                LOG.warn("jmap: {} failed for {}", name, account.name(), e);
                resultName = "error";
                result = MethodException.serverFail(e.getMessage() == null ? e.toString() : e.getMessage()).toJson();
            }
            responses.add(Json.array().add(resultName).add(result).add(callId));
            earlier.add(new ResultReferences.Earlier(resultName, result, callId));
            for (Map.Entry<String, ObjectNode> more : call.extra) {
                responses.add(Json.array().add(more.getKey()).add(more.getValue()).add(callId));
                earlier.add(new ResultReferences.Earlier(more.getKey(), more.getValue(), callId));
            }
        }
        ObjectNode response = Json.object();
        response.set("methodResponses", responses);
        if (created != null && created.isObject()) {
            ObjectNode ids = Json.object();
            call.createdIds.forEach(ids::put);
            response.set("createdIds", ids);
        }
        response.put("sessionState", jmap.sessionState(user));
        return response;
    }

    /** A request-level error: answered as RFC 7807 problem details with status 400. */
    static final class RequestError extends Exception {
        private static final long serialVersionUID = 1L;
        final String type;
        final String limit;

        RequestError(String type, String detail, String limit) {
            super(detail);
            this.type = type;
            this.limit = limit;
        }

        static RequestError notRequest(String detail) {
            return new RequestError("urn:ietf:params:jmap:error:notRequest", detail, null);
        }

        ObjectNode toJson() {
            ObjectNode out = Json.object().put("type", type).put("status", 400).put("detail", getMessage());
            if (limit != null) {
                out.put("limit", limit);
            }
            return out;
        }
    }
}
