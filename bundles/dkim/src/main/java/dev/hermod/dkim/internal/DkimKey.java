package dev.hermod.dkim.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A DKIM key record from {@code selector._domainkey.domain} (RFC 6376 §3.6.1), with an Ed25519 key as RFC 8463
 * publishes it (the 32 raw octets).
 *
 * @param type       {@code rsa} or {@code ed25519} ({@code k=})
 * @param key        the public key
 * @param hashes     the hash algorithms allowed by {@code h=}, empty for any
 * @param strict     {@code t=s}: the {@code i=} domain must be exactly {@code d=}
 * @param testing    {@code t=y}: the domain is testing DKIM
 */
record DkimKey(String type, PublicKey key, List<String> hashes, boolean strict, boolean testing) {

    /** Smallest RSA key accepted (RFC 8301 §3.2). */
    static final int MIN_RSA_BITS = 1024;

    /** A record that is not a usable key: {@code permerror}. */
    static final class InvalidException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidException(String message) {
            super(message);
        }
    }

    // SubjectPublicKeyInfo prefix for Ed25519 (RFC 8410 §4): SEQUENCE { SEQUENCE { OID 1.3.101.112 } BIT STRING }
    private static final byte[] ED25519_SPKI = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    /**
     * @param txt the TXT record, its strings joined
     * @return the key
     * @throws InvalidException if the record is malformed, revoked ({@code p=} empty), not for email, or its
     *                          key cannot be decoded or is too short
     */
    static DkimKey parse(String txt) throws InvalidException {
        Map<String, String> tags;
        try {
            tags = TagList.parse(txt);
        } catch (IllegalArgumentException e) {
            throw new InvalidException("malformed key record: " + e.getMessage());
        }
        if (tags.containsKey("v") && (!tags.keySet().iterator().next().equals("v") || !tags.get("v").equals("DKIM1"))) {
            throw new InvalidException("key record version must be v=DKIM1, first");
        }
        String p = tags.get("p");
        if (p == null) {
            throw new InvalidException("key record has no p= tag");
        }
        p = TagList.noSpace(p);
        if (p.isEmpty()) {
            throw new InvalidException("key revoked (empty p=)");
        }
        if (tags.containsKey("s") && Arrays.stream(tags.get("s").split(":")).map(String::strip)
                .noneMatch(s -> s.equals("*") || s.equalsIgnoreCase("email"))) {
            throw new InvalidException("key is not for email (s=" + tags.get("s") + ")");
        }
        List<String> flags = Arrays.stream(tags.getOrDefault("t", "").split(":")).map(String::strip).toList();
        List<String> hashes = tags.containsKey("h")
                ? Arrays.stream(tags.get("h").split(":")).map(String::strip).toList() : List.of();
        String type = tags.getOrDefault("k", "rsa");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(p);
        } catch (IllegalArgumentException e) {
            throw new InvalidException("bad base64 in p=");
        }
        PublicKey key;
        try {
            if (type.equals("rsa")) {
                key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
                if (((RSAPublicKey) key).getModulus().bitLength() < MIN_RSA_BITS) {
                    throw new InvalidException("RSA key shorter than " + MIN_RSA_BITS + " bits (RFC 8301 §3.2)");
                }
            } else if (type.equals("ed25519")) {
                if (der.length != 32) {
                    throw new InvalidException("an Ed25519 key is 32 octets (RFC 8463 §4)");
                }
                byte[] spki = Arrays.copyOf(ED25519_SPKI, ED25519_SPKI.length + 32);
                System.arraycopy(der, 0, spki, ED25519_SPKI.length, 32);
                key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
            } else {
                throw new InvalidException("unsupported key type k=" + type);
            }
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new InvalidException("key in p= does not decode as " + type);
        }
        return new DkimKey(type, key, hashes, flags.contains("s"), flags.contains("y"));
    }
}
