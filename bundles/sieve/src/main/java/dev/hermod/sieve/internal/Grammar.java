package dev.hermod.sieve.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The commands and tests Hermod knows, with the extension each needs and the arguments each takes; checks a
 * parsed call against them and separates its tagged from its positional arguments.
 */
final class Grammar {

    /** The capabilities {@code require} accepts (RFC 5228 §3.2). */
    static final Set<String> EXTENSIONS = Set.of("fileinto", "reject", "ereject", "envelope", "encoded-character",
            "imap4flags", "variables", "vacation", "vacation-seconds", "relational", "comparator-i;ascii-numeric",
            "comparator-i;octet", "comparator-i;ascii-casemap", "subaddress", "body", "copy", "date", "index",
            "editheader", "mailbox", "regex", "spamtest", "spamtestplus", "virustest", "duplicate", "include", "enotify",
            "environment", "vnd.hermod.defer", "vnd.hermod.kv");

    /**
     * The capabilities only the administrator's trusted scripts may require: {@code vnd.hermod.kv} writes to
     * the server's shared filter state. A compiler that is not trusted treats them as unsupported.
     */
    static final Set<String> TRUSTED_EXTENSIONS = Set.of("vnd.hermod.kv");

    private static final String MATCH = "is contains matches regex value=s count=s ";
    private static final String COMPARATOR = "comparator=s ";
    private static final String ADDRESS_PART = "all localpart domain user detail ";
    private static final String INDEX = "index=n last ";

    /** Tags that need an extension beyond the command's own. */
    private static final Map<String, String> TAG_EXTENSIONS = Map.of("regex", "regex", "value", "relational",
            "count", "relational", "user", "subaddress", "detail", "subaddress", "index", "index",
            "copy", "copy", "flags", "imap4flags", "create", "mailbox", "percent", "spamtestplus");

    /** Groups of tags of which a call takes at most one. */
    private static final List<Set<String>> EXCLUSIVE = List.of(Set.of("is", "contains", "matches", "regex", "value",
            "count"), Set.of("all", "localpart", "domain", "user", "detail"), Set.of("over", "under"),
            Set.of("days", "seconds"), Set.of("personal", "global"), Set.of("header", "uniqueid"),
            Set.of("raw", "content", "text"), Set.of("zone", "originalzone"), Set.of("lower", "upper"),
            Set.of("lowerfirst", "upperfirst"));

    /**
     * @param test       whether it is a test
     * @param extension  the capability it needs, or {@code null} for the base language
     * @param tags       tag name to parameter type: {@code 'n'} number, {@code 's'} string, {@code 'l'} string
     *                   list, {@code 'x'} number or string, {@code ' '} none
     * @param positional one letter per positional argument ({@code s}, {@code l}, {@code n}); a letter in
     *                   brackets is optional
     */
    private record Spec(boolean test, String extension, Map<String, Character> tags, String positional) {
    }

    private static final Map<String, Spec> SPECS = new HashMap<>();

    static {
        command("require", null, "", "l");
        command("if", null, "", "");
        command("elsif", null, "", "");
        command("else", null, "", "");
        command("stop", null, "", "");
        command("keep", null, "flags=l", "");
        command("discard", null, "", "");
        command("redirect", null, "copy", "s");
        command("fileinto", "fileinto", "copy flags=l create", "s");
        command("reject", "reject", "", "s");
        command("ereject", "ereject", "", "s");
        command("defer", "vnd.hermod.defer", "", "s");
        command("kvset", "vnd.hermod.kv", "seconds=n", "s");
        command("vacation", "vacation", "days=n seconds=n subject=s from=s addresses=l mime handle=s", "s");
        command("notify", "enotify", "from=s importance=s options=l message=s", "s");
        command("setflag", "imap4flags", "", "[s]l");
        command("addflag", "imap4flags", "", "[s]l");
        command("removeflag", "imap4flags", "", "[s]l");
        command("set", "variables", "lower upper lowerfirst upperfirst quotewildcard quoteregex length", "ss");
        command("addheader", "editheader", "last", "ss");
        command("deleteheader", "editheader", INDEX + COMPARATOR + MATCH, "s[l]");
        command("include", "include", "personal global once optional", "s");
        command("return", "include", "", "");
        command("global", "include", "", "l");
        test("address", null, MATCH + COMPARATOR + ADDRESS_PART + INDEX, "ll");
        test("envelope", "envelope", MATCH + COMPARATOR + ADDRESS_PART, "ll");
        test("header", null, MATCH + COMPARATOR + INDEX, "ll");
        test("exists", null, "", "l");
        test("size", null, "over under", "n");
        test("true", null, "", "");
        test("false", null, "", "");
        test("not", null, "", "");
        test("anyof", null, "", "");
        test("allof", null, "", "");
        test("string", "variables", MATCH + COMPARATOR, "ll");
        test("hasflag", "imap4flags", MATCH + COMPARATOR, "[l]l");
        test("body", "body", MATCH + COMPARATOR + "raw content=l text", "l");
        test("date", "date", MATCH + COMPARATOR + INDEX + "zone=s originalzone", "ssl");
        test("currentdate", "date", MATCH + COMPARATOR + "zone=s", "sl");
        test("mailboxexists", "mailbox", "", "l");
        test("spamtest", "spamtest", MATCH + COMPARATOR + "percent", "s");
        test("virustest", "virustest", MATCH + COMPARATOR, "s");
        test("valid_notify_method", "enotify", "", "l");
        test("notify_method_capability", "enotify", MATCH + COMPARATOR, "ssl");
        test("duplicate", "duplicate", "handle=s header=s uniqueid=s seconds=n last", "");
        test("environment", "environment", MATCH + COMPARATOR, "sl");
        // the age may be a string, so that a script can keep it in a variable
        test("kvage", "vnd.hermod.kv", "over=x under=x", "s");
    }

