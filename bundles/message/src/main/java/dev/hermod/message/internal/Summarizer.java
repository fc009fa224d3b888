package dev.hermod.message.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.hermod.api.message.BodyPart;
import dev.hermod.api.message.EmbeddedMessage;
import dev.hermod.api.message.HeaderField;
import dev.hermod.api.message.MessageEnvelope;
import dev.hermod.api.message.MessageSummary;
import dev.hermod.message.ParserLimits;
import dev.hermod.message.TextSink;

/**
 * Walks a raw message once, entity by entity, and builds its {@link MessageSummary}. One instance per
 * message; {@link dev.hermod.message.MessageParser} is the public entry point.
 */
public final class Summarizer {

    private static final int BUFFER = 64 * 1024;

    private final RawInput in;
    private final MimeScanner scanner;
    private final ParserLimits limits;
    private final TextSink sink;
    private final IndexText.Budget budget;
    private final Map<String, String> previews = new HashMap<>();
    private final List<HeaderField> headers = new ArrayList<>();
    private int headerBytes;
    private boolean headersTruncated;
    private int parts;

    private Summarizer(InputStream raw, ParserLimits limits, TextSink sink) {
        this.in = new RawInput(raw, BUFFER);
        this.scanner = new MimeScanner(in);
        this.limits = limits;
        this.sink = sink;
        this.budget = new IndexText.Budget(sink == null ? 0 : limits.maxIndexedText());
    }

    /**
     * Parses one message.
     *
     * @param raw    the raw message
     * @param limits the bounds
     * @param sink   receives part texts, or {@code null}
     * @return the summary
     * @throws IOException when reading {@code raw} fails
     */
    public static MessageSummary summarize(InputStream raw, ParserLimits limits, TextSink sink)
            throws IOException {
        return summarize(raw, limits, sink, false);
    }

    /** With {@code strict}, a defect throws instead of falling back, so that tests see it. */
    static MessageSummary summarize(InputStream raw, ParserLimits limits, TextSink sink, boolean strict)
            throws IOException {
        Summarizer s = new Summarizer(raw, limits, sink);
        try {
            return s.run();
        } catch (SinkFailure e) {
            throw e.getCause();
        } catch (RuntimeException e) {
            if (strict) {
                throw e;
            }
            // A safety net, never expected: summarise what is certain rather than fail the delivery.
            return s.fallback();
        }
    }

    private MessageSummary run() throws IOException {
        Entity root = entity("", true, false, 0, true, true);
        BodyPart body = root.part();
        BodySelection selection = BodySelection.of(body);
        MessageEnvelope envelope = root.envelope();
        return new MessageSummary(in.position(), body.bodyStart(), envelope, BaseSubject.of(envelope.subject()),
                headers, headersTruncated, body, preview(selection),
                selection.attachments.stream().anyMatch(p -> !"inline".equals(p.disposition())),
                ids(selection.textBody), ids(selection.htmlBody), ids(selection.attachments));
    }

    private MessageSummary fallback() throws IOException {
        while (in.fill(1) > 0) {
            in.take(null, 0, in.fill(BUFFER));
        }
        long size = in.position();
        BodyPart body = new BodyPart("1", "text", "plain", Map.of(), null, null, "7bit", 0, size, null, null,
                Map.of(), List.of(), null, "us-ascii", null, 0, 0, size, List.of(), null);
        return new MessageSummary(size, 0, MessageEnvelope.EMPTY, "", List.of(), true, body, "", false,
                List.of("1"), List.of("1"), List.of());
    }

    private String preview(BodySelection selection) {
        for (List<BodyPart> list : List.of(selection.textBody, selection.htmlBody)) {
            for (BodyPart part : list) {
                String p = previews.get(part.partId());
                if (p != null && !p.isEmpty()) {
                    return p;
                }
            }
        }
        return "";
    }

    private static List<String> ids(List<BodyPart> parts) {
        List<String> out = new ArrayList<>(parts.size());
        for (BodyPart p : parts) {
            out.add(p.partId());
        }
        return out;
    }

    private record Entity(BodyPart part, MessageEnvelope envelope, boolean indexed) { }

    private record Split(List<BodyPart> children, boolean limited, boolean indexed) { }

