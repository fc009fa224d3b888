package dev.hermod.dkim.internal;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed and checked {@code DKIM-Signature} field (RFC 6376 §3.5, the checks of §6.1.1).
 *
 * @param algorithm       {@code a=}: {@code rsa-sha256}, {@code rsa-sha1} or {@code ed25519-sha256}
 * @param signature       {@code b=}, decoded
 * @param signatureText   {@code b=} as written without white space, for {@code header.b} (RFC 6008)
 * @param bodyHash        {@code bh=}, decoded
 * @param headerCanon     the header canonicalization of {@code c=} (default {@code simple})
 * @param bodyCanon       the body canonicalization of {@code c=} (default {@code simple})
 * @param domain          {@code d=}, lower case
 * @param signedHeaders   {@code h=}, in order
 * @param auid            {@code i=}, or {@code @d} when absent
 * @param length          {@code l=}, or {@code -1} when the whole body is signed
 * @param selector        {@code s=}
 * @param timestamp       {@code t=} in seconds since the epoch, or {@code -1}
 * @param expiration      {@code x=} in seconds since the epoch, or {@code -1}
 * @param raw             the field as received, for hashing
 */
record DkimSignatureHeader(String algorithm, byte[] signature, String signatureText, byte[] bodyHash,
                           Canonicalizer headerCanon, Canonicalizer bodyCanon, String domain,
                           List<String> signedHeaders, String auid, long length, String selector, long timestamp,
                           long expiration, String raw) {

    /** A field that is not a usable signature: a {@code permerror}, with what is known of it. */
    static final class InvalidException extends Exception {
        private static final long serialVersionUID = 1L;
        final String domain;
        final String selector;
        final String signatureText;

        InvalidException(String message, Map<String, String> tags) {
            super(message);
            this.domain = tags.getOrDefault("d", null);
            this.selector = tags.getOrDefault("s", null);
            String b = tags.get("b");
            this.signatureText = b == null ? null : TagList.noSpace(b);
        }
    }

    static final List<String> ALGORITHMS = List.of("rsa-sha256", "ed25519-sha256", "rsa-sha1");

    /**
     * Parses and checks a field.
     *
     * @param raw the whole field (name, colon, value, folding) without its final CRLF
     * @param now seconds since the epoch, to check {@code x=}
     * @return the signature
     * @throws InvalidException if a required tag is missing or malformed, {@code h=} lacks {@code From},
     *                          {@code i=} is outside {@code d=}, or the signature expired
     */
    static DkimSignatureHeader parse(String raw, long now) throws InvalidException {
        Map<String, String> tags;
        try {
            tags = TagList.parse(raw.substring(raw.indexOf(':') + 1));
        } catch (IllegalArgumentException e) {
            throw new InvalidException("malformed signature: " + e.getMessage(), Map.of());
        }
        for (String required : List.of("v", "a", "b", "bh", "d", "h", "s")) {
            if (!tags.containsKey(required)) {
                throw new InvalidException("signature lacks the " + required + "= tag", tags);
            }
        }
        if (!tags.get("v").equals("1")) {
            throw new InvalidException("unsupported signature version v=" + tags.get("v"), tags);
        }
        String algorithm = tags.get("a").toLowerCase(Locale.ROOT);
        if (!ALGORITHMS.contains(algorithm)) {
            throw new InvalidException("unsupported algorithm a=" + algorithm, tags);
        }
        byte[] signature = base64(tags.get("b"), "b", tags);
        byte[] bodyHash = base64(tags.get("bh"), "bh", tags);
        Canonicalizer hc = Canonicalizer.SIMPLE;
        Canonicalizer bc = Canonicalizer.SIMPLE;
        if (tags.containsKey("c")) {
            String[] c = tags.get("c").split("/", -1);
            try {
                hc = Canonicalizer.of(c[0].strip());
                bc = c.length > 1 ? Canonicalizer.of(c[1].strip()) : Canonicalizer.SIMPLE;
            } catch (IllegalArgumentException e) {
                throw new InvalidException(e.getMessage(), tags);
            }
            if (c.length > 2) {
                throw new InvalidException("bad c= tag", tags);
            }
        }
        String domain = tags.get("d").toLowerCase(Locale.ROOT);
        if (domain.isEmpty() || !SpfChecker.isDomainName(domain) && !domain.matches("[a-z0-9-]+")) {
            throw new InvalidException("bad d= domain", tags);
        }
        List<String> signed = Arrays.stream(tags.get("h").split(":")).map(String::strip).toList();
        if (signed.stream().noneMatch(h -> h.equalsIgnoreCase("from"))) {
            throw new InvalidException("From is not signed (h= must include it, RFC 6376 §5.4)", tags);
        }
        String auid = tags.getOrDefault("i", "@" + domain);
        int at = auid.lastIndexOf('@');
        String auidDomain = at < 0 ? "" : auid.substring(at + 1).toLowerCase(Locale.ROOT);
        if (at < 0 || !(auidDomain.equals(domain) || auidDomain.endsWith("." + domain))) {
            throw new InvalidException("i= is not in the d= domain", tags);
        }
        long length = number(tags, "l");
        if (tags.containsKey("q") && !Arrays.stream(tags.get("q").split(":")).map(String::strip)
                .anyMatch(q -> q.equalsIgnoreCase("dns/txt"))) {
            throw new InvalidException("unsupported query method q=" + tags.get("q"), tags);
        }
        String selector = tags.get("s");
        if (selector.isEmpty()) {
            throw new InvalidException("empty s= selector", tags);
        }
        long t = number(tags, "t");
        long x = number(tags, "x");
        if (x >= 0 && t >= 0 && x < t) {
            throw new InvalidException("x= is before t=", tags);
        }
        // §3.5 x=: signatures are not valid after the expiration time
        if (x >= 0 && now > x) {
            throw new InvalidException("signature expired", tags);
        }
        return new DkimSignatureHeader(algorithm, signature, TagList.noSpace(tags.get("b")), bodyHash, hc, bc,
                domain, signed, auid, length, selector, t, x, raw);
    }

    private static byte[] base64(String value, String tag, Map<String, String> tags) throws InvalidException {
        try {
            byte[] b = Base64.getDecoder().decode(TagList.noSpace(value));
            if (b.length == 0) {
                throw new InvalidException("empty " + tag + "= tag", tags);
            }
            return b;
        } catch (IllegalArgumentException e) {
            throw new InvalidException("bad base64 in " + tag + "=", tags);
        }
    }

    private static long number(Map<String, String> tags, String tag) throws InvalidException {
        String v = tags.get(tag);
        if (v == null) {
            return -1;
        }
        if (v.isEmpty() || v.length() > 16 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidException("bad " + tag + "= value", tags);
        }
        return Long.parseLong(v);
    }

    /**
     * The field with the value of {@code b=} removed, white space around it included (§3.7), ready to be
     * canonicalized as the last header of the hash.
     *
     * @return the field's raw text without the signature
     */
    String withoutSignature() {
        int colon = raw.indexOf(':');
        StringBuilder out = new StringBuilder(raw.length()).append(raw, 0, colon + 1);
        String[] specs = raw.substring(colon + 1).split(";", -1);
        for (int i = 0; i < specs.length; i++) {
            if (i > 0) {
                out.append(';');
            }
            String spec = specs[i];
            int eq = spec.indexOf('=');
            if (eq > 0 && spec.substring(0, eq).strip().equals("b")) {
                out.append(spec, 0, eq + 1);
            } else {
                out.append(spec);
            }
        }
        return out.toString();
    }
}
