package dev.hermod.message.internal;

import java.text.Normalizer;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/** Header value clean-up shared by the field decoders. */
final class Texts {

    private Texts() {
    }

    /** RFC 5322 §2.2.3 unfolding; stray CRs and LFs go too. */
    static String unfold(String raw) {
        if (raw.indexOf('\r') < 0 && raw.indexOf('\n') < 0) {
            return raw;
        }
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\r' && c != '\n') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * RFC 8621 §4.1.2.2 "Text": an unfolded value with leading white space removed, RFC 2047 encoded words
     * decoded (mime4j; adjacent encoded words joined per RFC 2047 §6.2), control characters dropped, NFC.
     */
    static String text(String unfolded) {
        String s = unfolded.stripLeading();
        if (s.contains("=?")) {
            try {
                s = DecoderUtil.decodeEncodedWords(s, DecodeMonitor.SILENT);
            } catch (RuntimeException e) {
                // keep the undecoded text
            }
        }
        return Normalizer.normalize(dropControls(s), Normalizer.Form.NFC);
    }

    /** Decodes encoded words in a parameter value, which some mailers use for file names. */
    static String decodeWords(String s) {
        if (s == null || !s.contains("=?")) {
            return s;
        }
        try {
            return dropControls(DecoderUtil.decodeEncodedWords(s, DecodeMonitor.SILENT));
        } catch (RuntimeException e) {
            return s;
        }
    }

    private static String dropControls(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = c < 0x20 && c != '\t' || c == 0x7f;
            if (control && sb == null) {
                sb = new StringBuilder(s.length()).append(s, 0, i);
            } else if (!control && sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** Trimmed, or {@code null} when nothing is left. */
    static String trimToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}
