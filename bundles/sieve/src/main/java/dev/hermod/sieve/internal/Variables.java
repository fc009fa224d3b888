package dev.hermod.sieve.internal;

import java.util.Locale;

/** The {@code set} command of the "variables" extension (RFC 5229 §4). */
final class Variables {

    private Variables() {
    }

    static void set(Run run, Call c, Run.Frame f) {
        String value = run.expand(c.strings(1).single(), f);
        // modifiers apply by precedence: 40 case, 30 first-letter case, 20 quoting, 10 length (RFC 5229 §4.1)
        if (c.has("lower")) {
            value = value.toLowerCase(Locale.ROOT);
        } else if (c.has("upper")) {
            value = value.toUpperCase(Locale.ROOT);
        }
        if (!value.isEmpty() && c.has("lowerfirst")) {
            value = value.substring(0, 1).toLowerCase(Locale.ROOT) + value.substring(1);
        } else if (!value.isEmpty() && c.has("upperfirst")) {
            value = value.substring(0, 1).toUpperCase(Locale.ROOT) + value.substring(1);
        }
        if (c.has("quotewildcard")) {
            value = value.replaceAll("([*?\\\\])", "\\\\$1");
        }
        if (c.has("quoteregex")) {
            value = value.replaceAll("([\\\\^$.\\[\\]|()?*+{}])", "\\\\$1");
        }
        if (c.has("length")) {
            value = Integer.toString(value.codePointCount(0, value.length()));
        }
        run.setVariable(c.strings(0).single(), value, f);
    }
}
