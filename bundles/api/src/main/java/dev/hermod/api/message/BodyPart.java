package dev.hermod.api.message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One MIME entity of a message: what IMAP's BODYSTRUCTURE (RFC 9051 §7.5.2) and JMAP's
 * {@code EmailBodyPart} (RFC 8621 §4.1.4) report, and where its octets lie in the raw message.
 *
 * <p><b>Numbering.</b> {@link #partId()} is the IMAP section number (RFC 9051 §6.4.5) and serves as the
 * JMAP {@code partId}. The top-level entity of a message is numbered {@code ""} when it is a multipart
 * (its parts are {@code 1}, {@code 2}, …) and {@code 1} otherwise (a single-part message's only part is
 * {@code 1}). A multipart's parts append {@code .1}, {@code .2}, …; a {@code message/rfc822} part
 * {@code n} carries its message in {@link #message()}, whose top-level entity is numbered like a
 * message's but beneath {@code n}: {@code n} (a multipart, parts {@code n.1}, {@code n.2}, …) or
 * {@code n.1}. A multipart's number is therefore only a prefix for its parts and not an address of its
 * own; JMAP reports {@code partId: null} for multiparts.
 *
 * <p><b>Offsets.</b> The entity's header is the range {@code [headerStart, bodyStart)} of the raw message,
 * including the empty line that ends it ({@code BODY[n.MIME]}, or the message header for the top-level
 * entity); its body, still transfer-encoded, is {@code [bodyStart, bodyEnd)} ({@code BODY[n]}). The line
 * break before a multipart delimiter belongs to the delimiter (RFC 2046 §5.1.1) and so to no part. A
 * {@code BINARY[n]} fetch decodes that range with the part's {@link #encoding()}.
 *
 * <p><b>Shape.</b> {@link #children()} is non-empty exactly when the type is {@code multipart}: a
 * multipart that could not be split is reported as a single part, as {@code text/plain} when it has no
 * usable boundary or no delimiter was found (RFC 2045 §5.2, RFC 2046 §5.1.1), and as
 * {@code application/octet-stream} when the parser's depth or part limit stopped it. {@link #message()} is
 * set only for a {@code message/rfc822} or {@code message/global} part whose content could be parsed in
 * place (transfer encoding 7bit, 8bit or binary, within the limits); IMAP encodes a message part without
 * it as a basic body.
 *
 * @param partId                the section number, as above; never {@code null}
 * @param type                  the media type, lower case ({@code text} when the header has none, or
 *                              {@code message} in a {@code multipart/digest}); never {@code null}
 * @param subtype               the media subtype, lower case; never {@code null}
 * @param parameters            the Content-Type parameters, names in lower case, RFC 2231 continuations
 *                              and charsets decoded, in header order; unmodifiable, never {@code null}
 * @param contentId             the Content-ID value as written, trimmed, or {@code null}
 * @param description           the Content-Description value, unfolded and trimmed, encoded words not
 *                              decoded, or {@code null}
 * @param encoding              the Content-Transfer-Encoding, lower case; {@code 7bit} when absent
 * @param lines                 the body's size in text lines: its line feeds, plus one when it does not
 *                              end with one and is not empty
 * @param decodedSize           the body's size once its transfer encoding is decoded (IMAP
 *                              {@code BINARY.SIZE}, RFC 3516), or -1 for a multipart or message with parts
 *                              and for an encoding the parser does not know
 * @param md5                   the Content-MD5 value as written, or {@code null}
 * @param disposition           the Content-Disposition type, lower case, or {@code null}
 * @param dispositionParameters the Content-Disposition parameters as for {@code parameters}; never
 *                              {@code null}
 * @param language              the Content-Language tags; empty when absent, never {@code null}
 * @param location              the Content-Location URI, or {@code null}
 * @param charset               the {@code charset} parameter as written, {@code us-ascii} for a
 *                              {@code text} part without one, otherwise {@code null}
 * @param name                  the file name: the disposition's {@code filename}, else the Content-Type
 *                              {@code name}, RFC 2231 and RFC 2047 decoded; or {@code null}
 * @param headerStart           offset of the entity's first header octet in the raw message
 * @param bodyStart             offset of the body's first octet (just past the header's empty line)
 * @param bodyEnd               offset just past the body's last octet
 * @param children              a multipart's parts in order; empty otherwise; unmodifiable, never
 *                              {@code null}
 * @param message               the embedded message of a {@code message/rfc822} or {@code message/global}
 *                              part, or {@code null}
 */
public record BodyPart(String partId, String type, String subtype, Map<String, String> parameters,
                       String contentId, String description, String encoding, long lines, long decodedSize,
                       String md5, String disposition, Map<String, String> dispositionParameters,
                       List<String> language, String location, String charset, String name,
                       long headerStart, long bodyStart, long bodyEnd, List<BodyPart> children,
                       EmbeddedMessage message) {

    /**
     * Checks the components and copies the collections.
     *
     * @param partId                see the record description
     * @param type                  see the record description
     * @param subtype               see the record description
     * @param parameters            see the record description
     * @param contentId             see the record description
     * @param description           see the record description
     * @param encoding              see the record description
     * @param lines                 see the record description
     * @param decodedSize           see the record description
     * @param md5                   see the record description
     * @param disposition           see the record description
     * @param dispositionParameters see the record description
     * @param language              see the record description
     * @param location              see the record description
     * @param charset               see the record description
     * @param name                  see the record description
     * @param headerStart           see the record description
     * @param bodyStart             see the record description
     * @param bodyEnd               see the record description
     * @param children              see the record description
     * @param message               see the record description
     * @throws IllegalArgumentException when the offsets are not ordered
     */
    public BodyPart {
        Objects.requireNonNull(partId, "partId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subtype, "subtype");
        Objects.requireNonNull(encoding, "encoding");
        parameters = copy(parameters);
        dispositionParameters = copy(dispositionParameters);
        language = language == null ? List.of() : List.copyOf(language);
        children = children == null ? List.of() : List.copyOf(children);
        if (headerStart < 0 || bodyStart < headerStart || bodyEnd < bodyStart) {
            throw new IllegalArgumentException(
                    "offsets out of order: " + headerStart + ", " + bodyStart + ", " + bodyEnd);
        }
    }

    private static Map<String, String> copy(Map<String, String> map) {
        return map == null || map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /**
     * The body's size in octets as it lies in the raw message, transfer-encoded (IMAP body-fld-octets,
     * JMAP {@code size} of a part is {@link #decodedSize()} where known).
     *
     * @return {@code bodyEnd - bodyStart}
     */
    public long size() {
        return bodyEnd - bodyStart;
    }

    /**
     * The media type without parameters.
     *
     * @return {@code type/subtype}, lower case
     */
    public String mimeType() {
        return type + "/" + subtype;
    }

    /**
     * Whether this is a multipart with parts.
     *
     * @return {@code true} when {@link #children()} is not empty
     */
    public boolean isMultipart() {
        return !children.isEmpty();
    }

    /**
     * The Content-ID without its angle brackets, as JMAP's {@code cid}.
     *
     * @return the identifier, or {@code null} when there is no Content-ID
     */
    public String cid() {
        if (contentId == null) {
            return null;
        }
        String id = contentId.trim();
        if (id.startsWith("<") && id.endsWith(">") && id.length() >= 2) {
            id = id.substring(1, id.length() - 1).trim();
        }
        return id;
    }

    /**
     * Finds an entity by section number in this tree, including embedded messages.
     *
     * @param id a section number such as {@code 1.2}; not {@code null}
     * @return the first entity in document order with that number (for a {@code message/rfc822} part and a
     *         multipart message inside it that share a number, the message part), or empty
     */
    public Optional<BodyPart> find(String id) {
        for (BodyPart part : flatten()) {
            if (part.partId.equals(id)) {
                return Optional.of(part);
            }
        }
        return Optional.empty();
    }

    /**
     * Lists this entity and all beneath it, including those of embedded messages, in document order.
     *
     * @return a new list, this entity first
     */
    public List<BodyPart> flatten() {
        List<BodyPart> out = new ArrayList<>();
        collect(this, out);
        return out;
    }

    private static void collect(BodyPart part, List<BodyPart> out) {
        out.add(part);
        for (BodyPart child : part.children) {
            collect(child, out);
        }
        if (part.message != null) {
            collect(part.message.body(), out);
        }
    }
}
