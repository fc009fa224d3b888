package dev.hermod.password.internal;

import dev.hermod.password.PasswordScheme;
import java.util.Locale;

/**
 * Reads a stored value: a brace prefix (case-insensitive, Dovecot's {@code .HEX}/{@code .B64} suffixes
 * allowed where Dovecot allows them), a bare crypt string {@code $id$…}, or else cleartext. The rules are
 * those documented on {@link dev.hermod.password.Passwords}.
 */
public final class Parser {
    /** How a digest or cleartext is written after its prefix. */
    enum Encoding { NONE, BASE64, HEX }

    private static final int MAX_PREFIX = 32;

    private Parser() {}

    /** Never throws: a defect here reads as an unusable value. */
    public static StoredValue parse(String stored) {
        try {
            return read(stored);
        } catch (RuntimeException e) {
            return StoredValue.refused(null, "stored value", "unreadable");
        }
    }

    private static StoredValue read(String stored) {
        if (stored == null) {
            return StoredValue.refused(null, "no stored value", "absent");
        }
        if (stored.isEmpty()) {
            return StoredValue.refused(null, "empty stored value", "matches no password");
        }
        if (stored.length() > Limits.MAX_STORED_CHARS) {
            return StoredValue.refused(null, "stored value",
                    "longer than the limit of " + Limits.MAX_STORED_CHARS + " characters");
        }
        if (stored.charAt(0) == '{') {
            int close = stored.indexOf('}');
            if (close > 1 && close <= MAX_PREFIX + 1 && isPrefixName(stored.substring(1, close))) {
                return prefixed(stored.substring(1, close).toUpperCase(Locale.ROOT), stored.substring(close + 1));
            }
        }
        if (cryptId(stored) != null) {
            return crypt(null, stored);
        }
        return Plain.parse(null, stored, Encoding.NONE);
    }

    private static StoredValue prefixed(String name, String body) {
        String prefix = "{" + name + "}";
        String base = name;
        Encoding encoding = Encoding.NONE;
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            String suffix = name.substring(dot + 1);
            encoding = suffix.equals("HEX") ? Encoding.HEX
                    : suffix.equals("B64") || suffix.equals("BASE64") ? Encoding.BASE64 : null;
            base = name.substring(0, dot);
            if (encoding == null) {
                return unknown(prefix, body);
            }
        }
        switch (base) {
            case "PLAIN", "CLEAR", "CLEARTEXT":
                return Plain.parse(prefix, body, encoding);
            case "SHA", "SHA1":
                return Digests.parse(PasswordScheme.SHA, prefix, body, encoding);
            case "SSHA":
                return Digests.parse(PasswordScheme.SSHA, prefix, body, encoding);
            case "SHA256":
                return Digests.parse(PasswordScheme.SHA256, prefix, body, encoding);
            case "SSHA256":
                return Digests.parse(PasswordScheme.SSHA256, prefix, body, encoding);
            case "SHA512":
                return Digests.parse(PasswordScheme.SHA512, prefix, body, encoding);
            case "SSHA512":
                return Digests.parse(PasswordScheme.SSHA512, prefix, body, encoding);
            case "SMD5":
                return Digests.parse(PasswordScheme.SMD5, prefix, body, encoding);
            case "LDAP-MD5", "PLAIN-MD5":
                return Digests.parse(PasswordScheme.MD5, prefix, body, encoding);
            case "MD5":
                // RFC 2307's {MD5} is a digest; Dovecot's is MD5-crypt: the value tells which.
                return body.startsWith(Md5Crypt.MAGIC) && encoding == Encoding.NONE ? crypt(prefix, body)
                        : Digests.parse(PasswordScheme.MD5, prefix, body, encoding);
            default:
                break;
        }
        if (encoding != Encoding.NONE) {
            return unknown(prefix, body);
        }
        switch (base) {
            case "CRYPT", "MD5-CRYPT", "SHA256-CRYPT", "SHA512-CRYPT", "BLF-CRYPT", "ARGON2", "ARGON2I", "ARGON2ID":
                if (cryptId(body) != null) {
                    return crypt(prefix, body);
                }
                if (body.length() == 13 && Codecs.isCrypt64(body)) {
                    return StoredValue.refused(null, StoredValue.describe("DES-CRYPT", prefix), "not supported");
                }
                return StoredValue.refused(null, StoredValue.describe("crypt", prefix), "malformed");
            case "PBKDF2":
                return body.startsWith(Pbkdf2.DOVECOT) ? Pbkdf2.parseDovecot(prefix, body)
                        : Pbkdf2.parseModular(PasswordScheme.PBKDF2_SHA1, prefix, body);
            case "PBKDF2-SHA1":
                return Pbkdf2.parseModular(PasswordScheme.PBKDF2_SHA1, prefix, body);
            case "PBKDF2-SHA256":
                return Pbkdf2.parseModular(PasswordScheme.PBKDF2_SHA256, prefix, body);
            case "PBKDF2-SHA512":
                return Pbkdf2.parseModular(PasswordScheme.PBKDF2_SHA512, prefix, body);
            default:
                return unknown(prefix, body);
        }
    }

    /** A crypt string {@code $id$…}, bare or after a prefix (which may be null). */
    private static StoredValue crypt(String prefix, String setting) {
        String id = cryptId(setting);
        switch (id) {
            case "1":
                return Md5Crypt.parse(prefix, setting);
            case "5", "6":
                return ShaCrypt.parse(prefix, setting);
            case "2a", "2b", "2y":
                return Bcrypt.parse(prefix, setting);
            case "argon2i", "argon2id":
                return Argon2.parse(prefix, setting);
            case "pbkdf2":
                return passlib(PasswordScheme.PBKDF2_SHA1, prefix, setting, id);
            case "pbkdf2-sha256":
                return passlib(PasswordScheme.PBKDF2_SHA256, prefix, setting, id);
            case "pbkdf2-sha512":
                return passlib(PasswordScheme.PBKDF2_SHA512, prefix, setting, id);
            default:
                String name = setting.length() > id.length() + 2 ? "crypt format $" + id + "$" : "crypt format";
                return StoredValue.refused(null, StoredValue.describe(name, prefix), "not supported");
        }
    }

    private static StoredValue passlib(PasswordScheme scheme, String prefix, String setting, String id) {
        String layout = prefix == null ? "$" + id + "$" : prefix + "$" + id + "$";
        return Pbkdf2.parseModular(scheme, layout, setting.substring(id.length() + 2));
    }

    /** Names the prefix only when a value follows it: alone, it may be someone's braced cleartext. */
    private static StoredValue unknown(String prefix, String body) {
        return StoredValue.refused(null, body.isEmpty() ? "scheme prefix" : "scheme " + prefix, "unknown");
    }

    /** The id of a modular crypt string {@code $id$…}: 1 to 32 of [a-z0-9-]; else null. */
    static String cryptId(String s) {
        if (s.length() < 3 || s.charAt(0) != '$') {
            return null;
        }
        int end = s.indexOf('$', 1);
        if (end < 2 || end > MAX_PREFIX + 1) {
            return null;
        }
        for (int i = 1; i < end; i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return null;
            }
        }
        return s.substring(1, end);
    }

    private static boolean isPrefixName(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** Salt characters the crypt formats allow: printable ASCII except {@code $} and {@code :}. */
    static boolean isSaltText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '$' || c == ':') {
                return false;
            }
        }
        return true;
    }
}
