/**
 * What the protocol listener bundles (SMTP, IMAP, ManageSieve) share: {@link dev.hermod.net.support.TlsContexts},
 * the server TLS context from PEM files or a self-signed certificate made once and kept in {@code etc/tls/}.
 * A library for Hermod's own bundles, not part of the plug-in API.
 */
@Export
@Version("1.0.0")
package dev.hermod.net.support;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
