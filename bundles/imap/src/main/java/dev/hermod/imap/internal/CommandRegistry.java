package dev.hermod.imap.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The processors by command name; one registry serves every session of a listener. */
final class CommandRegistry {

    /** The commands that have a UID form (RFC 9051 §6.4.9, RFC 4315, RFC 6851). */
    static final Set<String> UID_COMMANDS = Set.of("FETCH", "STORE", "COPY", "MOVE", "SEARCH", "EXPUNGE", "SORT", "THREAD");

    private final Map<String, Processor> byName = new HashMap<>();

    CommandRegistry(List<Processor> processors) {
        for (Processor p : processors) {
            for (String name : p.commands()) {
                if (byName.put(name, p) != null) {
                    throw new IllegalArgumentException("two processors for " + name);
                }
            }
        }
    }

    /** Every command Hermod implements. */
    static CommandRegistry standard() {
        List<Processor> processors = new java.util.ArrayList<>(List.of(new AnyStateProcessor(), new AuthProcessor(),
                new MailboxProcessor(), new ListProcessor(), new SelectProcessor(), new AppendProcessor(),
                new FetchProcessor(), new StoreProcessor(), new SearchProcessor(), new ExpungeProcessor(),
                new CopyProcessor(), new IdleProcessor(), new SortProcessor(), new QuotaProcessor(),
                new ThreadProcessor()));
        if (CompressProcessor.AVAILABLE) {
            processors.add(new CompressProcessor());
        }
        return new CommandRegistry(processors);
    }

    /** @return the processor for a command name (upper case), or {@code null} */
    Processor processor(String name) {
        return byName.get(name);
    }
}
