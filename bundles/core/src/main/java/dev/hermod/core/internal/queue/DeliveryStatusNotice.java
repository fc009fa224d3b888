package dev.hermod.core.internal.queue;

import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.SmtpReply;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Writes a delivery status notification (RFC 3464) for the sender of a queued message: a
 * {@code multipart/report; report-type=delivery-status} (RFC 6522) with a human-readable part, a
 * {@code message/delivery-status} part and the original message ({@code RET=FULL}) or its header
 * ({@code text/rfc822-headers}: {@code RET=HDRS}, no {@code RET}, and every delay notice).
 */
final class DeliveryStatusNotice {

    /** Why the notice is sent. */
    enum Kind {
        /** Delivery failed for good (Action: failed). */
        FAILED,
        /** Delivery is late and still being retried (Action: delayed). */
        DELAYED
    }

    /** Most octets of the original header returned. */
    static final int MAX_HEADER = 64 * 1024;

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private DeliveryStatusNotice() {
    }

    /** Opens the original message from its first octet. */
    @FunctionalInterface
    interface Original {
        InputStream open() throws IOException;
    }

    /**
     * @param kind       failed or delayed
     * @param hostname   this server's name, for Reporting-MTA and the From address
     * @param entry      the entry reported on; its reverse-path is the notice's recipient
     * @param recipients the recipients reported on
     * @param now        the notice's date and the last attempt's
     * @param retryUntil when a delayed message expires (Will-Retry-Until)
     * @param original   the original message
     * @return the notice, CRLF line ends; the caller closes it
     * @throws IOException if the original cannot be read
     */
    static InputStream write(Kind kind, String hostname, EntryRecord entry, List<RecipientRecord> recipients,
                             Instant now, Instant retryUntil, Original original) throws IOException {
        boolean full = kind == Kind.FAILED && "FULL".equalsIgnoreCase(entry.parameters().getOrDefault("RET", ""));
        String boundary = "=_hermod_" + UUID.randomUUID().toString().replace("-", "");
        StringBuilder s = new StringBuilder(2048);
        Address sender = entry.from().address();
        header(s, "Date", DATE.format(now));
        header(s, "From", "Mail Delivery System <MAILER-DAEMON@" + hostname + ">");
        header(s, "To", "<" + sender + ">");
        header(s, "Subject", kind == Kind.FAILED ? "Undelivered Mail Returned to Sender"
                : "Delayed Mail (still being retried)");
        header(s, "Message-ID", "<" + UUID.randomUUID() + "@" + hostname + ">");
        // RFC 3834 §5: an automatic response; vacation responders and the like do not answer it.
        header(s, "Auto-Submitted", "auto-replied");
        header(s, "MIME-Version", "1.0");
        header(s, "Content-Type", "multipart/report; report-type=delivery-status;\r\n\tboundary=\"" + boundary + "\"");
        s.append("\r\nThis is a MIME-formatted delivery status notification.\r\n");

        s.append("\r\n--").append(boundary).append("\r\n");
        String human = humanReadable(kind, hostname, recipients, retryUntil, full);
        boolean utf8 = !isAscii(human);
        header(s, "Content-Type", "text/plain; charset=" + (utf8 ? "utf-8" : "us-ascii"));
        header(s, "Content-Transfer-Encoding", utf8 ? "8bit" : "7bit");
        s.append("\r\n").append(human);

        s.append("\r\n--").append(boundary).append("\r\n");
        header(s, "Content-Type", "message/delivery-status");
        s.append("\r\n");
        statusFields(s, kind, hostname, entry, recipients, now, retryUntil);

        s.append("\r\n--").append(boundary).append("\r\n");
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        if (full) {
            header(s, "Content-Type", "message/rfc822");
            header(s, "Content-Transfer-Encoding", entry.eightBit() ? "8bit" : "7bit");
            s.append("\r\n");
            byte[] head = s.toString().getBytes(StandardCharsets.UTF_8);
            return new SequenceInputStream(Collections.enumeration(List.of(new ByteArrayInputStream(head),
                    original.open(), new ByteArrayInputStream(tail))));
        }
        header(s, "Content-Type", "text/rfc822-headers");
        s.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 4096);
        out.write(s.toString().getBytes(StandardCharsets.UTF_8));
        try (InputStream in = original.open()) {
            out.write(originalHeader(in));
        }
        out.write(tail);
        return new ByteArrayInputStream(out.toByteArray());
    }

    /** The message's header up to the empty line, at most {@link #MAX_HEADER} octets of whole lines. */
    static byte[] originalHeader(InputStream in) throws IOException {
        byte[] buf = in.readNBytes(MAX_HEADER);
        int end = -1;
        if (buf.length > 0 && (buf[0] == '\n' || buf[0] == '\r' && buf.length > 1 && buf[1] == '\n')) {
            end = 0;
        }
        for (int i = 0; end < 0 && i + 1 < buf.length; i++) {
            if (buf[i] == '\n' && (buf[i + 1] == '\n' || buf[i + 1] == '\r' && i + 2 < buf.length && buf[i + 2] == '\n')) {
                end = i + 1;
            }
        }
        if (end < 0) {
            // No body, or a header longer than the limit: keep whole lines only.
            end = buf.length;
            while (end > 0 && buf[end - 1] != '\n') {
                end--;
            }
        }
        return java.util.Arrays.copyOf(buf, end);
    }

    private static String humanReadable(Kind kind, String hostname, List<RecipientRecord> recipients,
                                        Instant retryUntil, boolean full) {
        StringBuilder s = new StringBuilder();
        s.append("This is the mail delivery system at ").append(hostname).append(".\r\n\r\n");
        if (kind == Kind.FAILED) {
            s.append("Your message could not be delivered to the following recipients:\r\n\r\n");
        } else {
            s.append("Your message has not been delivered yet to the following recipients. Delivery will be\r\n")
                    .append("retried until ").append(DATE.format(retryUntil))
                    .append("; you need not send it again.\r\n\r\n");
        }
        for (RecipientRecord r : recipients) {
            s.append("  <").append(r.address()).append(">");
            if (r.expired()) {
                s.append(": no delivery before the message expired");
            }
            if (r.reply() != null) {
                s.append(r.expired() ? "; last reply: " : ": ").append(r.reply());
                if (r.remoteMta() != null) {
                    s.append(" (from ").append(r.remoteMta()).append(')');
                }
            }
            s.append("\r\n");
        }
        s.append("\r\n").append(full ? "Your message is attached.\r\n" : "The header of your message is attached.\r\n");
        return s.toString();
    }

    private static void statusFields(StringBuilder s, Kind kind, String hostname, EntryRecord entry,
                                     List<RecipientRecord> recipients, Instant now, Instant retryUntil) {
        // Per-message fields, RFC 3464 §2.2.
        header(s, "Reporting-MTA", "dns; " + hostname);
        String envid = entry.parameters().get("ENVID");
        if (envid != null) {
            header(s, "Original-Envelope-Id", Xtext.decode(envid));
        }
        header(s, "X-Hermod-Queue-ID", QueueKeys.format(entry.id()));
        header(s, "Arrival-Date", DATE.format(entry.queuedAt()));
        // Per-recipient fields, RFC 3464 §2.3, one group each after an empty line.
        for (RecipientRecord r : recipients) {
            s.append("\r\n");
            // RFC 6533 §3: an address with UTF-8 is of type utf-8, not rfc822.
            header(s, "Final-Recipient", (r.address().requiresSmtpUtf8() ? "utf-8; " : "rfc822; ") + r.address());
            header(s, "Action", kind == Kind.FAILED ? "failed" : "delayed");
            header(s, "Status", status(kind, r));
            if (r.remoteMta() != null) {
                header(s, "Remote-MTA", "dns; " + hostOf(r.remoteMta()));
            }
            if (r.reply() != null) {
                header(s, "Diagnostic-Code", "smtp; " + r.reply());
            }
            header(s, "Last-Attempt-Date", DATE.format(now));
            if (kind == Kind.DELAYED) {
                header(s, "Will-Retry-Until", DATE.format(retryUntil));
            }
        }
    }

    /** RFC 3463: the reply's enhanced code, else its class; 4.4.7 "delivery time expired" for an expiry. */
    static String status(Kind kind, RecipientRecord r) {
        if (r.expired()) {
            return "4.4.7";
        }
        SmtpReply reply = r.reply();
        if (reply != null && reply.enhancedStatus() != null) {
            return reply.enhancedStatus();
        }
        if (reply != null && reply.code() >= 400) {
            return reply.code() / 100 + ".0.0";
        }
        return kind == Kind.FAILED ? "5.0.0" : "4.0.0";
    }

    /** {@code mx1.example.com [192.0.2.7]} → {@code mx1.example.com}. */
    private static String hostOf(String remoteMta) {
        int space = remoteMta.indexOf(' ');
        return space < 0 ? remoteMta : remoteMta.substring(0, space);
    }

    private static void header(StringBuilder s, String name, String value) {
        s.append(name).append(": ").append(value).append("\r\n");
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 128);
    }
}
