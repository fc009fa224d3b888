package dev.hermod.jmap.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermod.api.mail.MailboxId;
import dev.hermod.api.mail.MessageId;
import dev.hermod.api.mailbox.SearchQuery;
import dev.hermod.api.mailbox.SortKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Email/query and Email/queryChanges (RFC 8621 §4.4, §4.5) over the store's account-wide query. */
final class EmailQuery {

    /** The sort properties (§4.4.2) and the store's sort keys. */
    static final Map<String, SortKey.Property> SORTS = new LinkedHashMap<>();

    static {
        SORTS.put("receivedAt", SortKey.Property.ARRIVAL);
        SORTS.put("sentAt", SortKey.Property.DATE);
        SORTS.put("size", SortKey.Property.SIZE);
        SORTS.put("from", SortKey.Property.FROM);
        SORTS.put("to", SortKey.Property.TO);
        SORTS.put("subject", SortKey.Property.SUBJECT);
        SORTS.put("hasKeyword", SortKey.Property.HAS_KEYWORD);
        SORTS.put("allInThreadHaveKeyword", SortKey.Property.ALL_IN_THREAD_HAVE_KEYWORD);
        SORTS.put("someInThreadHaveKeyword", SortKey.Property.SOME_IN_THREAD_HAVE_KEYWORD);
    }

    private EmailQuery() {
    }

    static void register(Methods m) {
        m.add("Email/query", Capabilities.MAIL, EmailQuery::query);
        m.add("Email/queryChanges", Capabilities.MAIL, EmailQuery::queryChanges);
    }

    static ObjectNode query(Call call, ObjectNode args) throws MethodException {
        call.checkAccount(args);
        String state = Long.toString(call.account.state());
        List<String> ids = run(call, args);
        call.jmap.queries().put(cacheKey(call, args), state, ids);
        ObjectNode out = Standard.page(call, args, ids, state, true);
        return out;
    }

    static ObjectNode queryChanges(Call call, ObjectNode args) throws MethodException {
        call.checkAccount(args);
        String state = Long.toString(call.account.state());
        List<String> ids = run(call, args);
        String key = cacheKey(call, args);
        call.jmap.queries().put(key, state, ids);
        return Standard.queryChanges(call, args, key, ids, state);
    }

    private static String cacheKey(Call call, ObjectNode args) {
        return "Email|" + call.accountId + "|" + Json.text(args.path("filter")) + "|" + Json.text(args.path("sort"))
                + "|" + args.path("collapseThreads").asBoolean(false);
    }

    static List<String> run(Call call, ObjectNode args) throws MethodException {
        JsonNode filter = args.get("filter");
        SearchQuery query = filter == null || filter.isNull() ? new SearchQuery.All() : filter(call, filter);
        List<SortKey> sort = new ArrayList<>();
        JsonNode comparators = args.get("sort");
        if (comparators != null && !comparators.isNull()) {
            if (!comparators.isArray()) {
                throw MethodException.invalidArguments("sort must be an array of Comparators");
            }
            for (JsonNode c : comparators) {
                String property = c.path("property").asText("");
                SortKey.Property key = SORTS.get(property);
                if (key == null) {
                    throw MethodException.unsupportedSort("Cannot sort by " + property + "; see emailQuerySortOptions.");
                }
                boolean reverse = !c.path("isAscending").asBoolean(true);
                if (key.needsKeyword()) {
                    String keyword = c.path("keyword").asText(null);
                    if (keyword == null) {
                        throw MethodException.invalidArguments(property + " needs a keyword");
                    }
                    sort.add(SortKey.keyword(key, keyword, reverse));
                } else {
                    sort.add(new SortKey(key, reverse, null));
                }
            }
        }
        boolean collapse = Json.bool(args, "collapseThreads", false);
        return call.account.query(query, sort, collapse).stream().map(MessageId::toString).toList();
    }

