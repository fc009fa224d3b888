package dev.hermod.jmap.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermod.api.sieve.SieveChecker;
import dev.hermod.api.sieve.SieveScripts;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * VacationResponse/get and set (RFC 8621 §8). The response is kept as the account's Sieve script
 * {@value #SCRIPT}, generated from the JMAP object (kept as JSON in the script's second line), so that
 * the Sieve filter's vacation action (RFC 5230: once per sender per period, not to lists or automatic
 * mail) answers at delivery. Enabling makes that script the active one; disabling re-activates the script
 * that was active before (or none). The user's own active script is copied into the generated one after the
 * vacation action, so their rules keep filing mail meanwhile; the copy is made when the response is set
 * (changes to the own script show after the next VacationResponse/set), and is left out when the two do
 * not compile together. {@code fromDate} and {@code toDate} become {@code currentdate} tests
 * (RFC 5260) in UTC. The HTML body is sent as text with its tags removed when there is no text body.
 */
final class VacationMethods {

    static final String SCRIPT = "jmap-vacation";
    private static final String MARK = "# jmap ";

    private VacationMethods() {
    }

    static void register(Methods m) {
        m.add("VacationResponse/get", Capabilities.VACATION, VacationMethods::get);
        m.add("VacationResponse/set", Capabilities.VACATION, VacationMethods::set);
    }

    private static SieveScripts scripts(Call call) throws MethodException {
        SieveScripts scripts = call.jmap.scripts().get();
        if (scripts == null) {
            throw MethodException.unavailable("The Sieve script store is not available.");
        }
        return scripts;
    }

    static ObjectNode current(SieveScripts scripts, String account) {
        Optional<String> text = scripts.get(account, SCRIPT);
        ObjectNode o = null;
        if (text.isPresent()) {
            for (String line : text.get().split("\n")) {
                if (line.startsWith(MARK)) {
                    try {
                        o = (ObjectNode) Json.MAPPER.readTree(line.substring(MARK.length()));
                    } catch (IOException | ClassCastException e) {
                        o = null;
                    }
                    break;
                }
            }
        }
        if (o == null) {
            o = Json.object().put("isEnabled", false);
            o.putNull("fromDate");
            o.putNull("toDate");
            o.putNull("subject");
            o.putNull("textBody");
            o.putNull("htmlBody");
        }
        o.put("id", "singleton");
        boolean active = scripts.active(account).map(a -> a.name().equals(SCRIPT)).orElse(false);
        o.put("isEnabled", o.path("isEnabled").asBoolean() && active);
        return o;
    }

    static String state(ObjectNode vacation) {
        return Integer.toHexString(Json.text(vacation).hashCode());
    }

    static ObjectNode get(Call call, ObjectNode args) throws MethodException {
        call.checkAccount(args);
        List<String> ids = Standard.ids(call, args);
        ObjectNode vacation = current(scripts(call), call.account.name());
        vacation.remove("previousActive");
        ObjectNode out = Json.object().put("accountId", call.accountId).put("state", state(vacation));
        var list = out.putArray("list");
        var notFound = out.putArray("notFound");
        if (ids == null || ids.contains("singleton")) {
            list.add(vacation);
        }
        if (ids != null) {
            ids.stream().filter(id -> !id.equals("singleton")).forEach(notFound::add);
        }
        return out;
    }

    static ObjectNode set(Call call, ObjectNode args) throws MethodException {
        SieveScripts scripts = scripts(call);
        String account = call.account.name();
        ObjectNode before = current(scripts, account);
        ObjectNode shown = before.deepCopy();
        shown.remove("previousActive");
        String oldState = state(shown);
        Standard.checkSet(call, args, oldState);
        ObjectNode out = Json.object().put("accountId", call.accountId).put("oldState", oldState);
        ObjectNode updated = Json.object();
        ObjectNode notUpdated = Json.object();
        ObjectNode notCreated = Json.object();
        args.path("create").fieldNames().forEachRemaining(id -> notCreated.set(id,
                new SetError("singleton", "There is one VacationResponse; update it.").toJson()));
        ObjectNode notDestroyed = Json.object();
        args.path("destroy").forEach(id -> notDestroyed.set(id.asText(),
                new SetError("singleton", "The VacationResponse cannot be destroyed; disable it.").toJson()));
        JsonNode patch = args.path("update").get("singleton");
        args.path("update").fieldNames().forEachRemaining(id -> {
            if (!id.equals("singleton")) {
                notUpdated.set(id, SetError.notFound().toJson());
            }
        });
        if (patch != null) {
            try {
                apply(call, scripts, account, before, patch);
                updated.putNull("singleton");
            } catch (SetError e) {
                notUpdated.set("singleton", e.toJson());
            }
        }
        ObjectNode after = current(scripts, account);
        after.remove("previousActive");
        out.put("newState", state(after));
        out.set("created", Json.object());
        out.set("updated", updated);
        out.set("destroyed", Json.array());
        out.set("notCreated", notCreated);
        out.set("notUpdated", notUpdated);
        out.set("notDestroyed", notDestroyed);
        return out;
    }

