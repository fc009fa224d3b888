package dev.hermod.sieve.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles Sieve scripts (RFC 5228) into {@link SieveScript}s: parses, checks every command, test and tag
 * against the extensions the script requires, decodes encoded characters (RFC 5228 §2.4.2.4) and checks
 * literal arguments (comparators, relational operators, date parts, regular expressions) once, so that
 * running the script does not have to. Thread safe and stateless.
 */
public final class SieveCompiler {

    private static final Set<String> RELATIONAL = Set.of("gt", "ge", "lt", "le", "eq", "ne");
    private static final Set<String> DATE_PARTS = Set.of("year", "month", "day", "date", "julian", "hour", "minute",
            "second", "time", "iso8601", "std11", "zone", "weekday");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern ZONE = Pattern.compile("[+-][0-9]{4}");

    private final SieveLimits limits;
    private final boolean trusted;

    /**
     * A compiler for users' scripts: the extensions only trusted scripts may use ({@code vnd.hermod.kv}) are
     * unsupported.
     *
     * @param limits the limits, of which the script size applies here
     */
    public SieveCompiler(SieveLimits limits) {
        this(limits, false);
    }

    /**
     * @param limits  the limits, of which the script size applies here
     * @param trusted whether the scripts are the administrator's, which may use every extension
     */
    public SieveCompiler(SieveLimits limits, boolean trusted) {
        this.limits = limits;
        this.trusted = trusted;
    }

    /**
     * @param name   a name for messages (e.g. the script's name in ManageSieve)
     * @param source the script text
     * @return the compiled script
     * @throws SieveException if the script is too large or not valid; the message says where and why
     */
    public SieveScript compile(String name, String source) {
        int size = source.getBytes(StandardCharsets.UTF_8).length;
        if (size > limits.maxScriptSize()) {
            throw new SieveException(0, "script " + name + " has " + size + " bytes, more than the limit of "
                    + limits.maxScriptSize());
        }
        List<Call> parsed = Parser.parse(source);
        Set<String> required = new LinkedHashSet<>();
        int i = 0;
        for (; i < parsed.size() && parsed.get(i).name().equals("require"); i++) {
            Call req = Grammar.check(parsed.get(i), false, Set.of());
            for (String ext : req.strings(0).values()) {
                if (!Grammar.EXTENSIONS.contains(ext)) {
                    throw new SieveException(req.line(), "unsupported extension \"" + ext + "\"");
                }
                if (!trusted && Grammar.TRUSTED_EXTENSIONS.contains(ext)) {
                    throw new SieveException(req.line(), "unsupported extension \"" + ext
                            + "\": only the administrator's scripts may use it");
                }
                required.add(ext);
            }
        }
        // implied capabilities: RFC 6131 §2 (vacation-seconds), RFC 5235 §3.2 (spamtestplus)
        if (required.contains("vacation-seconds")) {
            required.add("vacation");
        }
        if (required.contains("spamtestplus")) {
            required.add("spamtest");
        }
        Checker checker = new Checker(Set.copyOf(required));
        List<Call> commands = checker.commands(parsed.subList(i, parsed.size()));
        return new SieveScript(name, Set.copyOf(required), commands);
    }

    /** Checks one script; holds its required capabilities. */
    private static final class Checker {
        private final Set<String> required;
        private final boolean encoded;

        Checker(Set<String> required) {
            this.required = required;
            this.encoded = required.contains("encoded-character");
        }

        List<Call> commands(List<Call> calls) {
            List<Call> out = new ArrayList<>();
            String previous = null;
            for (Call raw : calls) {
                if (raw.name().equals("require")) {
                    throw new SieveException(raw.line(), "require must come before any other command");
                }
                Call c = Grammar.check(decode(raw), false, required);
                boolean conditional = c.name().equals("if") || c.name().equals("elsif");
                if ((c.name().equals("elsif") || c.name().equals("else"))
                        && !("if".equals(previous) || "elsif".equals(previous))) {
                    throw new SieveException(c.line(), c.name() + " without a preceding if");
                }
                if (conditional && c.tests().size() != 1) {
                    throw new SieveException(c.line(), c.name() + " needs exactly one test");
                }
                if (!conditional && !c.tests().isEmpty()) {
                    throw new SieveException(c.line(), "'" + c.name() + "' takes no test");
                }
                boolean needsBlock = conditional || c.name().equals("else");
                if (needsBlock != (c.block() != null)) {
                    throw new SieveException(c.line(), needsBlock ? c.name() + " needs a block { ... }"
                            : "'" + c.name() + "' takes no block; end it with ';'");
                }
                checkCommand(c);
                List<Call> tests = conditional ? List.of(test(c.tests().get(0))) : List.of();
                List<Call> block = c.block() == null ? null : commands(c.block());
                out.add(new Call(c.name(), c.tags(), c.args(), tests, block, c.line()));
                previous = c.name();
            }
            return out;
        }

