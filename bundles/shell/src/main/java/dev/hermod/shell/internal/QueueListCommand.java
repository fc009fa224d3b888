package dev.hermod.shell.internal;

import dev.hermod.api.outbound.OutboundQueue;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code hermod:queue-list}: the outbound queue's entries, oldest first. */
@Service
@Command(scope = "hermod", name = "queue-list",
        description = "Lists the outbound queue's entries, oldest first: size, attempts, next attempt, pending recipients.")
public final class QueueListCommand implements Action {

    @Reference(optional = true)
    OutboundQueue queue;

    @Override
    public Object execute() {
        if (!QueueSupport.missing(queue)) {
            System.out.print(QueueSupport.list(queue.list()));
        }
        return null;
    }
}
