package dev.hermod.sieve.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The "imap4flags" extension (RFC 5232): flag lists and the setflag, addflag and removeflag commands. */
final class Flags {

    private Flags() {
    }

    /** Splits at spaces, drops empty entries and case-insensitive duplicates (RFC 5232 §3). */
    static List<String> normalize(List<String> values) {
        return union(List.of(), values);
    }

    static List<String> union(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (List<String> list : List.of(a, b)) {
            for (String v : list) {
                for (String flag : v.split(" ")) {
                    if (!flag.isEmpty() && !seen.contains(flag.toLowerCase(Locale.ROOT))) {
                        seen.add(flag.toLowerCase(Locale.ROOT));
                        out.add(flag);
                    }
                }
            }
        }
        return out;
    }

    static void command(Run run, Call c, Run.Frame f) {
        boolean named = c.args().size() == 2;
        List<String> given = run.expandAll(c.strings(named ? 1 : 0).values(), f);
        List<String> current = named ? normalize(List.of(run.variable(c.strings(0).single(), f))) : run.flags;
        List<String> result = switch (c.name()) {
            case "setflag" -> normalize(given);
            case "addflag" -> union(current, given);
            default -> {
                List<String> remove = normalize(given).stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
                yield current.stream().filter(s -> !remove.contains(s.toLowerCase(Locale.ROOT))).toList();
            }
        };
        if (named) {
            run.setVariable(c.strings(0).single(), String.join(" ", result), f);
        } else {
            run.flags = new ArrayList<>(result);
        }
    }

    /** @return the flags {@code hasflag} looks at: of the named variables, or the internal variable */
    static List<String> of(Run run, Call t, Run.Frame f) {
        if (t.args().size() == 2) {
            List<String> values = new ArrayList<>();
            for (String name : t.strings(0).values()) {
                values.add(run.variable(run.expand(name, f), f));
            }
            return normalize(values);
        }
        return run.flags;
    }
}
