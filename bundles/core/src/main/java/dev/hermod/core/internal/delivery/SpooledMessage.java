package dev.hermod.core.internal.delivery;

import dev.hermod.api.filter.MessageContent;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A message in a temporary file, as filters see it ({@link MessageContent}); deleted on {@link #close()}.
 * Its header is read once, on first use, as raw fields (each with its folded continuation lines).
 */
final class SpooledMessage implements MessageContent, AutoCloseable {

    /** A header longer than this is treated as ending there: the rest is body for the filters. */
    static final int MAX_HEADER = 1024 * 1024;

    /** One field as it is on the wire, folded lines and final line end included. */
    record Field(String name, byte[] raw) {

        /** The value: after the colon, unfolded, leading white space and the final line end removed. */
        String value() {
            String s = new String(raw, StandardCharsets.UTF_8);
            s = s.substring(s.indexOf(':') + 1).replaceAll("\r?\n(?=[ \t])", "");
            s = s.replaceFirst("\r?\n$", "");
            return s.stripLeading();
        }
    }

    /** The header's fields and where the body starts (after the blank line, or at the end). */
    record Header(List<Field> fields, long bodyOffset) {
    }

    private final Path file;
    private final long size;
    private Header header;

    private SpooledMessage(Path file) throws IOException {
        this.file = file;
        this.size = Files.size(file);
    }

    /** Copies {@code in} to its end into a new file in {@code directory} (the system's when {@code null}). */
    static SpooledMessage of(InputStream in, Path directory) throws IOException {
        Path file = newFile(directory);
        try (OutputStream out = Files.newOutputStream(file)) {
            in.transferTo(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new SpooledMessage(file);
    }

    /** A message a writer fills; the file is deleted if the writer fails. */
    static SpooledMessage write(Path directory, Writer writer) throws IOException {
        Path file = newFile(directory);
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
            writer.writeTo(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new SpooledMessage(file);
    }

    /** Writes a message. */
    @FunctionalInterface
    interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    private static Path newFile(Path directory) throws IOException {
        if (directory != null) {
            Files.createDirectories(directory);
            return Files.createTempFile(directory, "hermod-delivery-", ".eml");
        }
        return Files.createTempFile("hermod-delivery-", ".eml");
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public InputStream open() throws IOException {
        return new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
    }

    @Override
    public List<String> header(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        List<String> values = new ArrayList<>();
        for (Field f : parsedHeader().fields()) {
            if (f.name().toLowerCase(Locale.ROOT).equals(wanted)) {
                values.add(f.value());
            }
        }
        return values;
    }

    synchronized Header parsedHeader() {
        if (header == null) {
            try (InputStream in = open()) {
                header = parse(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the spooled message " + file, e);
            }
        }
        return header;
    }

    /**
     * Splits the header into fields (RFC 5322 §2.2): a line starting with white space continues the field
     * before it; a line without a colon that is not a continuation ends the header, as does the empty line.
     */
    static Header parse(InputStream in) throws IOException {
        List<Field> fields = new ArrayList<>();
        ByteArrayOutputStream field = null;
        String name = null;
        long offset = 0;
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (offset < MAX_HEADER) {
            line.reset();
            int b;
            while ((b = in.read()) >= 0) {
                line.write(b);
                if (b == '\n') {
                    break;
                }
            }
            byte[] l = line.toByteArray();
            if (l.length == 0) {
                break;
            }
            boolean blank = l.length <= 2 && (l[0] == '\n' || l[0] == '\r');
            boolean continuation = l[0] == ' ' || l[0] == '\t';
            if (continuation && field != null) {
                field.write(l);
                offset += l.length;
                continue;
            }
            if (field != null) {
                fields.add(new Field(name, field.toByteArray()));
                field = null;
            }
            int colon = indexOf(l, (byte) ':');
            if (blank) {
                offset += l.length;
                break;
            }
            if (colon <= 0 || continuation) {
                break;
            }
            name = new String(l, 0, colon, StandardCharsets.UTF_8).strip();
            field = new ByteArrayOutputStream();
            field.write(l);
            offset += l.length;
            if (b < 0) {
                break;
            }
        }
        if (field != null) {
            fields.add(new Field(name, field.toByteArray()));
        }
        return new Header(List.copyOf(fields), offset);
    }

    private static int indexOf(byte[] l, byte c) {
        for (int i = 0; i < l.length; i++) {
            if (l[i] == c) {
                return i;
            }
            if (l[i] == ' ' || l[i] == '\t' || l[i] == '\r' || l[i] == '\n') {
                // field-name is printable ASCII without space; white space before the colon is obsolete
                // syntax (RFC 5322 §4.5.1) that is still accepted
                continue;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
