package dev.hermod.api.mail;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A mailbox address, {@code local-part@domain}, as used in SMTP paths (RFC 5321 §4.1.2) and extended
 * to UTF-8 by SMTPUTF8 (RFC 6531 §3.3).
 *
 * <p><b>Local part.</b> Held <em>decoded</em>: without the quotes and backslashes of a quoted string,
 * so {@code "john"@example.com} and {@code john@example.com} are the same address and
 * {@code "john doe"@example.com} has the local part {@code john doe}. Its case is kept: RFC 5321 §2.4
 * leaves local parts case-sensitive, and only the {@link dev.hermod.api.directory directory} decides
 * whether {@code John} and {@code john} are one mailbox. It must be non-empty and may contain any
 * printable ASCII character (including space) and any non-ASCII, non-control Unicode character.
 *
 * <p><b>Domain.</b> Held <em>normalized</em>: Unicode NFC, lower-cased with {@link Locale#ROOT}. It is
 * either a host name of dot-separated labels (letters, digits and inner hyphens; non-ASCII letters and
 * marks in U-labels; at most 63 characters a label and 255 octets in all; no trailing dot) or an
 * address literal: {@code [192.0.2.1]} or {@code [IPv6:2001:db8::1]} (the tag written as {@code IPv6},
 * the address in lower case). U-labels are not converted to or checked against IDNA; a single-label
 * domain such as {@code localhost} is accepted.
 *
 * <p><b>Length.</b> The address as {@linkplain #toString() written} is at most 254 octets of UTF-8, so
 * that its path {@code <...>} fits the 256 octets of RFC 5321 §4.5.3.1.3.
 *
 * <p>Two addresses are {@linkplain #equals(Object) equal} when their decoded local parts are equal
 * (case-sensitively) and their normalized domains are equal.
 *
 * @param localPart the decoded local part, never {@code null} or empty
 * @param domain    the domain or address literal; normalized by the constructor, never {@code null}
 */
public record Address(String localPart, String domain) {

    /** Longest address, in UTF-8 octets, as written by {@link #toString()}. */
    public static final int MAX_LENGTH = 254;

    /** Longest domain in octets (RFC 5321 §4.5.3.1.2). */
    public static final int MAX_DOMAIN_LENGTH = 255;

    private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

    /**
     * Validates both parts and normalizes the domain.
     *
     * @param localPart the decoded local part, never {@code null} or empty
     * @param domain the domain or address literal; normalized by the constructor, never {@code null}
     * @throws NullPointerException     if a part is {@code null}
     * @throws IllegalArgumentException if a part is malformed or the address is too long
     */
    public Address {
        Objects.requireNonNull(localPart, "localPart");
        Objects.requireNonNull(domain, "domain");
        checkLocalPart(localPart);
        domain = normalizeDomain(domain);
        int length = formatLocalPart(localPart).getBytes(StandardCharsets.UTF_8).length + 1
                + domain.getBytes(StandardCharsets.UTF_8).length;
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("address is " + length + " octets long, more than the "
                    + MAX_LENGTH + " that SMTP allows");
        }
    }

    /**
     * Parses a mailbox as written in SMTP without the angle brackets: {@code Mailbox = Local-part "@"
     * ( Domain / address-literal )} (RFC 5321 §4.1.2), where the local part is a dot-string or a quoted
     * string and UTF-8 is allowed as by RFC 6531 §3.3. No white space or comments are allowed.
     *
     * @param mailbox the text, e.g. {@code user@example.com} or {@code "a b"@[192.0.2.1]}; not {@code null}
     * @return the address, never {@code null}
     * @throws NullPointerException     if {@code mailbox} is {@code null}
     * @throws IllegalArgumentException if the text is not a mailbox; the message says why
     */
    public static Address parse(String mailbox) {
        Objects.requireNonNull(mailbox, "mailbox");
        String local;
        int at;
        if (mailbox.startsWith("\"")) {
            StringBuilder decoded = new StringBuilder();
            int i = 1;
            for (;; i++) {
                if (i >= mailbox.length()) {
                    throw new IllegalArgumentException("unterminated quoted local part in: " + mailbox);
                }
                char c = mailbox.charAt(i);
                if (c == '"') {
                    break;
                }
                if (c == '\\') {
                    // quoted-pairSMTP = %d92 %d32-126 (RFC 5321 §4.1.2)
                    if (++i >= mailbox.length() || mailbox.charAt(i) < 32 || mailbox.charAt(i) > 126) {
                        throw new IllegalArgumentException("bad quoted pair in local part of: " + mailbox);
                    }
                    decoded.append(mailbox.charAt(i));
                } else if (c < 32 || c == 127) {
                    throw new IllegalArgumentException("control character in local part of: " + mailbox);
                } else {
                    decoded.append(c);
                }
            }
            at = i + 1;
            if (at >= mailbox.length() || mailbox.charAt(at) != '@') {
                throw new IllegalArgumentException("expected '@' after the quoted local part in: " + mailbox);
            }
            local = decoded.toString();
        } else {
            at = mailbox.indexOf('@');
            if (at < 0) {
                throw new IllegalArgumentException("no '@' in address: " + mailbox);
            }
            local = mailbox.substring(0, at);
            if (!isDotString(local)) {
                throw new IllegalArgumentException("local part must be a dot-string or a quoted string: "
                        + mailbox);
            }
        }
        return new Address(local, mailbox.substring(at + 1));
    }

    /**
     * Parses a forward-path as in {@code RCPT TO:}: {@code "<" [ A-d-l ":" ] Mailbox ">"}
     * (RFC 5321 §4.1.2). A source route ({@code <@relay.example,@b.example:user@example.com>}) is
     * checked and ignored, as §C of RFC 5321 requires.
     *
     * @param path the path with its angle brackets, not {@code null}
     * @return the mailbox of the path, never {@code null}
     * @throws NullPointerException     if {@code path} is {@code null}
     * @throws IllegalArgumentException if the text is not a path, or is the null path {@code <>}
     */
    public static Address parsePath(String path) {
        Objects.requireNonNull(path, "path");
        if (path.length() < 2 || path.charAt(0) != '<' || path.charAt(path.length() - 1) != '>') {
            throw new IllegalArgumentException("path must be enclosed in angle brackets: " + path);
        }
        String inner = path.substring(1, path.length() - 1);
        if (inner.isEmpty()) {
            throw new IllegalArgumentException("the null path <> is not a mailbox");
        }
        int i = 0;
        if (inner.charAt(0) == '@') {
            // A-d-l = At-domain *( "," At-domain ); At-domain = "@" Domain
            while (true) {
                if (i >= inner.length() || inner.charAt(i) != '@') {
                    throw new IllegalArgumentException("bad source route in path: " + path);
                }
                int start = ++i;
                if (i < inner.length() && inner.charAt(i) == '[') {
                    i = inner.indexOf(']', i);
                    if (i < 0) {
                        throw new IllegalArgumentException("unterminated address literal in path: " + path);
                    }
                    i++;
                } else {
                    while (i < inner.length() && inner.charAt(i) != ',' && inner.charAt(i) != ':') {
                        i++;
                    }
                }
                normalizeDomain(inner.substring(start, i));
                if (i >= inner.length()) {
                    throw new IllegalArgumentException("source route without ':' in path: " + path);
                }
                char c = inner.charAt(i++);
                if (c == ':') {
                    break;
                }
                if (c != ',') {
                    throw new IllegalArgumentException("bad source route in path: " + path);
                }
            }
        }
        return parse(inner.substring(i));
    }

    /**
     * The sub-address detail: the part of the local part after the first {@code separator}, as in
     * {@code tag} of {@code user+tag@example.com} with separator {@code '+'} (RFC 5233). There is no
     * detail when the local part does not contain the separator or starts with it.
     *
     * @param separator the sub-address separator configured for the domain, typically {@code '+'}
     * @return the detail, possibly empty ({@code user+@example.com}), or empty {@code Optional} if none
     */
    public Optional<String> detail(char separator) {
        int i = localPart.indexOf(separator);
        return i > 0 ? Optional.of(localPart.substring(i + 1)) : Optional.empty();
    }

    /**
     * This address without its sub-address detail: {@code user@example.com} for
     * {@code user+tag@example.com} with separator {@code '+'}.
     *
     * @param separator the sub-address separator, typically {@code '+'}
     * @return the address without the detail, or this address if it has none; never {@code null}
     * @see #detail(char)
     */
    public Address withoutDetail(char separator) {
        int i = localPart.indexOf(separator);
        return i > 0 ? new Address(localPart.substring(0, i), domain) : this;
    }

    /**
     * Whether the address contains non-ASCII characters, so that it may only be sent to a server that
     * announces SMTPUTF8 (RFC 6531).
     *
     * @return {@code true} if the local part or domain is not pure ASCII
     */
    public boolean requiresSmtpUtf8() {
        return !isAscii(localPart) || !isAscii(domain);
    }

    /**
     * The address as written in SMTP, without angle brackets: the local part as a dot-string when it is
     * one, otherwise as a quoted string with {@code "} and {@code \} escaped; then {@code @} and the
     * domain. {@code Address.parse(a.toString()).equals(a)} holds for every address.
     *
     * @return the address text, never {@code null}
     */
    @Override
    public String toString() {
        return formatLocalPart(localPart) + "@" + domain;
    }

    private static String formatLocalPart(String local) {
        if (isDotString(local)) {
            return local;
        }
        StringBuilder quoted = new StringBuilder(local.length() + 2).append('"');
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }

    private static void checkLocalPart(String local) {
        if (local.isEmpty()) {
            throw new IllegalArgumentException("empty local part");
        }
        local.codePoints().forEach(cp -> {
            if (cp < 32 || cp == 127 || Character.isISOControl(cp)
                    || cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                throw new IllegalArgumentException("control character or unpaired surrogate U+"
                        + Integer.toHexString(cp).toUpperCase(Locale.ROOT) + " in local part");
            }
        });
    }

    // Dot-string = Atom *("." Atom); atext per RFC 5322 §3.2.3 plus UTF8-non-ascii (RFC 6531 §3.3).
    private static boolean isDotString(String s) {
        if (s.isEmpty() || s.charAt(0) == '.' || s.charAt(s.length() - 1) == '.' || s.contains("..")) {
            return false;
        }
        return s.codePoints().allMatch(cp -> cp == '.' || isAtext(cp));
    }

    private static boolean isAtext(int cp) {
        return cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z' || cp >= '0' && cp <= '9'
                || cp < 128 && ATEXT_SPECIALS.indexOf(cp) >= 0
                || cp >= 128 && !Character.isISOControl(cp) && !Character.isWhitespace(cp)
                        && !Character.isSpaceChar(cp) && Character.isDefined(cp);
    }

    private static String normalizeDomain(String domain) {
        if (domain.isEmpty()) {
            throw new IllegalArgumentException("empty domain");
        }
        if (domain.charAt(0) == '[') {
            return normalizeAddressLiteral(domain);
        }
        String d = Normalizer.normalize(domain, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        if (d.getBytes(StandardCharsets.UTF_8).length > MAX_DOMAIN_LENGTH) {
            throw new IllegalArgumentException("domain longer than " + MAX_DOMAIN_LENGTH + " octets: " + domain);
        }
        for (String label : d.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63) {
                throw new IllegalArgumentException("domain label empty or longer than 63 characters in: "
                        + domain);
            }
            if (label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
                throw new IllegalArgumentException("domain label starts or ends with '-' in: " + domain);
            }
            boolean ok = label.codePoints().allMatch(cp -> cp >= 'a' && cp <= 'z' || cp >= '0' && cp <= '9'
                    || cp == '-' || cp >= 128 && isLabelCodePoint(cp));
            if (!ok) {
                throw new IllegalArgumentException("domain may hold only letters, digits, '-' and '.': "
                        + domain);
            }
        }
        return d;
    }

    private static boolean isLabelCodePoint(int cp) {
        int type = Character.getType(cp);
        return Character.isLetterOrDigit(cp) || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK;
    }

    // address-literal = "[" ( IPv4-address-literal / IPv6-address-literal ) "]" (RFC 5321 §4.1.3).
    // General-address-literals have no registered tag other than IPv6, so they are refused.
    private static String normalizeAddressLiteral(String literal) {
        if (literal.length() < 3 || literal.charAt(literal.length() - 1) != ']') {
            throw new IllegalArgumentException("unterminated address literal: " + literal);
        }
        String inner = literal.substring(1, literal.length() - 1);
        if (inner.regionMatches(true, 0, "IPv6:", 0, 5)) {
            String ip = inner.substring(5).toLowerCase(Locale.ROOT);
            // Only hex digits, ':' and '.', starting with a hex digit or ':', and holding a ':':
            // InetAddress then parses a literal and never queries DNS.
            boolean literalOnly = ip.indexOf(':') >= 0 && ip.charAt(0) != '.'
                    && ip.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0);
            if (!literalOnly) {
                throw new IllegalArgumentException("bad IPv6 address literal: " + literal);
            }
            try {
                InetAddress.getByName(ip);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("bad IPv6 address literal: " + literal, e);
            }
            return "[IPv6:" + ip + "]";
        }
        String[] parts = inner.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("bad IPv4 address literal: " + literal);
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(part) > 255) {
                throw new IllegalArgumentException("bad IPv4 address literal: " + literal);
            }
        }
        return literal;
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 128);
    }
}
