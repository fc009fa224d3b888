package dev.hermod.sieve.internal;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/** Evaluates the tests of RFC 5228 §5 and of the extensions. */
final class Tests {

    private Tests() {
    }

    static boolean test(Run run, Call t, Run.Frame f) {
        run.step();
        switch (t.name()) {
            case "true":
                return true;
            case "false":
                return false;
            case "not":
                return !test(run, t.tests().get(0), f);
            case "anyof":
                for (Call sub : t.tests()) {
                    if (test(run, sub, f)) {
                        return true;
                    }
                }
                return false;
            case "allof":
                for (Call sub : t.tests()) {
                    if (!test(run, sub, f)) {
                        return false;
                    }
                }
                return true;
            case "exists":
                for (String name : run.expandAll(t.strings(0).values(), f)) {
                    if (fields(run, name, 0, false).isEmpty()) {
                        return false;
                    }
                }
                return true;
            case "size": {
                long limit = ((Argument.Num) t.args().get(0)).value();
                return t.has("over") ? run.message.size() > limit : run.message.size() < limit;
            }
            case "mailboxexists":
                for (String name : run.expandAll(t.strings(0).values(), f)) {
                    if (!run.env.mailboxExists().test(name)) {
                        return false;
                    }
                }
                return true;
            case "duplicate":
                return duplicate(run, t, f);
            case "kvage": {
                String key = run.expand(t.strings(0).single(), f);
                java.util.Optional<java.time.Instant> created = run.state(t).created(key);
                if (created.isEmpty()) {
                    return false;
                }
                long age = java.time.Duration.between(created.get(), run.message.now().toInstant()).getSeconds();
                String tag = t.has("over") ? "over" : "under";
                long limit = number(run, t, tag, f);
                return t.has("over") ? age > limit : age < limit;
            }
            case "valid_notify_method":
                for (String uri : run.expandAll(t.strings(0).values(), f)) {
                    if (!Notifications.valid(uri)) {
                        return false;
                    }
                }
                return true;
            case "notify_method_capability": {
                String uri = run.expand(t.strings(0).single(), f);
                String capability = run.expand(t.strings(1).single(), f).toLowerCase(Locale.ROOT);
                if (!Notifications.valid(uri) || !capability.equals("online")) {
                    return false;
                }
                // RFC 5435 §5: whether the recipient is online is not known for mailto
                return match(run, t, f, List.of("maybe"));
            }
            case "environment": {
                String name = run.expand(t.strings(0).single(), f).toLowerCase(Locale.ROOT);
                String value = run.env.environment().get(name);
                if (value == null) {
                    return false; // an unknown item: the test fails (RFC 5183 §4.1)
                }
                // :count sees 0 for the empty string, 1 otherwise (RFC 5183 §4.1)
                return match(run, t, f, t.has("count") && value.isEmpty() ? List.of() : List.of(value));
            }
            default:
                return match(run, t, f, values(run, t, f));
        }
    }

    private static boolean match(Run run, Call t, Run.Frame f, List<String> values) {
        Matching m = Matching.of(t);
        List<String> keys = run.expandAll(((Argument.Strings) t.args().get(t.args().size() - 1)).values(), f);
        List<String> captured = m.match(values, keys);
        if (captured != null && m.captures() && f.variables()) {
            f.matchVariables = captured;
        }
        return captured != null;
    }

