package dev.hermod.jmap.internal;

import dev.hermod.api.crypto.MessageSigner;
import dev.hermod.api.mail.ReversePath;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * DKIM signatures (RFC 6376) on a submission bound for other servers, for the envelope sender's domain, as
 * SMTP submission signs: the fields are prepended to the message as it is queued.
 */
final class DkimSigning {

    private DkimSigning() {
    }

    /**
     * @param signer the signer in use, or {@code null}
     * @param from   the envelope sender
     * @param raw    the message as it will be sent
     * @return the message with its DKIM-Signature fields first, or {@code raw} when there is no signer, no
     *         sender, or no key for the sender's domain
     * @throws dev.hermod.api.mail.TemporaryFailureException if the key cannot be read now (nothing is sent)
     */
    static byte[] signed(MessageSigner signer, ReversePath from, byte[] raw) throws IOException {
        if (signer == null || from.mailbox().isEmpty()) {
            return raw;
        }
        String domain = from.mailbox().get().domain().toLowerCase(Locale.ROOT);
        if (!signer.canSign(domain)) {
            return raw;
        }
        List<String> fields = signer.sign(domain, new ByteArrayInputStream(raw));
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + 1024);
        for (String field : fields) {
            out.writeBytes((field + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(raw);
        return out.toByteArray();
    }
}
