package dev.hermod.password;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The hashes other tools made, from {@code vectors.txt} (see {@code src/test/scripts/generate-vectors.py}). */
record Vectors(String command, String password, String stored) {
    static List<Vectors> all() {
        List<Vectors> out = new ArrayList<>();
        try (InputStream in = Vectors.class.getResourceAsStream("vectors.txt");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 3) {
                    throw new IllegalStateException("vectors.txt: not 3 fields: " + line);
                }
                out.add(new Vectors(f[0], f[1], f[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The first vector whose command contains {@code command}. */
    static Vectors first(String command) {
        return all().stream().filter(v -> v.command.contains(command)).findFirst().orElseThrow();
    }

    boolean cleartext() {
        return command.contains("CLEARTEXT") || command.matches(".* -s (PLAIN|PLAIN\\.B64|CLEAR) .*");
    }
}
