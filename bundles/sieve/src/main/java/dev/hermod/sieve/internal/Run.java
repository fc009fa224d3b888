package dev.hermod.sieve.internal;

import dev.hermod.api.filter.HeaderChange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The state of one run of a script: variables, flags, the edited header and the actions so far. */
final class Run {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*|[0-9]+)\\}");
    private static final Set<String> PROTECTED = Set.of("received", "auto-submitted");
    /** How long a {@code kvset} key lives without {@code :seconds}: 30 days. */
    static final long KV_SECONDS = 30L * 86400;

    /** Ends the whole run ({@code stop}). */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop() {
            super(null, null, false, false);
        }
    }

    /** Ends the current script ({@code return}, RFC 6609 §3.3). */
    private static final class Return extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Return() {
            super(null, null, false, false);
        }
    }

    /** One script's scope: its local variables and match variables (RFC 6609 §3.4). */
    static final class Frame {
        final SieveScript script;
        final Map<String, String> locals = new HashMap<>();
        final Set<String> globalNames = new HashSet<>();
        List<String> matchVariables = List.of();

        Frame(SieveScript script) {
            this.script = script;
        }

        boolean variables() {
            return script.extensions().contains("variables");
        }
    }

    final SieveLimits limits;
    final SieveEnvironment env;
    final SieveMessage message;
    final List<SieveMessage.HeaderField> headers;
    private final Map<String, String> globals = new HashMap<>();
    private final List<SieveAction> actions = new ArrayList<>();
    private final List<HeaderChange> changes = new ArrayList<>();
    private final Map<String, SieveResult.DuplicateMark> duplicates = new LinkedHashMap<>();
    private final Set<String> includedOnce = new HashSet<>();
    List<String> flags = new ArrayList<>();
    private boolean implicitKeep = true;
    private int steps;
    private int redirects;
    private int depth;

    Run(SieveLimits limits, SieveEnvironment env, SieveMessage message) {
        this.limits = limits;
        this.env = env;
        this.message = message;
        this.headers = new ArrayList<>(message.headers());
    }

    SieveResult execute(SieveScript script) {
        try {
            runScript(script);
        } catch (Stop | Return e) {
            // stop, or return at the top level, ends the run normally
        }
        checkConflicts();
        List<SieveAction> all = new ArrayList<>(actions);
        if (implicitKeep) {
            all.add(new SieveAction.Keep(flags, true));
        }
        return new SieveResult(all, changes, List.copyOf(duplicates.values()), null);
    }

    private void runScript(SieveScript script) {
        block(script.commands(), new Frame(script));
    }

    void step() {
        if (++steps > limits.maxSteps()) {
            throw new SieveRuntimeException("the script ran more than " + limits.maxSteps() + " steps");
        }
    }

    private void block(List<Call> commands, Frame f) {
        boolean taken = false;
        for (Call c : commands) {
            step();
            switch (c.name()) {
                case "if" -> {
                    taken = Tests.test(this, c.tests().get(0), f);
                    if (taken) {
                        block(c.block(), f);
                    }
                }
                case "elsif" -> {
                    if (!taken) {
                        taken = Tests.test(this, c.tests().get(0), f);
                        if (taken) {
                            block(c.block(), f);
                        }
                    }
                }
                case "else" -> {
                    if (!taken) {
                        block(c.block(), f);
                    }
                }
                default -> command(c, f);
            }
        }
    }

    private void command(Call c, Frame f) {
        switch (c.name()) {
            case "stop" -> throw new Stop();
            case "return" -> throw new Return();
            case "keep" -> {
                add(new SieveAction.Keep(actionFlags(c, f), false));
                implicitKeep = false;
            }
            case "discard" -> {
                add(new SieveAction.Discard());
                implicitKeep = false;
            }
            case "redirect" -> {
                String address = expand(c.strings(0).single(), f).strip();
                if (address.isEmpty() || !address.contains("@")) {
                    throw new SieveRuntimeException("line " + c.line() + ": redirect needs an address, not \""
                            + address + "\"");
                }
                if (actions.stream().noneMatch(a -> a instanceof SieveAction.Redirect r
                        && r.address().equalsIgnoreCase(address))) {
                    if (++redirects > limits.maxRedirects()) {
                        throw new SieveRuntimeException("more than " + limits.maxRedirects() + " redirects");
                    }
                }
                add(new SieveAction.Redirect(address, c.has("copy")));
                implicitKeep &= c.has("copy");
            }
            case "fileinto" -> {
                String mailbox = expand(c.strings(0).single(), f);
                if (mailbox.isEmpty()) {
                    throw new SieveRuntimeException("line " + c.line() + ": fileinto needs a mailbox name");
                }
                add(new SieveAction.FileInto(mailbox, actionFlags(c, f), c.has("copy"), c.has("create")));
                implicitKeep &= c.has("copy");
            }
            case "reject", "ereject" -> {
                add(new SieveAction.Reject(expand(c.strings(0).single(), f), c.name().equals("ereject")));
                implicitKeep = false;
            }
            case "defer" -> {
                add(new SieveAction.Defer(expand(c.strings(0).single(), f)));
                implicitKeep = false;
            }
            case "kvset" -> {
                // recorded at once, so that a later kvage of the same run sees it
                String key = expand(c.strings(0).single(), f);
                state(c).touch(key, java.time.Duration.ofSeconds(c.tagNumber("seconds", KV_SECONDS)));
            }
            case "vacation" -> vacation(c, f);
            case "notify" -> notify(c, f);
            case "setflag", "addflag", "removeflag" -> Flags.command(this, c, f);
            case "set" -> Variables.set(this, c, f);
            case "addheader" -> addHeader(c, f);
            case "deleteheader" -> deleteHeader(c, f);
            case "include" -> include(c, f);
            case "global" -> {
                for (String name : c.strings(0).values()) {
                    f.globalNames.add(expand(name, f).toLowerCase(Locale.ROOT));
                }
            }
            default -> throw new SieveRuntimeException("line " + c.line() + ": cannot run '" + c.name() + "'");
        }
    }

    /** The filter state for the {@code vnd.hermod.kv} extension; a run without one fails. */
    dev.hermod.api.filter.FilterState state(Call c) {
        if (env.state() == null) {
            throw new SieveRuntimeException("line " + c.line() + ": '" + c.name() + "' has no filter state here");
        }
        return env.state();
    }

    private List<String> actionFlags(Call c, Frame f) {
        Argument.Strings given = c.tagStrings("flags");
        return given == null ? List.copyOf(flags) : Flags.normalize(expandAll(given.values(), f));
    }

    private void add(SieveAction action) {
        // RFC 5228 §2.10.3: the same mailbox or address only once
        for (int i = 0; i < actions.size(); i++) {
            SieveAction a = actions.get(i);
            if (a instanceof SieveAction.Keep k && action instanceof SieveAction.Keep n) {
                actions.set(i, new SieveAction.Keep(Flags.union(k.flags(), n.flags()), false));
                return;
            }
            if (a instanceof SieveAction.FileInto x && action instanceof SieveAction.FileInto y
                    && x.mailbox().equals(y.mailbox())) {
                actions.set(i, new SieveAction.FileInto(x.mailbox(), Flags.union(x.flags(), y.flags()),
                        x.copy() && y.copy(), x.create() || y.create()));
                return;
            }
            if (a instanceof SieveAction.Redirect x && action instanceof SieveAction.Redirect y
                    && x.address().equalsIgnoreCase(y.address())) {
                return;
            }
            if (a instanceof SieveAction.Discard && action instanceof SieveAction.Discard) {
                return;
            }
            if (a instanceof SieveAction.Defer && action instanceof SieveAction.Defer) {
                return; // the first reason stands
            }
            if (a instanceof SieveAction.Vacation && action instanceof SieveAction.Vacation) {
                throw new SieveRuntimeException("only one vacation action per run (RFC 5230 §4.7)");
            }
            if (a instanceof SieveAction.Reject && action instanceof SieveAction.Reject) {
                throw new SieveRuntimeException("only one reject action per run (RFC 5429 §2.1)");
            }
        }
        if (actions.size() >= limits.maxActions()) {
            throw new SieveRuntimeException("more than " + limits.maxActions() + " actions");
        }
        actions.add(action);
    }

    /** RFC 5429 §2.1: reject and ereject cannot be combined with actions that deliver the message. */
    private void checkConflicts() {
        boolean reject = actions.stream().anyMatch(a -> a instanceof SieveAction.Reject);
        boolean delivers = actions.stream().anyMatch(a -> a instanceof SieveAction.Keep
                || a instanceof SieveAction.FileInto || a instanceof SieveAction.Redirect);
        if (reject && delivers) {
            throw new SieveRuntimeException("reject cannot be combined with keep, fileinto or redirect "
                    + "(RFC 5429 §2.1)");
        }
    }

    private void vacation(Call c, Frame f) {
        String reason = expand(c.strings(0).single(), f);
        String subject = c.tagString("subject") == null ? null : expand(c.tagString("subject"), f);
        String from = c.tagString("from") == null ? null : expand(c.tagString("from"), f);
        List<String> addresses = c.tagStrings("addresses") == null ? List.of()
                : expandAll(c.tagStrings("addresses").values(), f);
        long seconds = c.has("seconds") ? c.tagNumber("seconds", 0)
                : Math.max(1, c.tagNumber("days", 7)) * 86400L;
        String handle = c.tagString("handle") != null ? expand(c.tagString("handle"), f)
                : reason + (subject == null ? "<default-subject>" : subject)
                        + (from == null ? "<default-from>" : from) + (c.has("mime") ? "<MIME>" : "<NO-MIME>");
        add(new SieveAction.Vacation(message.envelopeFrom(), reason, subject, from, addresses, c.has("mime"),
                seconds, handle));
    }

    /** RFC 5435 §3: only valid methods; this server knows mailto (RFC 5436). */
    private void notify(Call c, Frame f) {
        String method = expand(c.strings(0).single(), f);
        if (!Notifications.valid(method)) {
            throw new SieveRuntimeException("line " + c.line() + ": notify: unsupported or invalid method " + method);
        }
        String importance = c.tagString("importance") == null ? "2" : expand(c.tagString("importance"), f);
        if (!importance.matches("[123]")) {
            throw new SieveRuntimeException("line " + c.line() + ": notify: :importance must be 1, 2 or 3");
        }
        add(new SieveAction.Notify(method, c.tagString("from") == null ? null : expand(c.tagString("from"), f),
                importance, c.tagString("message") == null ? null : expand(c.tagString("message"), f)));
    }

    private void countEdit() {
        if (changes.size() >= limits.maxHeaderEdits()) {
            throw new SieveRuntimeException("more than " + limits.maxHeaderEdits() + " header edits");
        }
    }

    private void addHeader(Call c, Frame f) {
        String name = expand(c.strings(0).single(), f);
        String value = expand(c.strings(1).single(), f).replaceAll("\r?\n[ \t]*", " ");
        countEdit();
        HeaderChange change;
        try {
            change = c.has("last") ? HeaderChange.addLast(name, value) : HeaderChange.addFirst(name, value);
        } catch (IllegalArgumentException e) {
            throw new SieveRuntimeException("line " + c.line() + ": addheader: " + e.getMessage());
        }
        if (PROTECTED.contains(name.toLowerCase(Locale.ROOT))) {
            return; // RFC 5293 §9: trace fields stay as the server wrote them
        }
        changes.add(change);
        SieveMessage.HeaderField field = new SieveMessage.HeaderField(name, value);
        if (c.has("last")) {
            headers.add(field);
        } else {
            headers.add(0, field);
        }
    }

    private void deleteHeader(Call c, Frame f) {
        String name = expand(c.strings(0).single(), f);
        if (PROTECTED.contains(name.toLowerCase(Locale.ROOT))) {
            return;
        }
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).name().equalsIgnoreCase(name)) {
                positions.add(i);
            }
        }
        List<Integer> occurrences = new ArrayList<>(); // 1-based among the fields of this name
        long index = c.tagNumber("index", 0);
        for (int k = 0; k < positions.size(); k++) {
            int occurrence = k + 1;
            if (index > 0 && (c.has("last") ? positions.size() - k : occurrence) != index) {
                continue;
            }
            if (c.args().size() > 1) {
                String value = Tests.decode(headers.get(positions.get(k)).value());
                if (Matching.of(c).match(List.of(value), expandAll(c.strings(1).values(), f)) == null) {
                    continue;
                }
            }
            occurrences.add(occurrence);
        }
        if (occurrences.isEmpty()) {
            return;
        }
        countEdit();
        if (occurrences.size() == positions.size()) {
            changes.add(HeaderChange.remove(name));
        } else {
            for (int k = occurrences.size() - 1; k >= 0; k--) {
                changes.add(HeaderChange.remove(name, occurrences.get(k)));
            }
        }
        for (int k = occurrences.size() - 1; k >= 0; k--) {
            headers.remove((int) positions.get(occurrences.get(k) - 1));
        }
    }

    private void include(Call c, Frame f) {
        String name = expand(c.strings(0).single(), f);
        boolean global = c.has("global");
        String id = (global ? "global:" : "personal:") + name;
        if (c.has("once") && includedOnce.contains(id)) {
            return;
        }
        if (depth >= limits.maxIncludeDepth()) {
            throw new SieveRuntimeException("includes nested deeper than " + limits.maxIncludeDepth());
        }
        SieveScript included = env.includes().resolve(global, name);
        if (included == null) {
            if (c.has("optional")) {
                return;
            }
            throw new SieveRuntimeException("line " + c.line() + ": included script \"" + name + "\" not found");
        }
        includedOnce.add(id);
        depth++;
        try {
            runScript(included);
        } catch (Return r) {
            // back to the including script
        } finally {
            depth--;
        }
    }

    /** Records a duplicate tracking key (RFC 7352); recorded by the caller only if the run succeeds. */
    void markDuplicate(String key, long seconds) {
        duplicates.put(key, new SieveResult.DuplicateMark(key, seconds));
    }

    String variable(String name, Frame f) {
        String n = name.toLowerCase(Locale.ROOT);
        if (Character.isDigit(n.charAt(0))) {
            int i = Integer.parseInt(n);
            return i < f.matchVariables.size() ? f.matchVariables.get(i) : "";
        }
        String v = f.globalNames.contains(n) ? globals.get(n) : f.locals.get(n);
        return v == null ? "" : v;
    }

    void setVariable(String name, String value, Frame f) {
        String n = name.toLowerCase(Locale.ROOT);
        if (f.globalNames.contains(n)) {
            globals.put(n, value);
        } else {
            f.locals.put(n, value);
        }
    }

    /** Replaces {@code ${name}} and {@code ${digit}} when the script requires "variables" (RFC 5229 §3). */
    String expand(String s, Frame f) {
        if (!f.variables() || !s.contains("${")) {
            return s;
        }
        Matcher m = VARIABLE.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(variable(m.group(1), f)));
        }
        m.appendTail(out);
        return out.toString();
    }

    List<String> expandAll(List<String> values, Frame f) {
        List<String> out = new ArrayList<>(values.size());
        for (String v : values) {
            out.add(expand(v, f));
        }
        return out;
    }
}
