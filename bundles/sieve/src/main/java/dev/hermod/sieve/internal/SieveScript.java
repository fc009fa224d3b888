package dev.hermod.sieve.internal;

import java.util.List;
import java.util.Set;

/**
 * A compiled script: an immutable tree, checked once, safe to cache and to run from many threads at once.
 * Create it with {@link SieveCompiler#compile}; run it with {@link SieveInterpreter#run}.
 *
 * @param name       the name it was compiled under
 * @param extensions the capabilities it requires
 * @param commands   its commands, after the {@code require}s
 */
public record SieveScript(String name, Set<String> extensions, List<Call> commands) {

    /**
     * @param name       the name it was compiled under
     * @param extensions the capabilities it requires
     * @param commands   its commands, after the {@code require}s
     */
    public SieveScript {
        extensions = Set.copyOf(extensions);
        commands = List.copyOf(commands);
    }
}
