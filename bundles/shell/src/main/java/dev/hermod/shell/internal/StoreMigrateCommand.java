package dev.hermod.shell.internal;

import dev.hermod.api.admin.MigrationReport;
import dev.hermod.api.admin.StorageAdmin;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code hermod:store-migrate}: copies every key, or every blob, from one bound provider to another. */
@Service
@Command(scope = "hermod", name = "store-migrate",
        description = "Copies every key (KeyValueStore) or blob (BlobStore) from one bound provider to another while the server runs, then verifies count and checksum. Resumes an interrupted run.")
public final class StoreMigrateCommand implements Action {

    @Reference(optional = true)
    StorageAdmin storage;

    @Option(name = "--from", required = true, description = "Name of the source provider, as hermod:status lists it")
    String from;

    @Option(name = "--to", required = true, description = "Name of the target provider, of the same kind")
    String to;

    @Option(name = "--restart", description = "Ignore the position saved by an interrupted run and start over")
    boolean restart;

    @Override
    public Object execute() {
        if (storage == null) {
            System.err.println("Hermod core is not running: start dev.hermod.core first.");
            return null;
        }
        ProgressBar bar = new ProgressBar(System.out);
        MigrationReport report;
        try {
            report = storage.migrate(from, to, restart, bar);
        } catch (IllegalArgumentException e) {
            bar.finish();
            System.err.println("store-migrate: " + e.getMessage());
            return null;
        } catch (RuntimeException e) {
            bar.finish();
            System.err.println("store-migrate stopped: " + e.getMessage()
                    + "\nThe position reached is saved: run the same command again to resume.");
            return null;
        }
        bar.finish();
        System.out.printf("%s %d %s copied from '%s' to '%s'%s%s%n", report.verified() ? "Done:" : "Copied:",
                report.copied(), report.source().kind() == StorageAdmin.Kind.BLOB ? "blobs" : "keys", from, to,
                report.removed() > 0 ? ", " + report.removed() + " stale keys removed" : "",
                report.resumed() ? " (resumed)" : "");
        System.out.printf("source %-14s %d entries, %s, sha256 %s%n", from, report.source().entries(),
                ProgressBar.bytes(report.source().bytes()), report.source().sha256());
        System.out.printf("target %-14s %d entries, %s, sha256 %s%n", to, report.target().entries(),
                ProgressBar.bytes(report.target().bytes()), report.target().sha256());
        System.out.println(report.verified() ? "Verified: the target matches the source."
                : "MISMATCH: the source changed while copying; run the command again to copy the rest.");
        return null;
    }
}
