/**
 * Moving mail in and out of Hermod, and backing the whole server up.
 *
 * <ul>
 *   <li>{@link dev.hermod.api.migration.MailMigration} imports an account's mail from a Maildir or Maildir++
 *       tree, an mbox file or a live IMAP server, and exports it to Maildir or mbox. Registered by the
 *       migration bundle ({@code dev.hermod.migration}).</li>
 *   <li>{@link dev.hermod.api.migration.ServerBackup} writes a consistent, versioned archive of the metadata
 *       store, the blobs it refers to and the files of every {@link dev.hermod.api.migration.BackupParticipant},
 *       and restores one into a fresh install on any store and blob backend. Registered by the core, which
 *       alone knows the store's key layout.</li>
 *   <li>{@link dev.hermod.api.migration.BackupParticipant} is implemented by bundles that keep state outside
 *       the two stores (the embedded SQLite directory, DKIM keys under {@code etc/}).</li>
 * </ul>
 *
 * <p>The Karaf shell ({@code hermod:import-*}, {@code hermod:export-*}, {@code hermod:backup},
 * {@code hermod:restore}), the admin HTTP API ({@code /admin/api}) and the {@code hermod-cli} command line
 * all call these services: there is one implementation behind every way in. Long operations report to a
 * {@link dev.hermod.api.admin.MigrationProgress} so that each front end draws its own progress bar.
 */
@Export
@Version("1.0.0")
package dev.hermod.api.migration;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
