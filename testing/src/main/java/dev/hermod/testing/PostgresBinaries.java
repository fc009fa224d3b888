package dev.hermod.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The PostgreSQL server programs: from the first {@code PATH} directory that has {@code initdb},
 * {@code pg_ctl} and {@code postgres}, else from the newest {@code /usr/lib/postgresql/<version>/bin}
 * (Debian's layout, which is not on {@code PATH}).
 */
record PostgresBinaries(Path initdb, Path pgCtl, Path postgres, Path psql) {

    static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");

    static PostgresBinaries find() {
        return find(System.getenv("PATH"), DEBIAN_ROOT);
    }

    static PostgresBinaries find(String path, Path debianRoot) {
        List<Path> candidates = new ArrayList<>();
        if (path != null) {
            for (String dir : path.split(":")) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir));
                }
            }
        }
        candidates.addAll(versionsNewestFirst(debianRoot));
        for (Path dir : candidates) {
            Optional<PostgresBinaries> found = in(dir);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new IllegalStateException("PostgreSQL server programs (initdb, pg_ctl, postgres) were not found on PATH"
                + " or in " + debianRoot + "/*/bin. Install Debian's postgresql package (apt-get install postgresql)"
                + " or put a PostgreSQL bin directory on PATH; the PostgreSQL tests need a real server.");
    }

    private static Optional<PostgresBinaries> in(Path dir) {
        Path initdb = dir.resolve("initdb");
        Path pgCtl = dir.resolve("pg_ctl");
        Path postgres = dir.resolve("postgres");
        if (!Files.isExecutable(initdb) || !Files.isExecutable(pgCtl) || !Files.isExecutable(postgres)) {
            return Optional.empty();
        }
        try {
            // Symlinks (e.g. /usr/local/bin/initdb) lead to the real bin directory, which has psql.
            Path real = initdb.toRealPath().getParent();
            Path psql = Files.isExecutable(real.resolve("psql")) ? real.resolve("psql") : dir.resolve("psql");
            if (!Files.isExecutable(psql)) {
                return Optional.empty();
            }
            return Optional.of(new PostgresBinaries(real.resolve("initdb"), real.resolve("pg_ctl"),
                    real.resolve("postgres"), psql));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static List<Path> versionsNewestFirst(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.filter(p -> p.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                    .sorted(Comparator.comparingDouble((Path p) -> Double.parseDouble(p.getFileName().toString()))
                            .reversed())
                    .map(p -> p.resolve("bin"))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
