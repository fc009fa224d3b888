package dev.hermod.message.internal;

import java.io.IOException;
import java.io.InputStream;

import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;

/**
 * Reads a leaf part's body to its end: decodes the transfer encoding with mime4j's lenient decoders to
 * count the decoded size (IMAP {@code BINARY.SIZE} must match what a {@code BINARY} fetch, decoding the
 * same way, returns) and feeds the decoded octets to a {@link TextDecoder} while it wants more.
 */
final class LeafReader {

    private LeafReader() {
    }

    /**
     * @param text receives the decoded octets, or {@code null}
     * @return the decoded size, or -1 for an unknown transfer encoding or one the decoder gave up on
     */
    static long read(MimeScanner scanner, RawInput in, String encoding, TextDecoder text) throws IOException {
        long start = in.position();
        boolean identity = switch (encoding) {
            case "7bit", "8bit", "binary" -> true;
            default -> false;
        };
        if (identity && text == null) {
            scanner.skipRegion();
            return in.position() - start;
        }
        RegionStream raw = new RegionStream(scanner);
        long size = -1;
        try (InputStream decoded = switch (encoding) {
            case "base64" -> new Base64InputStream(raw, DecodeMonitor.SILENT);
            case "quoted-printable" -> new QuotedPrintableInputStream(raw, DecodeMonitor.SILENT);
            default -> identity ? raw : null;
        }) {
            if (decoded != null) {
                size = copy(decoded, text);
            }
        } catch (RegionStream.SourceFailure e) {
            throw e.getCause();
        } catch (IOException | RuntimeException e) {
            size = -1;          // malformed beyond what the lenient decoder takes
        }
        if (text != null) {
            text.finish();
        }
        scanner.skipRegion();
        return size;
    }

    private static long copy(InputStream decoded, TextDecoder text) throws IOException {
        byte[] buf = new byte[8192];
        long size = 0;
        int n;
        while ((n = decoded.read(buf, 0, buf.length)) >= 0) {
            size += n;
            if (text != null && !text.full()) {
                text.write(buf, 0, n);
            }
        }
        return size;
    }

    /** The current region as an input stream. */
    static final class RegionStream extends InputStream {

        /** Carries a failure of the raw input past the decoders. */
        static final class SourceFailure extends RuntimeException {
            private static final long serialVersionUID = 1L;

            SourceFailure(IOException cause) {
                super(cause);
            }

            @Override
            public synchronized IOException getCause() {
                return (IOException) super.getCause();
            }
        }

        private final MimeScanner scanner;
        private final byte[] one = new byte[1];

        RegionStream(MimeScanner scanner) {
            this.scanner = scanner;
        }

        @Override
        public int read() {
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            try {
                return scanner.read(b, off, len, false);
            } catch (IOException e) {
                throw new SourceFailure(e);
            }
        }
    }
}
