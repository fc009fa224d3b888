package dev.hermod.shell.internal;

import dev.hermod.api.mailbox.MailboxException;
import java.util.function.Function;

/** Runs an import, export, backup or restore with a progress bar, and prints its report or what went wrong. */
final class MigrationCommand {

    @FunctionalInterface
    interface Work<T> {
        T run(ProgressBar progress) throws Exception;
    }

    private MigrationCommand() {
    }

    static <T> Object run(String command, Object service, Work<T> work, Function<T, String> report) {
        if (service == null) {
            System.err.println(command + ": the migration service is not running; install the feature hermod-migration"
                    + " and make sure dev.hermod.core is active.");
            return null;
        }
        ProgressBar bar = new ProgressBar(System.out);
        try {
            T result = work.run(bar);
            bar.finish();
            System.out.println(report.apply(result));
        } catch (MailboxException | IllegalArgumentException | IllegalStateException e) {
            bar.finish();
            System.err.println(command + ": " + e.getMessage());
        } catch (Exception e) {
            bar.finish();
            System.err.println(command + " stopped: " + e.getMessage());
        }
        return null;
    }
}
