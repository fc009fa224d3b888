package dev.hermod.jmap.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermod.api.mailbox.MailAccount;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.james.mime4j.codec.EncoderUtil;
import org.apache.james.mime4j.codec.QuotedPrintableOutputStream;

/**
 * Writes the RFC 5322 message of an Email object being created (RFC 8621 §4.6): header fields from the
 * convenience properties and {@code header:} properties, the body from {@code bodyStructure} or from
 * {@code textBody}/{@code htmlBody}/{@code attachments} with {@code bodyValues} and blobs.
 */
final class MessageWriter {

    private final MailAccount account;
    private final Blobs blobs;
    private final JsonNode email;
    private final StringBuilder out = new StringBuilder();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private int boundaries;

    MessageWriter(MailAccount account, Blobs blobs, JsonNode email) {
        this.account = account;
        this.blobs = blobs;
        this.email = email;
    }

    byte[] write(String hostname) throws SetError {
        header("Date", email.hasNonNull("sentAt") ? date(email.get("sentAt").asText())
                : DateTimeFormatter.RFC_1123_DATE_TIME.format(OffsetDateTime.now(ZoneOffset.UTC)));
        addresses("From", email.get("from"));
        addresses("Sender", email.get("sender"));
        addresses("Reply-To", email.get("replyTo"));
        addresses("To", email.get("to"));
        addresses("Cc", email.get("cc"));
        addresses("Bcc", email.get("bcc"));
        if (email.hasNonNull("subject")) {
            header("Subject", EncoderUtil.encodeIfNecessary(email.get("subject").asText(), EncoderUtil.Usage.TEXT_TOKEN, 9));
        }
        ids("Message-ID", email.get("messageId"));
        if (!email.hasNonNull("messageId")) {
            header("Message-ID", "<" + UUID.randomUUID() + "@" + hostname + ">");
        }
        ids("In-Reply-To", email.get("inReplyTo"));
        ids("References", email.get("references"));
        Iterator<Map.Entry<String, JsonNode>> fields = email.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (f.getKey().startsWith("header:") && !f.getValue().isNull()) {
                String[] parts = f.getKey().split(":");
                String form = parts.length > 2 ? parts[2] : "asRaw";
                String name = parts[1];
                if (name.toLowerCase(Locale.ROOT).startsWith("content-")) {
                    throw SetError.invalidProperties("Content-* fields are set by the body.", f.getKey());
                }
                switch (form) {
                    case "asRaw" -> header(name, f.getValue().asText().strip());
                    case "asText" -> header(name, EncoderUtil.encodeIfNecessary(f.getValue().asText(), EncoderUtil.Usage.TEXT_TOKEN, name.length() + 2));
                    case "asAddresses" -> addresses(name, f.getValue());
                    case "asMessageIds" -> ids(name, f.getValue());
                    case "asURLs" -> {
                        StringBuilder v = new StringBuilder();
                        for (JsonNode u : f.getValue()) {
                            v.append(v.length() == 0 ? "" : ", ").append('<').append(u.asText()).append('>');
                        }
                        header(name, v.toString());
                    }
                    case "asDate" -> header(name, date(f.getValue().asText()));
                    default -> throw SetError.invalidProperties("Cannot write the form " + form + ".", f.getKey());
                }
            }
        }
        header("MIME-Version", "1.0");
        flush();
        if (email.hasNonNull("bodyStructure")) {
            part(email.get("bodyStructure"));
        } else {
            simpleBody();
        }
        return bytes.toByteArray();
    }

    private void simpleBody() throws SetError {
        JsonNode text = first(email.get("textBody"));
        JsonNode html = first(email.get("htmlBody"));
        JsonNode attachments = email.get("attachments");
        boolean hasAttachments = attachments != null && attachments.isArray() && !attachments.isEmpty();
        if (hasAttachments) {
            String boundary = boundary();
            raw("Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n");
            raw("--" + boundary + "\r\n");
            alternative(text, html);
            for (JsonNode a : attachments) {
                raw("\r\n--" + boundary + "\r\n");
                part(a);
            }
            raw("\r\n--" + boundary + "--\r\n");
        } else {
            alternative(text, html);
        }
    }

    private void alternative(JsonNode text, JsonNode html) throws SetError {
        if (text != null && html != null) {
            String boundary = boundary();
            raw("Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n");
            raw("--" + boundary + "\r\n");
            part(text);
            raw("\r\n--" + boundary + "\r\n");
            part(html);
            raw("\r\n--" + boundary + "--\r\n");
        } else if (text != null || html != null) {
            part(text != null ? text : html);
        } else {
            raw("Content-Type: text/plain; charset=utf-8\r\n\r\n");
        }
    }

    private static JsonNode first(JsonNode list) throws SetError {
        if (list == null || list.isNull() || list.isEmpty()) {
            return null;
        }
        if (list.size() > 1) {
            throw SetError.invalidProperties("At most one textBody and one htmlBody part.", "textBody");
        }
        return list.get(0);
    }

    /** One EmailBodyPart: its header fields, then its content or sub-parts. */
    private void part(JsonNode part) throws SetError {
        String type = part.path("type").asText(null);
        JsonNode subParts = part.get("subParts");
        if (subParts != null && subParts.isArray()) {
            String boundary = boundary();
            String subtype = type == null ? "multipart/mixed" : type.toLowerCase(Locale.ROOT);
            if (!subtype.startsWith("multipart/")) {
                throw SetError.invalidProperties("A part with subParts is multipart.", "bodyStructure");
            }
            raw("Content-Type: " + subtype + "; boundary=\"" + boundary + "\"\r\n\r\n");
            for (JsonNode sub : subParts) {
                raw("--" + boundary + "\r\n");
                part(sub);
                raw("\r\n");
            }
            raw("--" + boundary + "--\r\n");
            return;
        }
        byte[] content;
        boolean text;
        String partId = part.path("partId").asText(null);
        if (partId != null) {
            JsonNode value = email.path("bodyValues").path(partId);
            if (!value.has("value")) {
                throw SetError.invalidProperties("No bodyValues entry for part " + partId + ".", "bodyValues");
            }
            content = value.get("value").asText().replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
            type = type == null ? "text/plain" : type;
            text = true;
            if (!type.toLowerCase(Locale.ROOT).startsWith("text/")) {
                throw SetError.invalidProperties("A part given by partId is text.", "bodyStructure");
            }
        } else {
            String blobId = part.path("blobId").asText(null);
            if (blobId == null) {
                throw SetError.invalidProperties("A part needs a partId or a blobId.", "bodyStructure");
            }
            content = blobs.read(account, blobId).orElseThrow(() -> new SetError("blobNotFound",
                    "No blob " + blobId + " in this account."));
            type = type == null ? "application/octet-stream" : type;
            text = false;
        }
        StringBuilder contentType = new StringBuilder(type.toLowerCase(Locale.ROOT));
        if (text) {
            contentType.append("; charset=utf-8");
        }
        String name = part.path("name").asText(null);
        if (name != null) {
            contentType.append("; name=\"").append(EncoderUtil.encodeIfNecessary(name, EncoderUtil.Usage.WORD_ENTITY, 0)
                    .replace("\"", "")).append('"');
        }
        raw("Content-Type: " + contentType + "\r\n");
        String disposition = part.path("disposition").asText(null);
        if (disposition != null || name != null && !text) {
            String d = disposition == null ? "attachment" : disposition;
            raw("Content-Disposition: " + d + (name == null ? "" : "; filename=\""
                    + EncoderUtil.encodeIfNecessary(name, EncoderUtil.Usage.WORD_ENTITY, 0).replace("\"", "") + "\"") + "\r\n");
        }
        if (part.hasNonNull("cid")) {
            raw("Content-ID: <" + part.get("cid").asText() + ">\r\n");
        }
        if (part.hasNonNull("location")) {
            raw("Content-Location: " + part.get("location").asText() + "\r\n");
        }
        if (part.path("language").isArray() && !part.get("language").isEmpty()) {
            StringBuilder l = new StringBuilder();
            part.get("language").forEach(x -> l.append(l.length() == 0 ? "" : ", ").append(x.asText()));
            raw("Content-Language: " + l + "\r\n");
        }
        if (text) {
            raw("Content-Transfer-Encoding: quoted-printable\r\n\r\n");
            flush();
            try (OutputStream qp = new QuotedPrintableOutputStream(new NonClosing(bytes), false)) {
                qp.write(content);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        } else {
            raw("Content-Transfer-Encoding: base64\r\n\r\n");
            raw(Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(content));
        }
    }

    private String boundary() {
        return "=_hermod_" + (++boundaries) + "_" + UUID.randomUUID().toString().replace("-", "");
    }

    private void header(String name, String value) {
        out.append(name).append(": ").append(value).append("\r\n");
    }

    private void raw(String text) {
        out.append(text);
        flush();
    }

    private void flush() {
        bytes.writeBytes(out.toString().getBytes(StandardCharsets.UTF_8));
        out.setLength(0);
    }

    private void addresses(String name, JsonNode list) throws SetError {
        if (list == null || list.isNull()) {
            return;
        }
        if (!list.isArray()) {
            throw SetError.invalidProperties(name + " must be a list of EmailAddress.", name);
        }
        StringBuilder v = new StringBuilder();
        for (JsonNode a : list) {
            String email = a.path("email").asText(null);
            if (email == null || !email.contains("@")) {
                throw SetError.invalidProperties("Not an email address: " + a, name);
            }
            v.append(v.length() == 0 ? "" : ", ");
            String display = a.path("name").asText(null);
            if (display != null && !display.isBlank()) {
                v.append(EncoderUtil.encodeAddressDisplayName(display)).append(" <").append(email).append('>');
            } else {
                v.append(email);
            }
        }
        header(name, v.toString());
    }

    private void ids(String name, JsonNode list) {
        if (list == null || list.isNull() || !list.isArray() || list.isEmpty()) {
            return;
        }
        StringBuilder v = new StringBuilder();
        for (JsonNode id : list) {
            v.append(v.length() == 0 ? "" : " ").append('<').append(id.asText()).append('>');
        }
        header(name, v.toString());
    }

    private static String date(String iso) throws SetError {
        try {
            return DateTimeFormatter.RFC_1123_DATE_TIME.format(OffsetDateTime.parse(iso));
        } catch (RuntimeException e) {
            throw SetError.invalidProperties("Not a Date: " + iso, "sentAt");
        }
    }

    /** Lets the quoted-printable encoder finish without closing the message buffer. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

}
