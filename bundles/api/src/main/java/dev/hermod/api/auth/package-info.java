/**
 * Authentication of protocol clients over the bound directory: SASL mechanisms (RFC 4422) and plain
 * user/password logins, with failed attempts limited per client address and per account. IMAP, POP3,
 * SMTP submission, ManageSieve and HTTP use the one {@link dev.hermod.api.auth.Authenticator} the core
 * registers, so a login behaves the same everywhere.
 */
@Export
@Version("1.0.0")
package dev.hermod.api.auth;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
