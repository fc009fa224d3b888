/**
 * What the protocol listener bundles (SMTP, IMAP, ManageSieve, HTTP) share: {@link dev.hermod.net.support.TlsContexts},
 * the server TLS context from PEM files or a self-signed certificate made once and kept in {@code etc/tls/};
 * {@link dev.hermod.net.support.NettyListener}, the bound socket and its event loops;
 * {@link dev.hermod.net.support.ConnectionLimiter}, the per-address connection limit;
 * {@link dev.hermod.net.support.SerialExecutor}, one connection's tasks in order on a shared pool;
 * {@link dev.hermod.net.support.LineFramer}, command lines passed on one at a time (POP3, ManageSieve);
 * {@link dev.hermod.net.support.WorkerPools} and {@link dev.hermod.net.support.ListenerNames}.
 * A library for Hermod's own bundles, not part of the plug-in API.
 */
@Export
@Version("1.0.0")
package dev.hermod.net.support;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
