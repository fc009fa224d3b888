package dev.hermod.sieve.internal;

import java.util.List;

/** One argument of a command or test (RFC 5228 §2.6). */
sealed interface Argument permits Argument.Tag, Argument.Num, Argument.Strings {

    /** The value of a tag that takes no parameter, in {@link Call#tags()}. */
    Tag FLAG = new Tag("", 0);

    /**
     * A tagged argument, e.g. {@code :contains}.
     *
     * @param name the name without colon, lower case
     * @param line the script line
     */
    record Tag(String name, int line) implements Argument {
    }

    /**
     * A number, quantifier applied.
     *
     * @param value the value
     */
    record Num(long value) implements Argument {
    }

    /**
     * A string or a string list.
     *
     * @param values the strings, encoded characters already decoded; immutable
     * @param list   whether it was written as a list in brackets
     */
    record Strings(List<String> values, boolean list) implements Argument {
        public Strings {
            values = List.copyOf(values);
        }

        /** @return the only string */
        String single() {
            return values.get(0);
        }
    }
}
