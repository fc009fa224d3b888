/**
 * What Hermod knows about a message's content once it has been parsed at ingest: the
 * {@link dev.hermod.api.message.MessageSummary} with its {@link dev.hermod.api.message.MessageEnvelope},
 * {@link dev.hermod.api.message.MailAddress}es, top-level {@link dev.hermod.api.message.HeaderField}s and
 * body structure ({@link dev.hermod.api.message.BodyPart}, {@link dev.hermod.api.message.EmbeddedMessage}).
 *
 * <p>Protocols serve IMAP FETCH (ENVELOPE, BODYSTRUCTURE, {@code BODY[section]}, {@code BINARY.SIZE},
 * PREVIEW), SEARCH and SORT, and JMAP {@code Email/get} from a summary without parsing the raw message
 * again: {@link dev.hermod.api.mailbox.MailAccount#summary(dev.hermod.api.mail.MessageId)} returns it, and
 * a part's octets are a range read of the stored message
 * ({@link dev.hermod.api.mailbox.MailAccount#open(dev.hermod.api.mail.MessageId, long, long)} with the
 * part's offsets), because the store keeps every message byte for byte as it was received.
 *
 * <p>Part numbers follow IMAP section numbering (RFC 9051 §6.4.5) and double as JMAP {@code partId}s.
 *
 * <p>These are immutable value records: plug-ins and protocols build against this package alone; the
 * parser that produces summaries (bundle {@code dev.hermod.message}) is an implementation detail of the
 * core.
 */
@Export
@Version("1.0.0")
package dev.hermod.api.message;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
