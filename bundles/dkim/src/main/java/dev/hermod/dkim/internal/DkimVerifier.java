package dev.hermod.dkim.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Verifies every {@code DKIM-Signature} of a message (RFC 6376 §6.1), each independently.
 *
 * <ul>
 *   <li>Algorithms: {@code rsa-sha256}, {@code ed25519-sha256} (RFC 8463: Ed25519 over the SHA-256 hash of the
 *       header data) and {@code rsa-sha1}, which is verified but reported as {@code policy}: RFC 8301 §3.1
 *       says verifiers must not treat it as valid, so it never counts for DMARC.</li>
 *   <li>Results: body hash or signature mismatch gives {@code fail}; a malformed or expired signature, a missing,
 *       revoked or unusable key gives {@code permerror} (PERMFAIL in §6.1); a DNS failure fetching the key
 *       gives {@code temperror} (TEMPFAIL, §6.1.2).</li>
 *   <li>Header selection (§5.4.2): each name in {@code h=} takes the last not yet used field of that name,
 *       counting from the bottom; a name with no field left contributes nothing (signing absent fields
 *       prevents their addition).</li>
 * </ul>
 */
final class DkimVerifier {

    private final DnsLookup dns;
    private final Clock clock;

    DkimVerifier(DnsLookup dns, Clock clock) {
        this.dns = dns;
        this.clock = clock;
    }

    /**
     * @param message the message as received
     * @return one result per {@code DKIM-Signature} field, top first; empty when there is none
     */
    List<DkimResult> verify(RawMessage message) {
        List<DkimResult> results = new ArrayList<>();
        Map<String, byte[]> canonicalBodies = new HashMap<>();
        long now = clock.millis() / 1000;
        for (RawMessage.Field field : message.all("DKIM-Signature")) {
            results.add(verifyOne(message, field, now, canonicalBodies));
        }
        return results;
    }

    private DkimResult verifyOne(RawMessage message, RawMessage.Field field, long now, Map<String, byte[]> bodies) {
        DkimSignatureHeader sig;
        try {
            sig = DkimSignatureHeader.parse(field.raw(), now);
        } catch (DkimSignatureHeader.InvalidException e) {
            return new DkimResult(DkimResult.PERMERROR, e.domain, e.selector, e.signatureText, e.getMessage());
        }
        DkimKey key;
        String keyName = sig.selector() + "._domainkey." + sig.domain();
        DnsLookup.Answer<String> txt = dns.txt(keyName);
        if (txt.status() == DnsLookup.Status.ERROR) {
            return result(sig, DkimResult.TEMPERROR, "key query for " + keyName + " failed");
        }
        if (!txt.found()) {
            return result(sig, DkimResult.PERMERROR, "no key for signature at " + keyName);
        }
        try {
            key = DkimKey.parse(txt.records().get(0));
        } catch (DkimKey.InvalidException e) {
            return result(sig, DkimResult.PERMERROR, e.getMessage());
        }
        boolean ed25519 = sig.algorithm().startsWith("ed25519");
        if (!key.type().equals(ed25519 ? "ed25519" : "rsa")) {
            return result(sig, DkimResult.PERMERROR, "key type " + key.type() + " does not match a=" + sig.algorithm());
        }
        String hash = sig.algorithm().endsWith("sha1") ? "sha1" : "sha256";
        if (!key.hashes().isEmpty() && !key.hashes().contains(hash)) {
            return result(sig, DkimResult.PERMERROR, "key does not allow " + hash);
        }
        if (key.strict() && !sig.auid().substring(sig.auid().lastIndexOf('@') + 1).equalsIgnoreCase(sig.domain())) {
            return result(sig, DkimResult.PERMERROR, "key has t=s but i= is a subdomain of d=");
        }
        String digest = hash.equals("sha1") ? "SHA-1" : "SHA-256";
        try {
            // §3.7: the body hash over the canonical body, cut to l= octets
            byte[] body = bodies.computeIfAbsent(sig.bodyCanon().name(), c -> sig.bodyCanon().body(message.body()));
            int length = body.length;
            if (sig.length() >= 0) {
                if (sig.length() > body.length) {
                    return result(sig, DkimResult.PERMERROR, "l= is longer than the body");
                }
                length = (int) sig.length();
            }
            MessageDigest md = MessageDigest.getInstance(digest);
            md.update(body, 0, length);
            if (!MessageDigest.isEqual(md.digest(), sig.bodyHash())) {
                return result(sig, DkimResult.FAIL, "body hash did not verify");
            }
            byte[] data = headerData(message, sig);
            boolean valid;
            if (ed25519) {
                Signature verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(key.key());
                verifier.update(MessageDigest.getInstance("SHA-256").digest(data));
                valid = verifier.verify(sig.signature());
            } else {
                Signature verifier = Signature.getInstance(hash.equals("sha1") ? "SHA1withRSA" : "SHA256withRSA");
                verifier.initVerify(key.key());
                verifier.update(data);
                valid = verifier.verify(sig.signature());
            }
            if (!valid) {
                return result(sig, DkimResult.FAIL, "signature did not verify");
            }
        } catch (GeneralSecurityException e) {
            return result(sig, DkimResult.FAIL, "signature did not verify");
        }
        if (hash.equals("sha1")) {
            return result(sig, DkimResult.POLICY, "rsa-sha1 is too weak, RFC 8301");
        }
        return result(sig, DkimResult.PASS, key.testing() ? "key in test mode" : null);
    }

    /** §3.7: the selected header fields, then this signature's field without b= and without its final CRLF. */
    static byte[] headerData(RawMessage message, DkimSignatureHeader sig) {
        return headerData(message, sig.signedHeaders(), sig.headerCanon(), sig.withoutSignature());
    }

    /**
     * The data a signature signs (RFC 6376 §3.7), shared by verification and signing.
     *
     * @param message       the message
     * @param signedHeaders {@code h=}: each name takes the last field of that name not yet used, counting from
     *                      the bottom (§5.4.2); a name with no field left contributes nothing
     * @param canon         the header canonicalization
     * @param signatureField the {@code DKIM-Signature} field with an empty {@code b=} value, no final CRLF
     * @return the canonical fields, then the canonical signature field without its final CRLF
     */
    static byte[] headerData(RawMessage message, List<String> signedHeaders, Canonicalizer canon,
                             String signatureField) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        Map<String, Integer> used = new HashMap<>();
        for (String name : signedHeaders) {
            String key = name.toLowerCase(Locale.ROOT);
            List<RawMessage.Field> fields = message.all(name);
            int taken = used.getOrDefault(key, 0);
            if (taken < fields.size()) {
                RawMessage.Field f = fields.get(fields.size() - 1 - taken);
                data.writeBytes(canon.header(f.raw()).getBytes(StandardCharsets.ISO_8859_1));
            }
            used.put(key, taken + 1);
        }
        String self = canon.header(signatureField);
        data.writeBytes(self.substring(0, self.length() - 2).getBytes(StandardCharsets.ISO_8859_1));
        return data.toByteArray();
    }

    private static DkimResult result(DkimSignatureHeader sig, String result, String reason) {
        return new DkimResult(result, sig.domain(), sig.selector(), sig.signatureText(), reason);
    }
}
