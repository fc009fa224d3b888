package dev.hermod.shell.internal;

import dev.hermod.api.admin.PlatformStatus;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code hermod:status}: the providers bound for each SPI, the one in use, and the listeners. */
@Service
@Command(scope = "hermod", name = "status",
        description = "Shows, for each SPI, the providers bound now and the one in use, and the protocol listeners.")
public final class StatusCommand implements Action {

    @Reference(optional = true)
    PlatformStatus status;

    @Option(name = "--spi", description = "Show only this SPI, e.g. BlobStore")
    String spi;

    @Override
    public Object execute() {
        if (status == null) {
            System.out.println("Hermod core is not running: start the dev.hermod.core bundle"
                    + " (feature:install hermod-core, or bundle:start dev.hermod.core).");
            return null;
        }
        System.out.print(StatusFormatter.format(status, spi));
        return null;
    }
}
