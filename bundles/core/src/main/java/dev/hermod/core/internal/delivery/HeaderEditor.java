package dev.hermod.core.internal.delivery;

import dev.hermod.api.filter.ContentSource;
import dev.hermod.api.filter.HeaderChange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes a filter's changes into a new copy of a spooled message: header edits and body replacement. */
final class HeaderEditor {

    /** Lines are folded before this many characters where white space allows (RFC 5322 §2.1.1). */
    static final int FOLD_AT = 78;

    private HeaderEditor() {
    }

    /**
     * The message with {@code changes} applied in order; the body is copied unchanged.
     * {@code ADD_FIRST} fields go to the top in the order given, above earlier ones.
     */
    static SpooledMessage apply(SpooledMessage message, List<HeaderChange> changes, Path spoolDirectory)
            throws IOException {
        SpooledMessage.Header header = message.parsedHeader();
        List<SpooledMessage.Field> fields = new ArrayList<>(header.fields());
        int addedFirst = 0;
        for (HeaderChange c : changes) {
            switch (c.kind()) {
                case ADD_FIRST -> fields.add(addedFirst++, field(c.name(), c.value()));
                case ADD_LAST -> fields.add(field(c.name(), c.value()));
                case REMOVE -> {
                    int n = 0;
                    for (int i = 0; i < fields.size(); i++) {
                        if (matches(fields.get(i), c.name()) && (c.index() == 0 || ++n == c.index())) {
                            fields.remove(i--);
                            if (c.index() != 0) {
                                break;
                            }
                        }
                    }
                }
                case REPLACE -> {
                    int n = 0;
                    for (int i = 0; i < fields.size(); i++) {
                        if (matches(fields.get(i), c.name()) && ++n == c.index()) {
                            fields.set(i, field(fields.get(i).name(), c.value()));
                            break;
                        }
                    }
                }
            }
        }
        return SpooledMessage.write(spoolDirectory, out -> {
            for (SpooledMessage.Field f : fields) {
                out.write(f.raw());
            }
            try (InputStream in = message.open()) {
                in.skipNBytes(bodyStartWithSeparator(header, message));
                in.transferTo(out);
            }
        });
    }

    /** The message's header (and the blank line) followed by a new body. */
    static SpooledMessage replaceBody(SpooledMessage message, ContentSource body, Path spoolDirectory)
            throws IOException {
        SpooledMessage.Header header = message.parsedHeader();
        return SpooledMessage.write(spoolDirectory, out -> {
            try (InputStream in = message.open()) {
                long headerBytes = header.fields().stream().mapToLong(f -> f.raw().length).sum();
                copy(in, out, headerBytes);
            }
            out.write(new byte[] {'\r', '\n'});
            try (InputStream in = body.open()) {
                in.transferTo(out);
            }
        });
    }

    /** Where what follows the fields starts: the blank line, which stays, or the body. */
    private static long bodyStartWithSeparator(SpooledMessage.Header header, SpooledMessage message) {
        return header.fields().stream().mapToLong(f -> f.raw().length).sum();
    }

    private static void copy(InputStream in, OutputStream out, long n) throws IOException {
        byte[] buffer = new byte[8192];
        while (n > 0) {
            int r = in.read(buffer, 0, (int) Math.min(buffer.length, n));
            if (r < 0) {
                break;
            }
            out.write(buffer, 0, r);
            n -= r;
        }
    }

    private static boolean matches(SpooledMessage.Field f, String name) {
        return f.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT));
    }

    /** A new field, folded at white space so that lines stay under {@link #FOLD_AT} where possible. */
    static SpooledMessage.Field field(String name, String value) {
        StringBuilder b = new StringBuilder(name).append(": ");
        int lineStart = 0;
        String[] words = value.split("(?<=\\S)(?=[ \t])");
        for (String word : words) {
            if (b.length() - lineStart + word.length() > FOLD_AT && b.length() - lineStart > name.length() + 2
                    && !word.isBlank() && (word.charAt(0) == ' ' || word.charAt(0) == '\t')) {
                b.append("\r\n");
                lineStart = b.length();
            }
            b.append(word);
        }
        b.append("\r\n");
        return new SpooledMessage.Field(name, b.toString().getBytes(StandardCharsets.UTF_8));
    }
}
