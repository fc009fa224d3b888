package dev.hermod.dkim.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Base64;
import java.util.List;

/**
 * Writes one {@code DKIM-Signature} field (RFC 6376 §3.5, RFC 8463 for Ed25519) with {@code c=relaxed/relaxed},
 * folded into lines of at most {@value #LINE} octets: tags in the order {@code v a c d s t h bh b}, {@code h=}
 * folded after a colon, and {@code b=} last, its base64 folded over as many lines as it needs. The field is
 * hashed as it is written, with {@code b=} empty (§3.7), so folding never affects the signature.
 */
final class SignatureField {

    /** The longest line, CRLF excluded (RFC 5322 §2.1.1 recommends 78). */
    static final int LINE = 78;

    private final StringBuilder text = new StringBuilder("DKIM-Signature:");
    private int column = text.length();

    private SignatureField() {
    }

    /**
     * Signs a message.
     *
     * @param header        the message's header fields (its body is not used)
     * @param signedHeaders {@code h=}, lower case, repeated names signing several instances or oversigning
     * @param bodyHash      the SHA-256 hash of the relaxed canonical body
     * @param key           the key, its domain and selector
     * @param timestamp     {@code t=}, seconds since the epoch
     * @return the complete field, folded with CRLF and a tab, without a final CRLF
     * @throws GeneralSecurityException if the key cannot sign
     */
    static String sign(RawMessage header, List<String> signedHeaders, byte[] bodyHash, SigningKeys.Key key,
                       long timestamp) throws GeneralSecurityException {
        SignatureField f = new SignatureField();
        String algorithm = key.signingAlgorithm();
        f.token("v=1;");
        f.token("a=" + algorithm + ";");
        f.token("c=relaxed/relaxed;");
        f.token("d=" + key.domain() + ";");
        f.token("s=" + key.selector() + ";");
        f.token("t=" + timestamp + ";");
        for (int i = 0; i < signedHeaders.size(); i++) {
            String piece = (i == 0 ? "h=" : "") + signedHeaders.get(i) + (i < signedHeaders.size() - 1 ? ":" : ";");
            if (i == 0) {
                f.token(piece);
            } else {
                f.append(piece);
            }
        }
        f.token("bh=" + Base64.getEncoder().encodeToString(bodyHash) + ";");
        f.token("b=");
        byte[] data = DkimVerifier.headerData(header, signedHeaders, Canonicalizer.RELAXED, f.text.toString());
        byte[] signature;
        if (algorithm.startsWith(DkimKeys.ED25519)) {
            // RFC 8463 §3: Ed25519 signs the SHA-256 hash of the data, not the data
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key.key());
            s.update(MessageDigest.getInstance("SHA-256").digest(data));
            signature = s.sign();
        } else {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key.key());
            s.update(data);
            signature = s.sign();
        }
        String b = Base64.getEncoder().encodeToString(signature);
        int pos = 0;
        while (pos < b.length()) {
            int room = LINE - f.column;
            if (room < 8) {
                f.fold();
                room = LINE - f.column;
            }
            int end = Math.min(b.length(), pos + room);
            f.text.append(b, pos, end);
            f.column += end - pos;
            pos = end;
        }
        return f.text.toString();
    }

    /** Adds a tag after a space, or on a new line when it does not fit. */
    private void token(String token) {
        if (column + 1 + token.length() > LINE) {
            fold();
        } else {
            text.append(' ');
            column++;
        }
        text.append(token);
        column += token.length();
    }

    /** Adds text right after the previous, or on a new line when it does not fit. */
    private void append(String piece) {
        if (column + piece.length() > LINE) {
            fold();
        }
        text.append(piece);
        column += piece.length();
    }

    private void fold() {
        text.append("\r\n\t");
        column = 1;
    }
}
