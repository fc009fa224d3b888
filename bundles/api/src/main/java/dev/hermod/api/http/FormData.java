package dev.hermod.api.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The fields and files of a form body ({@code application/x-www-form-urlencoded} or
 * {@code multipart/form-data}, RFC 7578), from {@link HttpRequest#form()}.
 *
 * @param fields the text fields in the order sent, each name with its values; a multipart part without
 *        a file name is a text field, decoded with its {@code charset} or UTF-8
 * @param files the parts sent with a {@code filename}, in the order sent
 */
public record FormData(Map<String, List<String>> fields, List<FormFile> files) {

    public FormData {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        Objects.requireNonNull(fields, "fields").forEach((k, v) -> copy.put(k, List.copyOf(v)));
        fields = Collections.unmodifiableMap(copy);
        files = List.copyOf(Objects.requireNonNull(files, "files"));
    }

    /**
     * The first value of a text field.
     *
     * @param name the field name, matched exactly
     * @return the value, or empty when absent
     */
    public Optional<String> field(String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * Every value of a text field.
     *
     * @param name the field name, matched exactly
     * @return the values, empty when absent
     */
    public List<String> fieldValues(String name) {
        return fields.getOrDefault(name, List.of());
    }

    /**
     * The first file sent under a field name.
     *
     * @param name the field name ({@code name} of the part's {@code Content-Disposition})
     * @return the file, or empty when absent
     */
    public Optional<FormFile> file(String name) {
        return files.stream().filter(f -> f.field().equals(name)).findFirst();
    }

    /**
     * One uploaded file of a {@code multipart/form-data} body.
     *
     * @param field the form field name
     * @param filename the file name the client sent, possibly empty (browsers send an empty name when no
     *        file was chosen); never trust it as a path
     * @param contentType the part's {@code Content-Type}, {@code application/octet-stream} when absent
     * @param content the file's bytes; don't modify the array
     */
    public record FormFile(String field, String filename, String contentType, byte[] content) {

        public FormFile {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(filename, "filename");
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(content, "content");
        }

        @Override
        public String toString() {
            return "FormFile[field=" + field + ", filename=" + filename + ", contentType=" + contentType
                    + ", size=" + content.length + "]";
        }
    }
}
