package dev.hermod.shell.internal;

import dev.hermod.api.outbound.OutboundQueue;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code hermod:queue-flush}: every waiting entry is tried now. */
@Service
@Command(scope = "hermod", name = "queue-flush",
        description = "Makes every waiting outbound queue entry due now, as if its next retry time had come.")
public final class QueueFlushCommand implements Action {

    @Reference(optional = true)
    OutboundQueue queue;

    @Override
    public Object execute() {
        if (!QueueSupport.missing(queue)) {
            int n = queue.flush();
            System.out.println(n == 1 ? "1 entry is due now." : n + " entries are due now.");
        }
        return null;
    }
}
