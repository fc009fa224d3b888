package dev.hermod.shell.internal;

import dev.hermod.api.outbound.OutboundQueue;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code hermod:queue-remove <id>}: drops an entry without delivering it and without telling the sender. */
@Service
@Command(scope = "hermod", name = "queue-remove",
        description = "Removes an outbound queue entry without delivering it and without a notice to the sender.")
public final class QueueRemoveCommand implements Action {

    @Reference(optional = true)
    OutboundQueue queue;

    @Argument(index = 0, name = "id", required = true, description = "The entry's id, as hermod:queue-list shows it")
    String id;

    @Override
    public Object execute() {
        if (!QueueSupport.missing(queue)) {
            System.out.println(queue.remove(id) ? "Removed queue entry " + id + "."
                    : "No queue entry " + id + ": it was delivered, returned or removed.");
        }
        return null;
    }
}