    /** The values a matching test compares with its keys. */
    private static List<String> values(Run run, Call t, Run.Frame f) {
        List<String> values = new ArrayList<>();
        long index = t.tagNumber("index", 0);
        boolean last = t.has("last");
        switch (t.name()) {
            case "header" -> {
                for (String name : run.expandAll(t.strings(0).values(), f)) {
                    for (String v : fields(run, name, index, last)) {
                        values.add(decode(v));
                    }
                }
            }
            case "address" -> {
                String part = addressPart(t);
                for (String name : run.expandAll(t.strings(0).values(), f)) {
                    for (String v : fields(run, name, index, last)) {
                        for (String a : Addresses.parse(v)) {
                            addPart(values, a, part);
                        }
                    }
                }
            }
            case "envelope" -> {
                String part = addressPart(t);
                for (String name : run.expandAll(t.strings(0).values(), f)) {
                    switch (name.toLowerCase(Locale.ROOT)) {
                        case "from" -> addPart(values, run.message.envelopeFrom(), part);
                        case "to" -> addPart(values, run.message.envelopeTo(), part);
                        default -> {
                            // other envelope parts are not available: no values (RFC 5228 §5.4)
                        }
                    }
                }
            }
            case "string" -> {
                for (String s : run.expandAll(t.strings(0).values(), f)) {
                    // :count counts only non-empty strings (RFC 5229 §5)
                    if (!t.has("count") || !s.isEmpty()) {
                        values.add(s);
                    }
                }
            }
            case "hasflag" -> values.addAll(Flags.of(run, t, f));
            case "body" -> values.addAll(Body.values(run, t, f));
            case "date", "currentdate" -> {
                boolean current = t.name().equals("currentdate");
                String part = run.expand(t.strings(current ? 0 : 1).single(), f).toLowerCase(Locale.ROOT);
                ZonedDateTime d = current ? run.message.now() : null;
                if (!current) {
                    // the first field, or the one :index names (RFC 5260 §4, §6)
                    List<String> fs = fields(run, run.expand(t.strings(0).single(), f), index == 0 ? 1 : index,
                            last);
                    d = fs.isEmpty() ? null : DateParts.parse(fs.get(0));
                }
                if (d != null) {
                    String zone = t.tagString("zone");
                    if (zone != null) {
                        d = d.withZoneSameInstant(DateParts.zone(zone));
                    } else if (!t.has("originalzone")) {
                        d = d.withZoneSameInstant(run.message.now().getZone());
                    }
                    values.add(DateParts.part(d, part));
                }
            }
            case "spamtest", "virustest" -> {
                boolean spam = t.name().equals("spamtest");
                ScoreHeader h = spam ? run.env.spamScore() : run.env.virusScore();
                String value = "0";
                if (h != null) {
                    List<String> fs = fields(run, h.header(), 0, false);
                    value = h.score(fs.isEmpty() ? null : fs.get(0), spam ? 10 : 5, t.has("percent"));
                }
                values.add(value);
            }
            default -> throw new SieveRuntimeException("line " + t.line() + ": cannot run test '" + t.name() + "'");
        }
        return values;
    }

    /**
     * A tag's parameter that is a number, or a string holding one after variables are expanded: digits with
     * an optional quantifier K, M or G (RFC 5228 §2.4.1).
     */
    private static long number(Run run, Call t, String tag, Run.Frame f) {
        if (t.tags().get(tag) instanceof Argument.Num n) {
            return n.value();
        }
        String s = run.expand(t.tagString(tag), f).strip();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,15})([KkMmGg]?)").matcher(s);
        if (!m.matches()) {
            throw new SieveRuntimeException("line " + t.line() + ": :" + tag + " needs a number, not \"" + s + "\"");
        }
        long v = Long.parseLong(m.group(1));
        return switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> v << 10;
            case "M" -> v << 20;
            case "G" -> v << 30;
            default -> v;
        };
    }

    private static String addressPart(Call t) {
        for (String p : new String[] {"localpart", "domain", "user", "detail"}) {
            if (t.has(p)) {
                return p;
            }
        }
        return "all";
    }

    private static void addPart(List<String> values, String address, String part) {
        String v = Addresses.part(address, part);
        if (v != null) {
            values.add(v);
        }
    }

    /**
     * The raw values of the header fields of a name in the edited header.
     *
     * @param index 0 for all, else the occurrence from 1 (RFC 5260 §6), from the bottom if {@code last}
     */
    static List<String> fields(Run run, String name, long index, boolean last) {
        List<String> all = new ArrayList<>();
        for (SieveMessage.HeaderField h : run.headers) {
            if (h.name().equalsIgnoreCase(name)) {
                all.add(h.value());
            }
        }
        if (index <= 0) {
            return all;
        }
        if (index > all.size()) {
            return List.of();
        }
        return List.of(all.get((int) (last ? all.size() - index : index - 1)));
    }

    /** Decodes RFC 2047 encoded words (RFC 5228 §2.7.2) and trims trailing white space. */
    static String decode(String raw) {
        String v = raw.contains("=?") ? DecoderUtil.decodeEncodedWords(raw, DecodeMonitor.SILENT) : raw;
        return v.stripTrailing();
    }

    private static boolean duplicate(Run run, Call t, Run.Frame f) {
        String id;
        if (t.tagString("uniqueid") != null) {
            id = run.expand(t.tagString("uniqueid"), f);
        } else {
            String header = t.tagString("header") != null ? run.expand(t.tagString("header"), f) : "Message-ID";
            List<String> fs = fields(run, header, 0, false);
            if (fs.isEmpty()) {
                return false; // nothing to track (RFC 7352 §3.1)
            }
            id = decode(fs.get(0));
        }
        String handle = t.tagString("handle") == null ? "" : run.expand(t.tagString("handle"), f);
        String key = handle + "\u0000" + id;
        long seconds = t.tagNumber("seconds", 7 * 86400L);
        boolean seen = run.env.duplicates().test(key);
        // recorded either way: a new key starts its period, a seen one with :last restarts it (RFC 7352 §3.3);
        // without :last the caller keeps the first expiry of a key it already has
        run.markDuplicate(key, seconds);
        return seen;
    }
}
