/**
 * Protocol listeners: each SMTP, LMTP, IMAP, POP3, ManageSieve or HTTP listener registers a
 * {@link dev.hermod.api.server.ProtocolServer} so that the core and the shell can report what
 * listens where.
 */
@Export
@Version("1.0.0")
package dev.hermod.api.server;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
