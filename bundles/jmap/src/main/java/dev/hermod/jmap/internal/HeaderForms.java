package dev.hermod.jmap.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.LenientAddressParser;
import org.apache.james.mime4j.field.datetime.parser.DateTimeParser;

/** The parsed forms of header field values (RFC 8621 §4.1.2): Raw, Text, Addresses, GroupedAddresses, MessageIds, Date, URLs. */
final class HeaderForms {

    private static final Set<String> ADDRESS = Set.of("from", "sender", "reply-to", "to", "cc", "bcc", "resent-from",
            "resent-sender", "resent-reply-to", "resent-to", "resent-cc", "resent-bcc");
    private static final Set<String> IDS = Set.of("message-id", "in-reply-to", "references", "resent-message-id");
    private static final Set<String> DATES = Set.of("date", "resent-date");
    private static final Set<String> URLS = Set.of("list-help", "list-unsubscribe", "list-subscribe", "list-post",
            "list-owner", "list-archive");
    private static final Set<String> TEXT = Set.of("subject", "comments", "keywords", "list-id");
    private static final Pattern ANGLE = Pattern.compile("<([^>]*)>");

    private HeaderForms() {
    }

    /** Whether a form may be asked of a field (§4.1.2: each known field lists its forms; others take any). */
    static boolean allowed(String field, String form) {
        String f = field.toLowerCase(Locale.ROOT);
        boolean known = ADDRESS.contains(f) || IDS.contains(f) || DATES.contains(f) || URLS.contains(f) || TEXT.contains(f);
        if (!known || form.equals("Raw")) {
            return true;
        }
        return switch (form) {
            case "Text" -> TEXT.contains(f);
            case "Addresses", "GroupedAddresses" -> ADDRESS.contains(f);
            case "MessageIds" -> IDS.contains(f);
            case "Date" -> DATES.contains(f);
            case "URLs" -> URLS.contains(f);
            default -> false;
        };
    }

    static boolean isForm(String form) {
        return Set.of("Raw", "Text", "Addresses", "GroupedAddresses", "MessageIds", "Date", "URLs").contains(form);
    }

    /** The value of a raw field value in a form; JSON null when it cannot be parsed so. */
    static JsonNode value(String raw, String form) {
        return switch (form) {
            case "Raw" -> Json.NODES.textNode(raw);
            case "Text" -> Json.NODES.textNode(text(raw));
            case "Addresses" -> addresses(raw);
            case "GroupedAddresses" -> grouped(raw);
            case "MessageIds" -> messageIds(raw);
            case "Date" -> date(raw);
            case "URLs" -> urls(raw);
            default -> Json.NODES.nullNode();
        };
    }

    static String unfold(String raw) {
        return raw.replaceAll("\r?\n(?=[ \t])", "");
    }

    static String text(String raw) {
        return DecoderUtil.decodeEncodedWords(unfold(raw), DecodeMonitor.SILENT).trim();
    }

    static ArrayNode addresses(String raw) {
        ArrayNode out = Json.array();
        AddressList list = LenientAddressParser.DEFAULT.parseAddressList(unfold(raw));
        for (Address a : list) {
            if (a instanceof Mailbox m) {
                out.add(address(m));
            } else if (a instanceof Group g) {
                g.getMailboxes().forEach(m -> out.add(address(m)));
            }
        }
        return out;
    }

    private static ObjectNode address(Mailbox m) {
        ObjectNode o = Json.object();
        if (m.getName() == null || m.getName().isBlank()) {
            o.putNull("name");
        } else {
            o.put("name", m.getName());
        }
        return o.put("email", m.getAddress());
    }

    static ArrayNode grouped(String raw) {
        ArrayNode out = Json.array();
        AddressList list = LenientAddressParser.DEFAULT.parseAddressList(unfold(raw));
        ObjectNode ungrouped = null;
        for (Address a : list) {
            if (a instanceof Mailbox m) {
                if (ungrouped == null) {
                    ungrouped = out.addObject();
                    ungrouped.putNull("name");
                    ungrouped.putArray("addresses");
                }
                ((ArrayNode) ungrouped.get("addresses")).add(address(m));
            } else if (a instanceof Group g) {
                ungrouped = null;
                ObjectNode group = out.addObject().put("name", g.getName());
                ArrayNode members = group.putArray("addresses");
                g.getMailboxes().forEach(m -> members.add(address(m)));
            }
        }
        return out;
    }

    static JsonNode messageIds(String raw) {
        ArrayNode out = Json.array();
        Matcher m = ANGLE.matcher(unfold(raw));
        while (m.find()) {
            String id = m.group(1).trim();
            if (!id.isEmpty() && id.contains("@")) {
                out.add(id);
            }
        }
        return out.isEmpty() ? Json.NODES.nullNode() : out;
    }

    static JsonNode date(String raw) {
        try {
            String text = unfold(raw).trim().replaceAll("\\s+", " ");
            Date date = new DateTimeParser(new java.io.StringReader(text)).parseAll().getDate();
            return Json.NODES.textNode(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(date.toInstant().atOffset(ZoneOffset.UTC)));
        } catch (Exception | Error e) {
            return Json.NODES.nullNode();
        }
    }

    static JsonNode urls(String raw) {
        ArrayNode out = Json.array();
        Matcher m = ANGLE.matcher(unfold(raw));
        while (m.find()) {
            out.add(m.group(1).trim());
        }
        return out.isEmpty() ? Json.NODES.nullNode() : out;
    }
}
