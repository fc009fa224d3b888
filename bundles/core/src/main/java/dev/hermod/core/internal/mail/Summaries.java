package dev.hermod.core.internal.mail;

import dev.hermod.api.message.BodyPart;
import dev.hermod.api.message.MessageSummary;
import dev.hermod.api.store.KeyValueIterator;
import dev.hermod.api.store.Keys;
import dev.hermod.api.store.ReadTransaction;
import dev.hermod.message.MessageParser;
import dev.hermod.message.SummaryCodec;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

/**
 * Parsed summaries, one per blob per account under {@code 10 account 05 hash 01 chunk(2)}, split into
 * chunks of {@value #CHUNK} bytes to stay under the store's value limit. Copies share the summary of
 * their blob.
 *
 * <p>The first byte names the format: {@value #FORMAT_PARSED}, the {@link SummaryCodec} encoding follows
 * (with its own version byte); {@value #FORMAT_HEADER}, written before the parser was wired in, the raw
 * header section as received (cut at 256 KiB). The latter is still read: its header section is parsed
 * into a minimal summary (envelope and header fields exact, the body one part of unknown structure).
 */
final class Summaries {

    static final int CHUNK = 90_000;
    static final int MAX_CHUNKS = 0xFFFF;
    static final int FORMAT_HEADER = 1;
    static final int FORMAT_PARSED = 2;

    private static final MessageParser PARSER = new MessageParser();

    private Summaries() {
    }

    static byte[] encode(MessageSummary summary) {
        byte[] codec = SummaryCodec.encode(summary);
        byte[] stored = new byte[codec.length + 1];
        stored[0] = FORMAT_PARSED;
        System.arraycopy(codec, 0, stored, 1, codec.length);
        return stored;
    }

    /**
     * Decodes a stored summary.
     *
     * @param stored what {@link #read} returned
     * @param size the message's size in octets, which a format {@value #FORMAT_HEADER} summary lacks
     * @throws IllegalStateException for a format this release does not read
     */
    static MessageSummary decode(byte[] stored, long size) {
        int format = stored.length == 0 ? -1 : stored[0];
        if (format == FORMAT_PARSED) {
            return SummaryCodec.decode(Arrays.copyOfRange(stored, 1, stored.length));
        }
        if (format == FORMAT_HEADER) {
            return fromHeader(Arrays.copyOfRange(stored, 1, stored.length), size);
        }
        throw new IllegalStateException("message summary has format " + format + ", this Hermod reads "
                + FORMAT_HEADER + " and " + FORMAT_PARSED + ": was it written by a newer release?");
    }

    /** The header section parsed as a message without body, then stretched to the real size. */
    private static MessageSummary fromHeader(byte[] header, long size) {
        int n = header.length;
        boolean lineEnded = n > 0 && header[n - 1] == '\n';
        boolean crlf = n > 1 && header[n - 2] == '\r';
        byte[] end = lineEnded ? (crlf ? new byte[] {'\r', '\n'} : new byte[] {'\n'}) : new byte[] {'\r', '\n', '\r', '\n'};
        byte[] raw = Arrays.copyOf(header, n + end.length);
        System.arraycopy(end, 0, raw, n, end.length);
        MessageSummary s = PARSER.parse(raw);
        long headerLength = Math.min(size, s.headerLength());
        BodyPart p = s.body();
        BodyPart body = new BodyPart(p.partId(), p.type(), p.subtype(), p.parameters(), p.contentId(), p.description(),
                p.encoding(), 0, -1, p.md5(), p.disposition(), p.dispositionParameters(), p.language(), p.location(),
                p.charset(), p.name(), 0, headerLength, Math.max(headerLength, size), List.of(), null);
        return new MessageSummary(Math.max(headerLength, size), headerLength, s.envelope(), s.baseSubject(), s.headers(),
                s.headersTruncated(), body, "", s.hasAttachment(), s.textBody(), s.htmlBody(), s.attachments());
    }

    static void write(AccountTxn t, byte[] hash, byte[] summary) {
        int chunks = Math.max(1, (summary.length + CHUNK - 1) / CHUNK);
        if (chunks > MAX_CHUNKS) {
            throw new IllegalArgumentException("summary of " + summary.length + " bytes is too large");
        }
        for (int i = 0; i < chunks; i++) {
            int from = i * CHUNK;
            t.txn.set(MailKeys.summaryChunk(t.account, hash, i),
                    Arrays.copyOfRange(summary, from, Math.min(summary.length, from + CHUNK)));
        }
    }

    /** @return the summary, or {@code null} if none is stored */
    static byte[] read(ReadTransaction txn, long account, byte[] hash) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean any = false;
        try (KeyValueIterator it = txn.prefix(MailKeys.summaryChunks(account, hash), 0, false)) {
            while (it.hasNext()) {
                out.writeBytes(it.next().value());
                any = true;
            }
        }
        return any ? out.toByteArray() : null;
    }

    static void clear(AccountTxn t, byte[] hash) {
        byte[] prefix = MailKeys.summaryChunks(t.account, hash);
        t.txn.clearRange(prefix, Keys.strinc(prefix));
    }
}
