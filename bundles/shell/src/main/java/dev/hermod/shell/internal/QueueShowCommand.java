package dev.hermod.shell.internal;

import dev.hermod.api.outbound.OutboundQueue;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code hermod:queue-show <id>}: one entry with each recipient's state and last reply. */
@Service
@Command(scope = "hermod", name = "queue-show",
        description = "Shows an outbound queue entry with each recipient's state and last reply.")
public final class QueueShowCommand implements Action {

    @Reference(optional = true)
    OutboundQueue queue;

    @Argument(index = 0, name = "id", required = true, description = "The entry's id, as hermod:queue-list shows it")
    String id;

    @Override
    public Object execute() {
        if (!QueueSupport.missing(queue)) {
            System.out.print(queue.get(id).map(QueueSupport::show)
                    .orElse("No queue entry " + id + ": it was delivered, returned or removed.\n"));
        }
        return null;
    }
}
