package dev.hermod.jmap.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermod.api.mail.MessageId;
import dev.hermod.api.mailbox.StoredMessage;
import dev.hermod.api.message.BodyPart;
import dev.hermod.api.message.HeaderField;
import dev.hermod.api.message.MailAddress;
import dev.hermod.api.message.MessageSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Renders one Email (RFC 8621 §4.1) from the store's record and parsed summary; the raw bytes are read
 * only for properties the summary does not hold (body values, part headers, header fields past what
 * the summary keeps).
 */
final class EmailView {

    static final List<String> DEFAULT_PROPERTIES = List.of("id", "blobId", "threadId", "mailboxIds", "keywords", "size",
            "receivedAt", "messageId", "inReplyTo", "references", "sender", "from", "to", "cc", "bcc", "replyTo",
            "subject", "sentAt", "hasAttachment", "preview", "bodyValues", "textBody", "htmlBody", "attachments");
    static final Set<String> KNOWN = Set.of("id", "blobId", "threadId", "mailboxIds", "keywords", "size",
            "receivedAt", "messageId", "inReplyTo", "references", "sender", "from", "to", "cc", "bcc", "replyTo",
            "subject", "sentAt", "hasAttachment", "preview", "bodyValues", "textBody", "htmlBody", "attachments",
            "bodyStructure", "headers");
    static final List<String> DEFAULT_BODY_PROPERTIES = List.of("partId", "blobId", "size", "name", "type", "charset",
            "disposition", "cid", "language", "location");
    static final Set<String> KNOWN_BODY = Set.of("partId", "blobId", "size", "headers", "name", "type", "charset",
            "disposition", "cid", "language", "location", "subParts");

    /** Which body values to include and how long (Email/get arguments, §4.2). */
    record BodyValueOptions(boolean text, boolean html, boolean all, long maxBytes) {
        static final BodyValueOptions NONE = new BodyValueOptions(false, false, false, 0);
    }

    private final MessageId id;
    private final StoredMessage stored;
    private final MessageSummary summary;
    private final Supplier<byte[]> raw;
    private byte[] bytes;

    /**
     * @param id the message id, or null for a parsed blob (Email/parse)
     * @param stored the store's record, or null for a parsed blob
     * @param raw reads the raw message when needed
     */
    EmailView(MessageId id, StoredMessage stored, MessageSummary summary, Supplier<byte[]> raw) {
        this.id = id;
        this.stored = stored;
        this.summary = summary;
        this.raw = raw;
    }

    private byte[] raw() {
        if (bytes == null) {
            bytes = raw.get();
        }
        return bytes;
    }

    /** Checks a properties list: names known, header forms valid. */
    static void checkProperties(List<String> properties, Set<String> known) throws MethodException {
        for (String p : properties) {
            if (p.startsWith("header:")) {
                String[] parts = p.split(":", -1);
                if (parts.length < 2 || parts.length > 4 || parts[1].isEmpty()) {
                    throw MethodException.invalidArguments("Bad header property " + p + ".");
                }
                String form = "Raw";
                if (parts.length >= 3 && !parts[2].equals("all")) {
                    form = parts[2].startsWith("as") ? parts[2].substring(2) : "";
                }
                if (parts.length == 4 && !parts[3].equals("all")) {
                    throw MethodException.invalidArguments("Bad header property " + p + ".");
                }
                if (!HeaderForms.isForm(form) || !HeaderForms.allowed(parts[1], form)) {
                    throw MethodException.invalidArguments("The form as" + form + " does not apply to " + parts[1] + ".");
                }
            } else if (!known.contains(p)) {
                throw MethodException.invalidArguments("Unknown property " + p + ".");
            }
        }
    }

    ObjectNode render(List<String> properties, List<String> bodyProperties, BodyValueOptions values) {
        ObjectNode o = Json.object();
        if (id != null) {
            o.put("id", id.toString());
        } else {
            o.putNull("id");
        }
        for (String p : properties) {
            if (p.equals("id")) {
                continue;
            }
            if (p.startsWith("header:")) {
                o.set(p, header(summary.headers(), topHeaders(), p));
                continue;
            }
            o.set(p, property(p, bodyProperties, values));
        }
        return o;
    }

    private List<HeaderField> topHeaders() {
        return summary.headers();
    }

