package dev.hermod.password.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The text encodings of stored values. Decoders throw {@link IllegalArgumentException} on bad input. */
final class Codecs {
    /** crypt(3)'s alphabet, used by MD5-crypt and SHA-crypt (least significant 6 bits first). */
    static final String CRYPT64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    /** bcrypt's alphabet: standard base64's order shifted, without padding. */
    private static final String BCRYPT64 = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String STD64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Codecs() {}

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Standard base64 (RFC 4648 §4), padded or not, as RFC 2307 values and PHC strings use it; only the
     * canonical encoding (unused low bits zero, RFC 4648 §3.5), so that a value has one spelling.
     */
    static byte[] base64(String s) {
        byte[] b = Base64.getDecoder().decode(s);
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '=') {
            end--;
        }
        if (!base64Unpadded(b).contentEquals(s.subSequence(0, end))) {
            throw new IllegalArgumentException("not canonical base64");
        }
        return b;
    }

    static String base64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    static String base64Unpadded(byte[] b) {
        return Base64.getEncoder().withoutPadding().encodeToString(b);
    }

    /** passlib's "adapted base64" (also OpenLDAP pw-pbkdf2's): '.' for '+', no padding. */
    static byte[] ab64(String s) {
        if (s.indexOf('+') >= 0) {
            throw new IllegalArgumentException("not adapted base64");
        }
        return base64(s.replace('.', '+'));
    }

    static String ab64(byte[] b) {
        return base64Unpadded(b).replace('+', '.');
    }

    /** bcrypt's base64 of {@code n} bytes (big-endian groups like standard base64, another alphabet). */
    static byte[] bcrypt64(String s, int n) {
        StringBuilder std = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            int v = BCRYPT64.indexOf(s.charAt(i));
            if (v < 0) {
                throw new IllegalArgumentException("not bcrypt base64");
            }
            std.append(STD64.charAt(v));
        }
        byte[] out = Base64.getDecoder().decode(std.toString());
        if (out.length != n) {
            throw new IllegalArgumentException("wrong length");
        }
        return out;
    }

    static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return (s.length() & 1) == 0;
    }

    static byte[] hex(String s) {
        if (!isHex(s)) {
            throw new IllegalArgumentException("not hex");
        }
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (Character.digit(s.charAt(2 * i), 16) << 4 | Character.digit(s.charAt(2 * i + 1), 16));
        }
        return out;
    }

    static String hex(byte[] b) {
        char[] out = new char[b.length * 2];
        for (int i = 0; i < b.length; i++) {
            out[2 * i] = HEX[(b[i] >> 4) & 15];
            out[2 * i + 1] = HEX[b[i] & 15];
        }
        return new String(out);
    }

    /** Appends {@code chars} characters of crypt64 for the 24-bit group b2 b1 b0 (least significant first). */
    static void crypt64(StringBuilder out, int b2, int b1, int b0, int chars) {
        int w = (b2 & 0xff) << 16 | (b1 & 0xff) << 8 | (b0 & 0xff);
        for (int i = 0; i < chars; i++) {
            out.append(CRYPT64.charAt(w & 0x3f));
            w >>>= 6;
        }
    }

    static boolean isCrypt64(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (CRYPT64.indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** A salt for crypt(3) formats: {@code n} random characters of crypt64. */
    static String cryptSalt(int n) {
        byte[] random = Salts.bytes(n);
        StringBuilder salt = new StringBuilder(n);
        for (byte b : random) {
            salt.append(CRYPT64.charAt(b & 0x3f));
        }
        return salt.toString();
    }
}
