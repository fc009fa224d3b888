package dev.hermod.migration.internal;

import dev.hermod.api.mailbox.Keywords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Flags in Maildir file names: the info after {@code :2,} holds one letter per flag in ASCII order
 * (D draft, F flagged, P passed, R replied, S seen, T trashed), and Dovecot's letters {@code a}–{@code z}
 * name keywords listed in the folder's {@code dovecot-keywords} file ({@code <index> <keyword>} per line).
 */
final class MaildirFlags {

    static final String KEYWORDS_FILE = "dovecot-keywords";
    private static final Map<Character, String> LETTERS = Map.of('D', Keywords.DRAFT, 'F', Keywords.FLAGGED,
            'P', Keywords.FORWARDED, 'R', Keywords.ANSWERED, 'S', Keywords.SEEN, 'T', Keywords.DELETED);

    private MaildirFlags() {
    }

    /** The keywords of a file name, with the folder's keyword list. */
    static Set<String> parse(String fileName, List<String> folderKeywords) {
        Set<String> out = new LinkedHashSet<>();
        int info = Math.max(fileName.lastIndexOf(":2,"), fileName.lastIndexOf("!2,"));
        if (info < 0) {
            return out;
        }
        for (char c : fileName.substring(info + 3).toCharArray()) {
            String system = LETTERS.get(c);
            if (system != null) {
                out.add(system);
            } else if (c >= 'a' && c <= 'z' && c - 'a' < folderKeywords.size() && folderKeywords.get(c - 'a') != null) {
                out.add(folderKeywords.get(c - 'a').toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** Reads a folder's {@code dovecot-keywords}; an index without a keyword is {@code null}. */
    static List<String> readKeywords(Path folder) throws IOException {
        Path file = folder.resolve(KEYWORDS_FILE);
        List<String> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] parts = line.strip().split("\\s+", 2);
            if (parts.length == 2 && parts[0].matches("\\d{1,2}")) {
                int index = Integer.parseInt(parts[0]);
                while (out.size() <= index) {
                    out.add(null);
                }
                out.set(index, parts[1]);
            }
        }
        return out;
    }

    /**
     * The {@code :2,} info for keywords; keywords other than the system flags get letters from
     * {@code folderKeywords}, which grows (at most 26 entries; more keywords are left out).
     */
    static String info(Set<String> keywords, List<String> folderKeywords) {
        TreeSet<Character> letters = new TreeSet<>();
        for (String keyword : keywords) {
            Character system = null;
            for (Map.Entry<Character, String> e : LETTERS.entrySet()) {
                if (e.getValue().equals(keyword)) {
                    system = e.getKey();
                }
            }
            if (system != null) {
                letters.add(system);
                continue;
            }
            int index = folderKeywords.indexOf(keyword);
            if (index < 0 && folderKeywords.size() < 26) {
                folderKeywords.add(keyword);
                index = folderKeywords.size() - 1;
            }
            if (index >= 0) {
                letters.add((char) ('a' + index));
            }
        }
        StringBuilder out = new StringBuilder(":2,");
        letters.forEach(out::append);
        return out.toString();
    }

    static void writeKeywords(Path folder, List<String> folderKeywords) throws IOException {
        if (folderKeywords.isEmpty()) {
            return;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < folderKeywords.size(); i++) {
            out.append(i).append(' ').append(folderKeywords.get(i)).append('\n');
        }
        Files.writeString(folder.resolve(KEYWORDS_FILE), out, StandardCharsets.UTF_8);
    }
}
