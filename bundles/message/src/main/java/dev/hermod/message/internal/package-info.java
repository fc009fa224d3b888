/**
 * The parser behind {@link dev.hermod.message.MessageParser} and the codec behind
 * {@link dev.hermod.message.SummaryCodec}. Not exported.
 *
 * <p><b>Why a scanner of our own.</b> mime4j's {@code MimeTokenStream} consumes delimiter lines and the
 * empty line after a header inside nested buffers and never reports byte positions, and Hermod needs
 * exact offsets to serve {@code BODY[section]} and JMAP part blobs as range reads. So the structural walk
 * is {@link dev.hermod.message.internal.MimeScanner} (delimiters, RFC 2046 §5.1.1) over
 * {@link dev.hermod.message.internal.RawInput} (positions), and mime4j does the rest: field tokenizing
 * and parameters, addresses, dates, encoded words, Content-Language and Content-Location, base64 and
 * quoted-printable decoding, charset names.
 *
 * <p><b>Flow.</b> {@link dev.hermod.message.internal.Summarizer} reads each entity's header with
 * {@link dev.hermod.message.internal.HeaderReader} (one field in memory at a time), collects the MIME
 * fields ({@link dev.hermod.message.internal.PartFields}) and, for messages, the envelope fields
 * ({@link dev.hermod.message.internal.EnvelopeFields}); then splits a multipart, descends into a message,
 * or streams a leaf through {@link dev.hermod.message.internal.LeafReader}, counting octets and lines and
 * decoding a bounded amount of text for the preview and the index. JMAP's body selection
 * ({@link dev.hermod.message.internal.BodySelection}) and the preview are computed from the finished tree.
 *
 * <p><b>Degrading.</b> Nothing in a message makes the parse fail: an unparseable field counts as absent,
 * a multipart without a usable boundary or delimiter becomes one {@code text/plain} part, parts past the
 * depth or count limits become opaque, undecodable octets are replaced. Should a defect in this code
 * still throw, the summary falls back to one opaque part with exact size.
 */
package dev.hermod.message.internal;
