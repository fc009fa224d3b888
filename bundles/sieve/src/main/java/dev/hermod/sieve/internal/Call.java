package dev.hermod.sieve.internal;

import java.util.List;
import java.util.Map;

/**
 * A command or test of a compiled script: one immutable node of the tree.
 *
 * @param name  the identifier, lower case
 * @param tags  the tagged arguments by name without colon: their parameter, or {@link Argument#FLAG};
 *              empty before validation
 * @param args  the positional arguments (before validation: all arguments, tags included)
 * @param tests the tests: one for {@code if}, {@code elsif} and {@code not}, several for {@code anyof} and
 *              {@code allof}
 * @param block the commands of the block, or {@code null} if the command ends with {@code ;}
 * @param line  the script line
 */
record Call(String name, Map<String, Argument> tags, List<Argument> args, List<Call> tests, List<Call> block,
            int line) {

    public Call {
        tags = Map.copyOf(tags);
        args = List.copyOf(args);
        tests = List.copyOf(tests);
        block = block == null ? null : List.copyOf(block);
    }

    boolean has(String tag) {
        return tags.containsKey(tag);
    }

    Argument.Strings strings(int index) {
        return (Argument.Strings) args.get(index);
    }

    String tagString(String tag) {
        return tags.get(tag) instanceof Argument.Strings s ? s.single() : null;
    }

    Argument.Strings tagStrings(String tag) {
        return tags.get(tag) instanceof Argument.Strings s ? s : null;
    }

    long tagNumber(String tag, long absent) {
        return tags.get(tag) instanceof Argument.Num n ? n.value() : absent;
    }
}
