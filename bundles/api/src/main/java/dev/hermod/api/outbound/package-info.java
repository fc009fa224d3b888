/**
 * Mail leaving the server: the core's durable queue hands each message, per destination, to an
 * {@link dev.hermod.api.outbound.OutboundTransport} (SMTP to the destination's MX hosts or to a relay
 * host), and records per recipient what came of it.
 */
@Export
@Version("1.0.0")
package dev.hermod.api.outbound;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
