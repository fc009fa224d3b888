package dev.hermod.message.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.field.ContentLanguageField;
import org.apache.james.mime4j.dom.field.ContentLocationField;
import org.apache.james.mime4j.field.ContentLanguageFieldLenientImpl;
import org.apache.james.mime4j.field.ContentLocationFieldLenientImpl;
import org.apache.james.mime4j.stream.RawField;

/**
 * The MIME fields of one entity (RFC 2045, RFC 2183, RFC 3282, RFC 2557), first occurrence of each.
 * The media type defaults to {@code text/plain}, or {@code message/rfc822} inside a
 * {@code multipart/digest} (RFC 2046 §5.1.5); an unparseable Content-Type counts as none (RFC 2045 §5.2).
 */
final class PartFields {

    private final boolean inDigest;
    private String type;
    private String subtype;
    private Map<String, String> parameters = Map.of();
    private String encoding;
    private String contentId;
    private String description;
    private String md5;
    private String disposition;
    private Map<String, String> dispositionParameters = Map.of();
    private List<String> language = List.of();
    private String location;
    private boolean seenType;
    private boolean seenDisposition;
    private boolean seenLanguage;
    private boolean seenLocation;

    PartFields(boolean inDigest) {
        this.inDigest = inDigest;
    }

    /** Takes one header field; ignores those that are not MIME fields. */
    void accept(String lowerName, String unfolded) {
        if (!lowerName.startsWith("content-")) {
            return;
        }
        try {
            switch (lowerName) {
                case "content-type" -> contentType(unfolded);
                case "content-transfer-encoding" -> {
                    if (encoding == null) {
                        String v = Parameters.parse(unfolded).value();
                        encoding = v == null || v.isBlank() ? null : v.trim().toLowerCase(Locale.ROOT);
                    }
                }
                case "content-id" -> contentId = contentId == null ? Texts.trimToNull(unfolded) : contentId;
                case "content-description" ->
                        description = description == null ? Texts.trimToNull(unfolded) : description;
                case "content-md5" -> md5 = md5 == null ? Texts.trimToNull(unfolded) : md5;
                case "content-disposition" -> contentDisposition(unfolded);
                case "content-language" -> contentLanguage(unfolded);
                case "content-location" -> contentLocation(unfolded);
                default -> { }
            }
        } catch (RuntimeException e) {
            // a field mime4j cannot make sense of is ignored, as if absent
        }
    }

    private void contentType(String value) {
        if (seenType) {
            return;
        }
        seenType = true;
        Parameters.Parsed p = Parameters.parse(value);
        String main = p.value() == null ? "" : p.value().trim().toLowerCase(Locale.ROOT);
        int slash = main.indexOf('/');
        if (slash <= 0 || slash == main.length() - 1) {
            return;
        }
        String t = main.substring(0, slash).trim();
        String s = main.substring(slash + 1).trim();
        if (t.isEmpty() || s.isEmpty()) {
            return;
        }
        type = t;
        subtype = s;
        parameters = p.parameters();
    }

    private void contentDisposition(String value) {
        if (seenDisposition) {
            return;
        }
        seenDisposition = true;
        Parameters.Parsed p = Parameters.parse(value);
        disposition = p.value() == null || p.value().isBlank() ? null : p.value().trim().toLowerCase(Locale.ROOT);
        dispositionParameters = p.parameters();
    }

    private void contentLanguage(String value) {
        if (seenLanguage) {
            return;
        }
        seenLanguage = true;
        ContentLanguageField f = ContentLanguageFieldLenientImpl.PARSER.parse(
                new RawField("Content-Language", value), DecodeMonitor.SILENT);
        List<String> tags = f.getLanguages();
        language = tags == null ? List.of() : List.copyOf(tags);
    }

    private void contentLocation(String value) {
        if (seenLocation) {
            return;
        }
        seenLocation = true;
        ContentLocationField f = ContentLocationFieldLenientImpl.PARSER.parse(
                new RawField("Content-Location", value), DecodeMonitor.SILENT);
        location = Texts.trimToNull(f.getLocation());
    }

    String type() {
        return type != null ? type : inDigest ? "message" : "text";
    }

    String subtype() {
        return subtype != null ? subtype : inDigest ? "rfc822" : "plain";
    }

    Map<String, String> parameters() {
        return parameters;
    }

    String boundary() {
        return parameters.get("boundary");
    }

    /** The declared charset, {@code us-ascii} for text without one (RFC 2045 §5.2), else {@code null}. */
    String charset() {
        String cs = Texts.trimToNull(parameters.get("charset"));
        if (cs == null && "text".equals(type())) {
            return "us-ascii";
        }
        return cs;
    }

    /** RFC 8621 §4.1.4 {@code name}: the disposition's filename, else the type's name, decoded. */
    String name() {
        String n = dispositionParameters.get("filename");
        if (n == null || n.isBlank()) {
            n = parameters.get("name");
        }
        return Texts.trimToNull(Texts.decodeWords(n));
    }

    String encoding() {
        return encoding == null ? "7bit" : encoding;
    }

    String contentId() {
        return contentId;
    }

    String description() {
        return description;
    }

    String md5() {
        return md5;
    }

    String disposition() {
        return disposition;
    }

    Map<String, String> dispositionParameters() {
        return dispositionParameters;
    }

    List<String> language() {
        return language;
    }

    String location() {
        return location;
    }
}