        private Call test(Call raw) {
            Call t = Grammar.check(decode(raw), true, required);
            switch (t.name()) {
                case "not" -> {
                    if (t.tests().size() != 1) {
                        throw new SieveException(t.line(), "not needs exactly one test");
                    }
                }
                case "anyof", "allof" -> {
                    if (t.tests().isEmpty()) {
                        throw new SieveException(t.line(), t.name() + " needs a list of tests in ( )");
                    }
                }
                default -> {
                    if (!t.tests().isEmpty()) {
                        throw new SieveException(t.line(), "test '" + t.name() + "' takes no tests");
                    }
                }
            }
            checkMatch(t);
            if ((t.name().equals("size") || t.name().equals("kvage")) && !t.has("over") && !t.has("under")) {
                throw new SieveException(t.line(), t.name() + " needs :over or :under");
            }
            if (t.name().equals("date") || t.name().equals("currentdate")) {
                String part = t.strings(t.name().equals("date") ? 1 : 0).single().toLowerCase(java.util.Locale.ROOT);
                if (!DATE_PARTS.contains(part)) {
                    throw new SieveException(t.line(), "unknown date part \"" + part + "\"");
                }
                String zone = t.tagString("zone");
                if (zone != null && !ZONE.matcher(zone).matches()) {
                    throw new SieveException(t.line(), ":zone must be +hhmm or -hhmm, not \"" + zone + "\"");
                }
            }
            if (t.has("last") && !t.has("index") && !t.name().equals("duplicate")) {
                throw new SieveException(t.line(), ":last needs :index");
            }
            List<Call> tests = new ArrayList<>();
            for (Call sub : t.tests()) {
                tests.add(test(sub));
            }
            return new Call(t.name(), t.tags(), t.args(), tests, null, t.line());
        }

        private void checkCommand(Call c) {
            switch (c.name()) {
                case "set" -> checkVariableName(c, c.strings(0).single());
                case "setflag", "addflag", "removeflag" -> {
                    if (c.args().size() == 2) {
                        checkVariableName(c, c.strings(0).single());
                    }
                }
                case "deleteheader" -> {
                    checkMatch(c);
                    if (c.has("last") && !c.has("index")) {
                        throw new SieveException(c.line(), ":last needs :index");
                    }
                }
                case "global" -> {
                    if (!required.contains("variables")) {
                        throw new SieveException(c.line(), "'global' needs require \"variables\"");
                    }
                }
                case "kvset" -> {
                    if (c.has("seconds") && c.tagNumber("seconds", 0) < 1) {
                        throw new SieveException(c.line(), "kvset :seconds must be at least 1");
                    }
                }
                case "vacation" -> {
                    if (c.tagNumber("days", 1) < 0 || c.tagNumber("seconds", 0) < 0) {
                        throw new SieveException(c.line(), "vacation period must not be negative");
                    }
                }
                default -> {
                }
            }
        }

        private void checkVariableName(Call c, String name) {
            if (!IDENTIFIER.matcher(name).matches()) {
                throw new SieveException(c.line(), "invalid variable name \"" + name + "\"");
            }
        }

        private void checkMatch(Call t) {
            String comparator = t.tagString("comparator");
            if (comparator != null) {
                Comparator cmp = Comparator.byName(comparator);
                if (cmp == null) {
                    throw new SieveException(t.line(), "unknown comparator \"" + comparator + "\"");
                }
                if (cmp == Comparator.ASCII_NUMERIC && !required.contains("comparator-i;ascii-numeric")) {
                    throw new SieveException(t.line(), "comparator i;ascii-numeric needs require "
                            + "\"comparator-i;ascii-numeric\"");
                }
                if (cmp == Comparator.ASCII_NUMERIC && (t.has("contains") || t.has("matches") || t.has("regex"))) {
                    throw new SieveException(t.line(), "comparator i;ascii-numeric cannot do substring matches");
                }
            }
            for (String rel : new String[] {"value", "count"}) {
                String op = t.tagString(rel);
                if (op != null && !RELATIONAL.contains(op.toLowerCase(java.util.Locale.ROOT))) {
                    throw new SieveException(t.line(), "unknown relational operator \"" + op + "\"");
                }
            }
            if (t.has("regex")) {
                Argument.Strings keys = (Argument.Strings) t.args().get(t.args().size() - 1);
                for (String key : keys.values()) {
                    if (!key.contains("${")) {
                        try {
                            Pattern.compile(key);
                        } catch (PatternSyntaxException e) {
                            throw new SieveException(t.line(), "invalid regular expression \"" + key + "\": "
                                    + e.getDescription());
                        }
                    }
                }
            }
        }

        private Call decode(Call c) {
            if (!encoded) {
                return c;
            }
            Map<String, Argument> tags = new HashMap<>();
            c.tags().forEach((k, v) -> tags.put(k, decode(v)));
            return new Call(c.name(), tags, c.args().stream().map(this::decode).toList(), c.tests(), c.block(),
                    c.line());
        }

        private Argument decode(Argument a) {
            return a instanceof Argument.Strings s
                    ? new Argument.Strings(s.values().stream().map(EncodedCharacter::decode).toList(), s.list())
                    : a;
        }
    }
}