    static SearchQuery filter(Call call, JsonNode filter) throws MethodException {
        if (!filter.isObject()) {
            throw MethodException.invalidArguments("filter must be an object");
        }
        if (filter.has("operator")) {
            List<SearchQuery> conditions = new ArrayList<>();
            for (JsonNode c : filter.path("conditions")) {
                conditions.add(filter(call, c));
            }
            return switch (filter.get("operator").asText()) {
                case "AND" -> new SearchQuery.And(conditions);
                case "OR" -> new SearchQuery.Or(conditions);
                case "NOT" -> new SearchQuery.Not(conditions.size() == 1 ? conditions.get(0) : new SearchQuery.Or(conditions));
                default -> throw MethodException.unsupportedFilter("Unknown operator " + filter.get("operator").asText() + ".");
            };
        }
        List<SearchQuery> all = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = filter.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode v = f.getValue();
            all.add(switch (f.getKey()) {
                case "inMailbox" -> new SearchQuery.InMailbox(mailbox(call, v.asText()));
                case "inMailboxOtherThan" -> {
                    Set<MailboxId> boxes = new HashSet<>();
                    for (JsonNode id : v) {
                        boxes.add(mailbox(call, id.asText()));
                    }
                    yield new SearchQuery.InMailboxOtherThan(boxes);
                }
                case "before" -> new SearchQuery.ReceivedBefore(instant(v));
                case "after" -> new SearchQuery.ReceivedSince(instant(v));
                case "minSize" -> new SearchQuery.Larger(Math.max(0, v.asLong() - 1));
                case "maxSize" -> new SearchQuery.Smaller(v.asLong());
                case "allInThreadHaveKeyword" -> new SearchQuery.ThreadKeyword(v.asText(), SearchQuery.ThreadKeyword.Quantifier.ALL);
                case "someInThreadHaveKeyword" -> new SearchQuery.ThreadKeyword(v.asText(), SearchQuery.ThreadKeyword.Quantifier.SOME);
                case "noneInThreadHaveKeyword" -> new SearchQuery.ThreadKeyword(v.asText(), SearchQuery.ThreadKeyword.Quantifier.NONE);
                case "hasKeyword" -> new SearchQuery.HasKeyword(v.asText());
                case "notKeyword" -> new SearchQuery.Not(new SearchQuery.HasKeyword(v.asText()));
                case "hasAttachment" -> v.asBoolean() ? new SearchQuery.HasAttachment()
                        : new SearchQuery.Not(new SearchQuery.HasAttachment());
                case "text" -> new SearchQuery.Contains(SearchQuery.Contains.Field.TEXT, v.asText());
                case "from" -> new SearchQuery.Contains(SearchQuery.Contains.Field.FROM, v.asText());
                case "to" -> new SearchQuery.Contains(SearchQuery.Contains.Field.TO, v.asText());
                case "cc" -> new SearchQuery.Contains(SearchQuery.Contains.Field.CC, v.asText());
                case "bcc" -> new SearchQuery.Contains(SearchQuery.Contains.Field.BCC, v.asText());
                case "subject" -> new SearchQuery.Contains(SearchQuery.Contains.Field.SUBJECT, v.asText());
                case "body" -> new SearchQuery.Contains(SearchQuery.Contains.Field.BODY, v.asText());
                case "header" -> {
                    if (!v.isArray() || v.isEmpty() || v.size() > 2) {
                        throw MethodException.invalidArguments("header is [name] or [name, value]");
                    }
                    yield new SearchQuery.Header(v.get(0).asText(), v.size() == 2 ? v.get(1).asText() : "");
                }
                default -> throw MethodException.unsupportedFilter("Unknown filter condition " + f.getKey() + ".");
            });
        }
        return all.isEmpty() ? new SearchQuery.All() : all.size() == 1 ? all.get(0) : new SearchQuery.And(all);
    }

    private static MailboxId mailbox(Call call, String id) throws MethodException {
        try {
            return MailboxId.parse(call.resolve(id));
        } catch (IllegalArgumentException e) {
            throw MethodException.invalidArguments("No mailbox " + id + ".");
        }
    }

    private static Instant instant(JsonNode v) throws MethodException {
        try {
            return Instant.parse(v.asText());
        } catch (DateTimeParseException e) {
            throw MethodException.invalidArguments("Not a UTCDate: " + v.asText());
        }
    }
}
