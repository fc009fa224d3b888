/**
 * The directory SPI: who the users, groups and mailing lists are, which addresses reach them, and whether
 * their credentials are right.
 *
 * <p>A provider registers a {@link dev.hermod.api.directory.Directory} service with a
 * {@value dev.hermod.api.directory.Directory#NAME} property. Hermod ships SQL and LDAP providers.
 *
 * <p><b>The directory is the source of truth.</b> Hermod keeps no copy of accounts: the core asks the
 * directory at every login and delivery, and maps a principal's name to its internal
 * {@link dev.hermod.api.mail.AccountId}. A change in the directory (a new alias, a disabled user, a new
 * password) therefore shows at the next lookup. A provider may cache answers to spare its backend, but only
 * briefly (seconds to a few minutes), with the duration in its configuration, and never a failed
 * authentication as a success.
 */
@Export
@Version("1.0.0")
package dev.hermod.api.directory;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
