package dev.hermod.password.internal;

import dev.hermod.password.PasswordScheme;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The secret itself: {PLAIN}, {CLEAR}, {CLEARTEXT} (Dovecot's .B64 and .HEX suffixes too), or no prefix. */
final class Plain {
    private Plain() {}

    static StoredValue parse(String prefix, String body, Parser.Encoding encoding) {
        String description = StoredValue.describe(PasswordScheme.PLAIN.label(), prefix == null ? "no prefix" : prefix);
        String secret;
        try {
            secret = switch (encoding) {
                case NONE -> body;
                case BASE64 -> strictUtf8(Codecs.base64(body));
                case HEX -> strictUtf8(Codecs.hex(body));
            };
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return StoredValue.refused(PasswordScheme.PLAIN, description, "malformed encoding");
        }
        if (secret.isEmpty()) {
            return StoredValue.refused(PasswordScheme.PLAIN, description, "empty, matches no password");
        }
        byte[] expected = Codecs.utf8(secret);
        // isEqual's time depends on its first argument's length only: the presented password's.
        return StoredValue.cleartext(description, secret,
                password -> MessageDigest.isEqual(Codecs.utf8(password), expected));
    }

    private static String strictUtf8(byte[] b) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
    }
}
