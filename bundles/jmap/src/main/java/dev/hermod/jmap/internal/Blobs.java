package dev.hermod.jmap.internal;

import dev.hermod.api.mail.MessageId;
import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.MailboxException;
import dev.hermod.api.message.BodyPart;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;
import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;

/**
 * Blob ids and their content. {@code M<emailId>}: a message's raw bytes (Email {@code blobId});
 * {@code P<emailId>.<partId>}: one body part's content, transfer encoding removed (EmailBodyPart
 * {@code blobId}); {@code U<sha256>}: an upload.
 */
final class Blobs {

    private final Uploads uploads;

    Blobs(Uploads uploads) {
        this.uploads = uploads;
    }

    static String message(MessageId id) {
        return "M" + id;
    }

    static String part(MessageId id, String partId) {
        return "P" + id + "." + partId;
    }

    Uploads uploads() {
        return uploads;
    }

    /** @return the blob's content, or empty when the account has no such blob */
    Optional<byte[]> read(MailAccount account, String blobId) {
        try (InputStream in = open(account, blobId)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the content, or null when the account has no such blob */
    InputStream open(MailAccount account, String blobId) {
        if (blobId == null || blobId.isEmpty()) {
            return null;
        }
        try {
            switch (blobId.charAt(0)) {
                case 'U':
                    return uploads.get(account.id().toString(), blobId).map(b -> (InputStream) new java.io.ByteArrayInputStream(b)).orElse(null);
                case 'M':
                    MessageId id = MessageId.parse(blobId.substring(1));
                    account.message(id);
                    return account.open(id, 0, -1);
                case 'P':
                    int dot = blobId.indexOf('.');
                    if (dot < 0) {
                        return null;
                    }
                    MessageId message = MessageId.parse(blobId.substring(1, dot));
                    Optional<BodyPart> part = account.summary(message).part(blobId.substring(dot + 1));
                    if (part.isEmpty() || part.get().isMultipart()) {
                        return null;
                    }
                    return decode(account.open(message, part.get().bodyStart(), part.get().size()), part.get().encoding());
                default:
                    return null;
            }
        } catch (IllegalArgumentException | MailboxException e) {
            return null;
        }
    }

    /** Removes a part's content transfer encoding (RFC 2045 §6). */
    static InputStream decode(InputStream raw, String encoding) {
        String e = encoding == null ? "" : encoding.toLowerCase(Locale.ROOT);
        if (e.equals("base64")) {
            return new Base64InputStream(raw);
        }
        if (e.equals("quoted-printable")) {
            return new QuotedPrintableInputStream(raw);
        }
        return raw;
    }
}
