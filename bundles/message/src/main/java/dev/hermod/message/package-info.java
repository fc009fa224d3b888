/**
 * Message parsing: a raw RFC 5322 message is parsed once, at ingest, into a compact
 * {@link dev.hermod.api.message.MessageSummary} from which IMAP FETCH (ENVELOPE, BODYSTRUCTURE,
 * {@code BODY[section]}, {@code BINARY.SIZE}, PREVIEW), SEARCH and SORT, JMAP {@code Email/get} and
 * threading are served without parsing the raw bytes again. The summary's value types live in the API
 * package {@code dev.hermod.api.message}, so that protocols and third parties depend on the API alone;
 * this package holds what makes and stores them.
 *
 * <ul>
 *   <li>{@link dev.hermod.message.MessageParser} reads a raw message as a stream and returns its summary;
 *       it never fails on malformed content, only when the stream itself cannot be read.</li>
 *   <li>{@link dev.hermod.message.SummaryCodec} turns a summary into compact, versioned bytes for the
 *       metadata store and back.</li>
 *   <li>{@link dev.hermod.message.TextSink} receives the decoded text of the text parts during a parse,
 *       for a full-text index, within {@link dev.hermod.message.ParserLimits}.</li>
 *   <li>{@link dev.hermod.api.message.BodyPart} records byte offsets into the raw message, so a
 *       {@code BODY[1.2]}, {@code BODY[1.2.MIME]} or JMAP part blob is a range read of the stored blob.</li>
 * </ul>
 *
 * <p>Part numbers follow IMAP section numbering (RFC 9051 §6.4.5) and double as JMAP {@code partId}s.
 */
@Export
@Version("1.0.0")
package dev.hermod.message;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
