/**
 * Values shared by every Hermod SPI: mail addresses and SMTP paths, the SMTP envelope, SMTP replies,
 * mailbox roles, the store's identifiers, and the two kinds of failure.
 *
 * <p>Everything here is an immutable, thread-safe value (records and enums) or an exception; nothing
 * is a service. Record constructors validate their arguments and throw {@link
 * java.lang.NullPointerException} for a missing required component and {@link
 * java.lang.IllegalArgumentException} for a malformed one, with a message that says which.
 *
 * <h2>Failures</h2>
 * Every SPI reports failures the same way so that each protocol can answer correctly:
 * <ul>
 *   <li>{@link dev.hermod.api.mail.TemporaryFailureException} — a backend is unavailable or overloaded
 *       and the same request may succeed later: SMTP {@code 4xx}, IMAP {@code NO [UNAVAILABLE]}, JMAP
 *       {@code serverUnavailable}. Nothing accepted is lost.</li>
 *   <li>{@link dev.hermod.api.mail.PermanentFailureException} — the request cannot succeed as made:
 *       SMTP {@code 5xx}, IMAP {@code NO}, JMAP {@code serverFail} or a more specific error.</li>
 * </ul>
 * Plug-ins must never report an outage as "not found" or "wrong password": a directory that cannot reach
 * its LDAP server throws {@code TemporaryFailureException}, otherwise mail bounces.
 */
@Export
@Version("1.0.0")
package dev.hermod.api.mail;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