    private Grammar() {
    }

    private static void command(String name, String extension, String tags, String positional) {
        SPECS.put(name, new Spec(false, extension, parseTags(tags), positional));
    }

    private static void test(String name, String extension, String tags, String positional) {
        SPECS.put(name, new Spec(true, extension, parseTags(tags), positional));
    }

    private static Map<String, Character> parseTags(String tags) {
        Map<String, Character> map = new HashMap<>();
        for (String t : tags.trim().split("\\s+")) {
            if (!t.isEmpty()) {
                int eq = t.indexOf('=');
                map.put(eq < 0 ? t : t.substring(0, eq), eq < 0 ? ' ' : t.charAt(eq + 1));
            }
        }
        return map;
    }

    /** @return whether {@code name} is a known command (not a test) */
    static boolean isCommand(String name) {
        Spec s = SPECS.get(name);
        return s != null && !s.test();
    }

    /**
     * Checks a call and separates its tags.
     *
     * @param call       the parsed call, tags among the arguments
     * @param test       whether it stands where a test is expected
     * @param required   the capabilities the script requires
     * @return the call with {@link Call#tags()} filled and only positional arguments left
     * @throws SieveException if the call is unknown, needs an extension not required, or its arguments do not
     *                        fit
     */
    static Call check(Call call, boolean test, Set<String> required) {
        Spec spec = SPECS.get(call.name());
        if (spec == null || spec.test() != test) {
            throw new SieveException(call.line(), "unknown " + (test ? "test" : "command") + " '" + call.name() + "'");
        }
        if (spec.extension() != null && !required.contains(spec.extension())) {
            throw new SieveException(call.line(), "'" + call.name() + "' needs require \"" + spec.extension() + "\"");
        }
        Map<String, Argument> tags = new LinkedHashMap<>();
        List<Argument> positional = new java.util.ArrayList<>();
        List<Argument> args = call.args();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) instanceof Argument.Tag tag) {
                if (!positional.isEmpty()) {
                    throw new SieveException(call.line(), "tag :" + tag.name() + " after positional arguments of '"
                            + call.name() + "'");
                }
                Character type = spec.tags().get(tag.name());
                if (type == null) {
                    throw new SieveException(call.line(), "'" + call.name() + "' takes no tag :" + tag.name());
                }
                String ext = tagExtension(call.name(), tag.name());
                if (ext != null && !required.contains(ext)) {
                    throw new SieveException(call.line(), "tag :" + tag.name() + " needs require \"" + ext + "\"");
                }
                if (tags.containsKey(tag.name())) {
                    throw new SieveException(call.line(), "tag :" + tag.name() + " given twice");
                }
                Argument value = Argument.FLAG;
                if (type != ' ') {
                    if (i + 1 >= args.size() || !fits(args.get(i + 1), type)) {
                        throw new SieveException(call.line(), "tag :" + tag.name() + " needs "
                                + describe(type));
                    }
                    value = args.get(++i);
                }
                tags.put(tag.name(), value);
            } else {
                positional.add(args.get(i));
            }
        }
        for (Set<String> group : EXCLUSIVE) {
            if (tags.keySet().stream().filter(group::contains).count() > 1) {
                throw new SieveException(call.line(), "'" + call.name() + "' takes only one of :"
                        + String.join(", :", group.stream().filter(tags::containsKey).sorted().toList()));
            }
        }
        checkPositional(call, spec.positional(), positional);
        return new Call(call.name(), tags, positional, call.tests(), call.block(), call.line());
    }

    private static String tagExtension(String call, String tag) {
        if (tag.equals("last")) {
            return call.equals("header") || call.equals("address") || call.equals("date")
                    || call.equals("deleteheader") ? "index" : null;
        }
        if (tag.equals("seconds") && call.equals("vacation")) {
            return "vacation-seconds";
        }
        return TAG_EXTENSIONS.get(tag);
    }

    private static void checkPositional(Call call, String pattern, List<Argument> positional) {
        StringBuilder required = new StringBuilder();
        char optional = 0;
        int optionalAt = -1;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '[') {
                optional = pattern.charAt(i + 1);
                optionalAt = required.length();
                i += 2;
            } else {
                required.append(c);
            }
        }
        String types = required.toString();
        if (positional.size() == types.length() + 1 && optional != 0) {
            types = types.substring(0, optionalAt) + optional + types.substring(optionalAt);
        }
        if (positional.size() != types.length()) {
            throw new SieveException(call.line(), "'" + call.name() + "' takes " + types.length()
                    + (optional != 0 ? " or " + (types.length() + 1) : "") + " positional arguments, not "
                    + positional.size());
        }
        for (int i = 0; i < types.length(); i++) {
            if (!fits(positional.get(i), types.charAt(i))) {
                throw new SieveException(call.line(), "argument " + (i + 1) + " of '" + call.name() + "' must be "
                        + describe(types.charAt(i)));
            }
        }
    }

    private static boolean fits(Argument arg, char type) {
        return switch (type) {
            case 'n' -> arg instanceof Argument.Num;
            case 'x' -> arg instanceof Argument.Num || fits(arg, 's');
            case 's' -> arg instanceof Argument.Strings s && s.values().size() == 1 && !s.list();
            case 'l' -> arg instanceof Argument.Strings;
            default -> false;
        };
    }

    private static String describe(char type) {
        return switch (type) {
            case 'n' -> "a number";
            case 'x' -> "a number or a string";
            case 's' -> "a string";
            default -> "a string list";
        };
    }
}