    /**
     * Parses the entity that starts at the current position.
     *
     * @param number      the section number of the message (for a message's top-level entity) or of this
     *                    part
     * @param messageRoot whether this is a message's top-level entity
     * @param inDigest    whether the parent is a {@code multipart/digest}
     * @param index       whether its text may go to the index
     * @param topLevel    whether this is the top-level entity of the raw message
     */
    private Entity entity(String number, boolean messageRoot, boolean inDigest, int depth, boolean index,
                          boolean topLevel) throws IOException {
        parts++;
        long headerStart = in.position();
        PartFields fields = new PartFields(inDigest);
        EnvelopeFields envelope = messageRoot ? new EnvelopeFields() : null;
        new HeaderReader(scanner, in, limits.maxHeaderBytes()).read((name, value, offset, length, cut) -> {
            if (topLevel) {
                keep(name, value, offset, length, cut);
            }
            String lower = name.toLowerCase(Locale.ROOT);
            String unfolded = Texts.unfold(value);
            fields.accept(lower, unfolded);
            if (envelope != null) {
                envelope.accept(lower, unfolded);
            }
        });
        long bodyStart = in.position();
        long feeds = in.lineFeeds();

        String type = fields.type();
        String subtype = fields.subtype();
        Map<String, String> parameters = fields.parameters();
        String charset = fields.charset();
        String encoding = fields.encoding();
        String id = messageRoot ? (number.isEmpty() ? "1" : number + ".1") : number;
        List<BodyPart> children = List.of();
        EmbeddedMessage message = null;
        long decodedSize = -1;
        boolean indexed = false;

        if (type.equals("multipart")) {
            Split split = multipart(number, subtype, fields.boundary(), depth, index);
            children = split.children();
            indexed = split.indexed();
            if (children.isEmpty()) {
                // RFC 2045 §5.2 / RFC 2046 §5.1.1: unusable as a multipart; reported as one opaque part
                type = split.limited() ? "application" : "text";
                subtype = split.limited() ? "octet-stream" : "plain";
                parameters = Map.of();
                charset = split.limited() ? null : "us-ascii";
                decodedSize = identity(encoding) ? in.position() - bodyStart : -1;
            } else {
                id = number;
            }
        } else if (type.equals("message") && (subtype.equals("rfc822") || subtype.equals("global"))
                && identity(encoding) && depth < limits.maxDepth() && parts < limits.maxParts()) {
            Entity inner = entity(id, true, false, depth + 1, index, false);
            message = new EmbeddedMessage(inner.envelope(), inner.part());
            indexed = inner.indexed();
        } else {
            Leaf leaf = leaf(id, type, subtype, charset, encoding, index);
            decodedSize = leaf.decodedSize;
            indexed = leaf.indexed;
        }

        long bodyEnd = in.position();
        long size = bodyEnd - bodyStart;
        long lines = in.lineFeeds() - feeds + (size > 0 && in.lastByte() != '\n' ? 1 : 0);
        BodyPart part = new BodyPart(id, type, subtype, parameters, fields.contentId(), fields.description(),
                encoding, lines, decodedSize, fields.md5(), fields.disposition(), fields.dispositionParameters(),
                fields.language(), fields.location(), charset, fields.name(), headerStart, bodyStart, bodyEnd,
                children, message);
        return new Entity(part, envelope == null ? null : envelope.build(), indexed);
    }

    private static boolean identity(String encoding) {
        return encoding.equals("7bit") || encoding.equals("8bit") || encoding.equals("binary");
    }

    private Split multipart(String number, String subtype, String boundary, int depth, boolean index)
            throws IOException {
        if (depth >= limits.maxDepth() || parts >= limits.maxParts()) {
            scanner.beginRegion();
            scanner.skipRegion();
            return new Split(List.of(), true, false);
        }
        if (!MimeScanner.usableBoundary(boundary)) {
            scanner.beginRegion();
            scanner.skipRegion();
            return new Split(List.of(), false, false);
        }
        int level = scanner.push(boundary);
        scanner.beginRegion();
        scanner.skipRegion();                                   // the preamble
        boolean alternative = subtype.equals("alternative");
        boolean digest = subtype.equals("digest");
        List<BodyPart> children = new ArrayList<>();
        boolean indexed = false;
        boolean closed = false;
        int n = 0;
        while (scanner.stopLevel() == level) {
            if (scanner.consumeDelimiter()) {
                closed = true;
                break;
            }
            n++;
            if (parts >= limits.maxParts()) {
                scanner.beginRegion();
                scanner.skipRegion();
                continue;
            }
            String childNumber = number.isEmpty() ? Integer.toString(n) : number + "." + n;
            // only the first alternative with text is indexed: the others say the same
            Entity child = entity(childNumber, false, digest, depth + 1, index && !(alternative && indexed),
                    false);
            indexed |= child.indexed();
            children.add(child.part());
        }
        scanner.pop();
        if (closed) {
            scanner.beginRegion();
            scanner.skipRegion();                               // the epilogue
        }
        return new Split(children, false, indexed);
    }

    private record Leaf(long decodedSize, boolean indexed) { }

    private Leaf leaf(String id, String type, String subtype, String charset, String encoding, boolean index)
            throws IOException {
        scanner.beginRegion();
        PreviewText preview = null;
        IndexText text = null;
        TextDecoder decoder = null;
        if (type.equals("text")) {
            boolean html = subtype.equals("html");
            if (html || subtype.equals("plain")) {
                preview = new PreviewText();
            }
            if (index && sink != null && !budget.exhausted()) {
                text = new IndexText(budget);
            }
            CharSink target = CharSink.both(preview, text);
            if (target != null) {
                decoder = new TextDecoder(Charsets.forText(charset), html ? new HtmlText(target) : target);
            }
        }
        long decodedSize = LeafReader.read(scanner, in, encoding, decoder);
        if (preview != null) {
            previews.put(id, preview.text());
        }
        boolean indexed = false;
        if (text != null) {
            String t = text.text().strip();
            if (!t.isEmpty()) {
                try {
                    sink.text(id, type + "/" + subtype, t);
                } catch (RuntimeException e) {
                    throw new SinkFailure(e);
                }
                indexed = true;
            }
        }
        return new Leaf(decodedSize, indexed);
    }

    private void keep(String name, String value, long offset, int length, boolean cut) {
        if (headersTruncated || cut || headerBytes + (long) length > limits.maxHeaderBytes()) {
            headersTruncated = true;
            return;
        }
        headerBytes += length;
        headers.add(new HeaderField(name, value, offset, length));
    }

    /** Carries an exception of the caller's {@link TextSink} past the safety net. */
    private static final class SinkFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SinkFailure(RuntimeException cause) {
            super(cause);
        }

        @Override
        public synchronized RuntimeException getCause() {
            return (RuntimeException) super.getCause();
        }
    }
}