    private static void apply(Call call, SieveScripts scripts, String account, ObjectNode before, JsonNode patch)
            throws SetError {
        ObjectNode next = before.deepCopy();
        var fields = patch.fields();
        while (fields.hasNext()) {
            var f = fields.next();
            switch (f.getKey()) {
                case "isEnabled" -> {
                    if (!f.getValue().isBoolean()) {
                        throw SetError.invalidProperties("isEnabled is true or false.", "isEnabled");
                    }
                    next.set("isEnabled", f.getValue());
                }
                case "fromDate", "toDate" -> {
                    if (!f.getValue().isNull()) {
                        try {
                            Instant.parse(f.getValue().asText());
                        } catch (RuntimeException e) {
                            throw SetError.invalidProperties(f.getKey() + " is a UTCDate.", f.getKey());
                        }
                    }
                    next.set(f.getKey(), f.getValue());
                }
                case "subject", "textBody", "htmlBody" -> next.set(f.getKey(), f.getValue());
                default -> throw SetError.invalidProperties(f.getKey() + " cannot be set.", f.getKey());
            }
        }
        next.remove("id");
        String previous = scripts.active(account).map(SieveScripts.ActiveScript::name).orElse(null);
        if (previous != null && !previous.equals(SCRIPT)) {
            next.put("previousActive", previous);
        }
        // The user's own rules keep running: the script that was active is copied in after the vacation action.
        String own = next.path("previousActive").asText(null);
        String ownText = own == null ? null : scripts.get(account, own).orElse(null);
        String combined = script(next, own, ownText);
        SieveChecker checker = call.jmap.checker().get();
        if (ownText != null && (checker == null || checker.check(SCRIPT, combined).isPresent())) {
            combined = script(next, null, null);
        }
        scripts.put(account, SCRIPT, combined);
        if (next.path("isEnabled").asBoolean()) {
            scripts.activate(account, SCRIPT);
        } else if (previous != null && previous.equals(SCRIPT)) {
            String restore = next.path("previousActive").asText(null);
            scripts.activate(account, restore != null && scripts.get(account, restore).isPresent() ? restore : null);
        }
    }

    /**
     * The Sieve script of a vacation response (RFC 5230, RFC 5260 currentdate), followed by the user's own
     * script when one was active: its {@code require}s are merged into the first line (RFC 5228 §3.2: they
     * come before any other command) and its commands run after the vacation action.
     */
    static String script(ObjectNode v, String ownName, String ownText) {
        StringBuilder s = new StringBuilder();
        s.append("# Made by Hermod from the JMAP VacationResponse; edit it through JMAP.\n");
        s.append(MARK).append(Json.text(v)).append('\n');
        java.util.Set<String> require = new java.util.LinkedHashSet<>(List.of("vacation", "date", "relational"));
        String ownCommands = null;
        if (ownText != null) {
            Requires own = Requires.split(ownText);
            require.addAll(own.capabilities());
            ownCommands = own.rest();
        }
        s.append("require [");
        int i = 0;
        for (String capability : require) {
            s.append(i++ == 0 ? "" : ", ").append(quote(capability));
        }
        s.append("];\n");
        String text = v.path("textBody").isTextual() ? v.get("textBody").asText()
                : v.path("htmlBody").isTextual() ? v.get("htmlBody").asText().replaceAll("<[^>]*>", "") : "";
        StringBuilder action = new StringBuilder("vacation");
        if (v.path("subject").isTextual()) {
            action.append(" :subject ").append(quote(v.get("subject").asText()));
        }
        action.append(' ').append(quote(text)).append(";\n");
        StringBuilder tests = new StringBuilder();
        if (v.path("fromDate").isTextual()) {
            tests.append("currentdate :zone \"+0000\" :value \"ge\" \"iso8601\" ").append(quote(iso(v.get("fromDate").asText())));
        }
        if (v.path("toDate").isTextual()) {
            if (tests.length() > 0) {
                tests.append(", ");
            }
            tests.append("currentdate :zone \"+0000\" :value \"lt\" \"iso8601\" ").append(quote(iso(v.get("toDate").asText())));
        }
        if (tests.length() > 0) {
            s.append("if allof(").append(tests).append(") {\n    ").append(action).append("}\n");
        } else {
            s.append(action);
        }
        if (ownCommands != null) {
            s.append("# The rules of \"").append(ownName.replaceAll("[\\r\\n]", " "))
                    .append("\", copied when the response was set:\n").append(ownCommands);
            if (!ownCommands.endsWith("\n")) {
                s.append('\n');
            }
        }
        return s.toString();
    }

    /** A script's leading require commands and the rest (comments before them dropped). */
    record Requires(List<String> capabilities, String rest) {

        private static final java.util.regex.Pattern REQUIRE = java.util.regex.Pattern.compile(
                "\\Arequire\\s*(\\[[^\\]]*\\]|\"(?:[^\"\\\\]|\\\\.)*\")\\s*;");
        private static final java.util.regex.Pattern STRING = java.util.regex.Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

        static Requires split(String text) {
            List<String> capabilities = new java.util.ArrayList<>();
            String rest = text;
            while (true) {
                String trimmed = rest.stripLeading();
                if (trimmed.startsWith("#")) {
                    int nl = trimmed.indexOf('\n');
                    rest = nl < 0 ? "" : trimmed.substring(nl + 1);
                    continue;
                }
                if (trimmed.startsWith("/*")) {
                    int end = trimmed.indexOf("*/");
                    rest = end < 0 ? "" : trimmed.substring(end + 2);
                    continue;
                }
                java.util.regex.Matcher m = REQUIRE.matcher(trimmed);
                if (!m.find()) {
                    return new Requires(capabilities, trimmed);
                }
                java.util.regex.Matcher names = STRING.matcher(m.group(1));
                while (names.find()) {
                    capabilities.add(names.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
                }
                rest = trimmed.substring(m.end());
            }
        }
    }

    /** The form the Sieve date extension gives iso8601 in zone +0000, so the strings compare in order. */
    private static String iso(String utcDate) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Instant.parse(utcDate).atOffset(ZoneOffset.UTC).withNano(0))
                .replace("Z", "+00:00");
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