    private JsonNode property(String p, List<String> bodyProperties, BodyValueOptions values) {
        var env = summary.envelope();
        return switch (p) {
            case "blobId" -> stored == null ? Json.NODES.nullNode() : Json.NODES.textNode(Blobs.message(stored.id()));
            case "threadId" -> stored == null ? Json.NODES.nullNode() : Json.NODES.textNode(stored.thread().toString());
            case "mailboxIds" -> {
                if (stored == null) {
                    yield Json.NODES.nullNode();
                }
                ObjectNode m = Json.object();
                stored.mailboxes().keySet().stream().sorted().forEach(b -> m.put(b.toString(), true));
                yield m;
            }
            case "keywords" -> {
                if (stored == null) {
                    yield Json.NODES.nullNode();
                }
                ObjectNode k = Json.object();
                stored.keywords().stream().sorted().forEach(w -> k.put(w, true));
                yield k;
            }
            case "size" -> Json.NODES.numberNode(stored == null ? summary.size() : stored.size());
            case "receivedAt" -> stored == null ? Json.NODES.nullNode()
                    : Json.NODES.textNode(DateTimeFormatter.ISO_INSTANT.format(stored.receivedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
            case "messageId" -> ids(env.messageIds());
            case "inReplyTo" -> ids(env.inReplyTo());
            case "references" -> ids(env.references());
            case "sender" -> addresses(env.sender());
            case "from" -> addresses(env.from());
            case "to" -> addresses(env.to());
            case "cc" -> addresses(env.cc());
            case "bcc" -> addresses(env.bcc());
            case "replyTo" -> addresses(env.replyTo());
            case "subject" -> env.subject() == null ? Json.NODES.nullNode() : Json.NODES.textNode(env.subject());
            case "sentAt" -> env.date() == null ? Json.NODES.nullNode()
                    : Json.NODES.textNode(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(env.date()));
            case "hasAttachment" -> Json.NODES.booleanNode(summary.hasAttachment());
            case "preview" -> Json.NODES.textNode(summary.preview());
            case "headers" -> headerList(summary.headers());
            case "bodyStructure" -> part(summary.body(), bodyProperties);
            case "textBody" -> parts(summary.textBody(), bodyProperties);
            case "htmlBody" -> parts(summary.htmlBody(), bodyProperties);
            case "attachments" -> parts(summary.attachments(), bodyProperties);
            case "bodyValues" -> bodyValues(values);
            default -> Json.NODES.nullNode();
        };
    }

    private static JsonNode ids(List<String> ids) {
        return ids == null || ids.isEmpty() ? Json.NODES.nullNode() : Json.strings(ids);
    }

    private static JsonNode addresses(List<MailAddress> list) {
        if (list == null) {
            return Json.NODES.nullNode();
        }
        ArrayNode out = Json.array();
        for (MailAddress a : list) {
            if (a.address() == null) {
                continue;
            }
            ObjectNode o = out.addObject();
            if (a.name() == null || a.name().isBlank()) {
                o.putNull("name");
            } else {
                o.put("name", a.name());
            }
            o.put("email", a.address());
        }
        return out;
    }

    private static ArrayNode headerList(List<HeaderField> fields) {
        ArrayNode out = Json.array();
        for (HeaderField f : fields) {
            out.addObject().put("name", f.name()).put("value", f.value());
        }
        return out;
    }

    /** {@code header:Name[:asForm][:all]}: the last field of the name, or all of them (§4.1.3). */
    static JsonNode header(List<HeaderField> fields, List<HeaderField> unused, String property) {
        String[] parts = property.split(":", -1);
        String name = parts[1];
        boolean all = parts[parts.length - 1].equals("all");
        String form = parts.length >= 3 && parts[2].startsWith("as") ? parts[2].substring(2) : "Raw";
        List<HeaderField> matching = new ArrayList<>();
        for (HeaderField f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                matching.add(f);
            }
        }
        if (all) {
            ArrayNode out = Json.array();
            matching.forEach(f -> out.add(HeaderForms.value(f.value(), form)));
            return out;
        }
        return matching.isEmpty() ? Json.NODES.nullNode() : HeaderForms.value(matching.get(matching.size() - 1).value(), form);
    }

    private ArrayNode parts(List<String> partIds, List<String> bodyProperties) {
        ArrayNode out = Json.array();
        for (String partId : partIds) {
            summary.part(partId).ifPresent(part -> out.add(part(part, bodyProperties)));
        }
        return out;
    }

    private ObjectNode part(BodyPart part, List<String> properties) {
        ObjectNode o = Json.object();
        boolean multipart = part.isMultipart();
        for (String p : properties) {
            if (p.startsWith("header:")) {
                o.set(p, header(partHeaders(part), null, p));
                continue;
            }
            switch (p) {
                case "partId" -> {
                    if (multipart) {
                        o.putNull("partId");
                    } else {
                        o.put("partId", part.partId());
                    }
                }
                case "blobId" -> {
                    if (multipart || id == null) {
                        o.putNull("blobId");
                    } else {
                        o.put("blobId", Blobs.part(id, part.partId()));
                    }
                }
                case "size" -> o.put("size", multipart ? 0 : part.decodedSize() >= 0 ? part.decodedSize() : part.size());
                case "headers" -> o.set("headers", headerList(partHeaders(part)));
                case "name" -> putText(o, "name", part.name());
                case "type" -> o.put("type", part.mimeType().toLowerCase(Locale.ROOT));
                case "charset" -> putText(o, "charset", part.charset() != null ? part.charset()
                        : part.type().equalsIgnoreCase("text") ? "us-ascii" : null);
                case "disposition" -> putText(o, "disposition", part.disposition() == null ? null
                        : part.disposition().toLowerCase(Locale.ROOT));
                case "cid" -> putText(o, "cid", part.cid());
                case "language" -> o.set("language", part.language().isEmpty() ? Json.NODES.nullNode() : Json.strings(part.language()));
                case "location" -> putText(o, "location", part.location());
                case "subParts" -> {
                    if (multipart) {
                        ArrayNode sub = o.putArray("subParts");
                        part.children().forEach(c -> sub.add(part(c, properties)));
                    }
                }
                default -> {
                }
            }
        }
        return o;
    }

    private static void putText(ObjectNode o, String name, String value) {
        if (value == null) {
            o.putNull(name);
        } else {
            o.put(name, value);
        }
    }

    /** A part's own header fields, read from the raw bytes between its header start and body start. */
    private List<HeaderField> partHeaders(BodyPart part) {
        if (part.partId().equals(summary.body().partId()) && part.headerStart() == 0) {
            return summary.headers();
        }
        byte[] all = raw();
        int start = (int) Math.min(part.headerStart(), all.length);
        int end = (int) Math.min(part.bodyStart(), all.length);
        String text = new String(all, start, end - start, StandardCharsets.UTF_8);
        List<HeaderField> fields = new ArrayList<>();
        String name = null;
        StringBuilder value = new StringBuilder();
        for (String line : text.split("\r\n|\n", -1)) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
                value.append("\r\n").append(line);
                continue;
            }
            if (name != null) {
                fields.add(new HeaderField(name, value.toString(), 0, 0));
                name = null;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                name = line.substring(0, colon).trim();
                value.setLength(0);
                value.append(line.substring(colon + 1));
            }
        }
        if (name != null) {
            fields.add(new HeaderField(name, value.toString(), 0, 0));
        }
        return fields;
    }

    private ObjectNode bodyValues(BodyValueOptions options) {
        ObjectNode out = Json.object();
        Set<String> wanted = new LinkedHashSet<>();
        if (options.text()) {
            wanted.addAll(summary.textBody());
        }
        if (options.html()) {
            wanted.addAll(summary.htmlBody());
        }
        if (options.all()) {
            for (BodyPart part : summary.body().flatten()) {
                if (!part.isMultipart() && part.type().equalsIgnoreCase("text")) {
                    wanted.add(part.partId());
                }
            }
        }
        for (String partId : wanted) {
            summary.part(partId).filter(p -> p.type().equalsIgnoreCase("text")).ifPresent(part ->
                    out.set(partId, bodyValue(part, options.maxBytes())));
        }
        return out;
    }

    private ObjectNode bodyValue(BodyPart part, long maxBytes) {
        byte[] all = raw();
        int start = (int) Math.min(part.bodyStart(), all.length);
        int end = (int) Math.min(part.bodyEnd(), all.length);
        byte[] decoded;
        try (InputStream in = Blobs.decode(new java.io.ByteArrayInputStream(all, start, end - start), part.encoding())) {
            decoded = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean problem = false;
        Charset charset;
        try {
            charset = part.charset() == null ? StandardCharsets.US_ASCII : Charset.forName(part.charset());
        } catch (RuntimeException e) {
            charset = StandardCharsets.UTF_8;
            problem = true;
        }
        String text;
        try {
            text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(decoded)).toString();
        } catch (CharacterCodingException e) {
            problem = true;
            text = new String(decoded, charset == StandardCharsets.US_ASCII ? StandardCharsets.UTF_8 : charset);
        }
        // RFC 8621 §4.1.4: line breaks are CRLF-normalised to LF.
        text = text.replace("\r\n", "\n");
        boolean truncated = false;
        if (maxBytes > 0) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            if (utf8.length > maxBytes) {
                int cut = (int) maxBytes;
                while (cut > 0 && (utf8[cut] & 0xC0) == 0x80) {
                    cut--;
                }
                text = new String(utf8, 0, cut, StandardCharsets.UTF_8);
                truncated = true;
            }
        }
        return Json.object().put("value", text).put("isEncodingProblem", problem).put("isTruncated", truncated);
    }
}
