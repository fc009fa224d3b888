package dev.hermod.migration.internal;

import dev.hermod.api.admin.MigrationProgress;
import dev.hermod.api.mail.TemporaryFailureException;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.MailStore;
import dev.hermod.api.migration.ExportReport;
import dev.hermod.api.migration.ImapSource;
import dev.hermod.api.migration.ImportReport;
import dev.hermod.api.migration.MailMigration;
import dev.hermod.api.migration.MboxFormat;
import java.io.IOException;
import java.nio.file.Path;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MailMigration} over the core's {@link MailStore}. IMAP import positions are kept under
 * {@code <karaf.data>/hermod/imports}.
 */
@Component(service = MailMigration.class)
public final class MailMigrationComponent implements MailMigration {

    private static final Logger LOG = LoggerFactory.getLogger(MailMigrationComponent.class);

    private final MailStore store;
    private final ImportCursors cursors;

    @Activate
    public MailMigrationComponent(@Reference MailStore store, BundleContext context) {
        this(store, dataDirectory(context).resolve("hermod").resolve("imports"));
    }

    MailMigrationComponent(MailStore store, Path cursors) {
        this.store = store;
        this.cursors = new ImportCursors(cursors);
    }

    private static Path dataDirectory(BundleContext context) {
        String data = context.getProperty("karaf.data");
        return data != null ? Path.of(data) : context.getDataFile("").toPath();
    }

    @FunctionalInterface
    private interface Work {
        void run(ImportTarget target) throws IOException;
    }

    @FunctionalInterface
    private interface ExportWork {
        void run(MailAccount account, ExportCounter counter) throws IOException;
    }

    private ImportReport importing(String account, String what, MigrationProgress progress, Work work) {
        ImportTarget target = new ImportTarget(store.account(account), progress);
        try {
            work.run(target);
        } catch (IOException e) {
            throw new TemporaryFailureException("Import of " + what + " into " + account + " stopped after "
                    + target.report().messages() + " messages: " + e.getMessage(), e);
        }
        ImportReport report = target.report();
        LOG.info("Imported {} into {}: {} messages, {} bytes in {} ms, {} skipped", what, account, report.messages(),
                report.bytes(), report.elapsed().toMillis(), report.skipped());
        return report;
    }

    private ExportReport exporting(String account, Path where, MigrationProgress progress, ExportWork work) {
        MailAccount mail = store.account(account);
        ExportCounter counter = new ExportCounter(mail, progress);
        try {
            work.run(mail, counter);
        } catch (IOException e) {
            throw new TemporaryFailureException("Export of " + account + " to " + where + " failed: " + e.getMessage(), e);
        }
        return counter.report();
    }

    @Override
    public ImportReport importMaildir(String account, Path maildir, MigrationProgress progress) {
        return importing(account, "Maildir " + maildir, progress, t -> new MaildirImport(maildir, t).run());
    }

    @Override
    public ImportReport importMbox(String account, Path mbox, String mailbox, MboxFormat format, MigrationProgress progress) {
        return importing(account, "mbox " + mbox, progress, t -> new MboxImport(mbox, mailbox, format, t).run());
    }

    @Override
    public ImportReport importImap(String account, ImapSource source, MigrationProgress progress) {
        return importing(account, "IMAP " + source, progress, t -> new ImapImport(source, t, cursors).run());
    }

    @Override
    public ExportReport exportMaildir(String account, Path target, MigrationProgress progress) {
        return exporting(account, target, progress, (a, c) -> new MaildirExport(a, target, c).run());
    }

    @Override
    public ExportReport exportMbox(String account, Path target, MigrationProgress progress) {
        return exporting(account, target, progress, (a, c) -> new MboxExport(a, target, c).run());
    }
}
