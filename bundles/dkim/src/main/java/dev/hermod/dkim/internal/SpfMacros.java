package dev.hermod.dkim.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands SPF macro strings (RFC 7208 §7). Letters {@code s l o d i p v h} are supported; {@code c r t},
 * which only {@code exp} may use, are refused as the checker does not fetch explanations. {@code p} expands
 * to {@code unknown}: §7.3 discourages it, and a validated reverse name would cost DNS lookups for every
 * check.
 */
final class SpfMacros {

    // macro-letter [transformers] *delimiter, transformers = *DIGIT [ "r" ]  (§7.1)
    private static final Pattern BODY = Pattern.compile("([slodiphcrtvSLODIPHCRTV])([0-9]*)(r|R)?([.\\-+,/_=]*)");

    private SpfMacros() {
    }

    /** The identities macros expand from. */
    record Context(String sender, String domain, InetAddress ip, String helo) {
    }

    /** @return whether the text between {@code %&#123;} and {@code &#125;} is a well-formed macro */
    static boolean isMacroBody(String body) {
        return BODY.matcher(body).matches();
    }

    /**
     * Expands a domain-spec.
     *
     * @param spec    the macro string, already checked by {@link SpfRecord}
     * @param context the identities
     * @return the expanded domain, shortened from the left to at most 253 characters (§7.3)
     * @throws SpfRecord.SyntaxException if the macro is malformed or uses an {@code exp}-only letter
     */
    static String expand(String spec, Context context) throws SpfRecord.SyntaxException {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            char n = i + 1 < spec.length() ? spec.charAt(i + 1) : 0;
            switch (n) {
                case '%' -> {
                    out.append('%');
                    i++;
                }
                case '_' -> {
                    out.append(' ');
                    i++;
                }
                case '-' -> {
                    out.append("%20");
                    i++;
                }
                case '{' -> {
                    int close = spec.indexOf('}', i);
                    Matcher m = close < 0 ? null : BODY.matcher(spec.substring(i + 2, close));
                    if (m == null || !m.matches()) {
                        throw new SpfRecord.SyntaxException("bad macro in " + spec);
                    }
                    out.append(macro(m, context));
                    i = close;
                }
                default -> throw new SpfRecord.SyntaxException("bad % escape in " + spec);
            }
        }
        String result = out.toString();
        // §7.3: when the result is longer than 253 characters, drop labels from the left until it fits.
        while (result.length() > 253) {
            int dot = result.indexOf('.');
            if (dot < 0) {
                break;
            }
            result = result.substring(dot + 1);
        }
        return result;
    }

    private static String macro(Matcher m, Context ctx) throws SpfRecord.SyntaxException {
        char letter = m.group(1).charAt(0);
        String value = switch (Character.toLowerCase(letter)) {
            case 's' -> ctx.sender();
            case 'l' -> ctx.sender().substring(0, ctx.sender().lastIndexOf('@'));
            case 'o' -> ctx.sender().substring(ctx.sender().lastIndexOf('@') + 1);
            case 'd' -> ctx.domain();
            case 'i' -> ipForMacro(ctx.ip());
            case 'p' -> "unknown";
            case 'v' -> ctx.ip() instanceof Inet4Address ? "in-addr" : "ip6";
            case 'h' -> ctx.helo() == null ? "unknown" : ctx.helo();
            default -> throw new SpfRecord.SyntaxException("macro letter '" + letter
                    + "' is only allowed in an exp explanation (RFC 7208 §7.2)");
        };
        String delimiters = m.group(4).isEmpty() ? "." : m.group(4);
        List<String> parts = split(value, delimiters);
        if (m.group(3) != null) {
            Collections.reverse(parts);
        }
        if (!m.group(2).isEmpty()) {
            int keep = Integer.parseInt(m.group(2));
            if (keep == 0) {
                throw new SpfRecord.SyntaxException("a macro may not keep zero labels (RFC 7208 §7.1)");
            }
            if (keep < parts.size()) {
                parts = parts.subList(parts.size() - keep, parts.size());
            }
        }
        String joined = String.join(".", parts);
        return Character.isUpperCase(letter) ? urlEscape(joined) : joined;
    }

    private static List<String> split(String value, String delimiters) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            if (delimiters.indexOf(value.charAt(i)) >= 0) {
                parts.add(value.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(value.substring(start));
        return parts;
    }

    /** IPv4 dotted, IPv6 as 32 dot-separated nibbles (§7.3). */
    private static String ipForMacro(InetAddress ip) {
        if (ip instanceof Inet4Address) {
            return ip.getHostAddress();
        }
        StringBuilder s = new StringBuilder();
        for (byte b : ip.getAddress()) {
            if (s.length() > 0) {
                s.append('.');
            }
            s.append(Character.forDigit(b >> 4 & 0xf, 16)).append('.').append(Character.forDigit(b & 0xf, 16));
        }
        return s.toString();
    }

    /** Uppercase macro letters URL-escape the value: every character not unreserved (RFC 3986 §2.3). */
    private static String urlEscape(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }
}
