package dev.hermod.directory.sql.internal;

import dev.hermod.api.directory.Directory;
import dev.hermod.api.directory.DirectoryAdmin;
import dev.hermod.password.PasswordScheme;
import java.nio.file.Path;

/** Directories for tests in other packages (the shell's commands). */
public final class TestDirectories {

    private TestDirectories() {
    }

    /** A directory and its admin over one database. */
    public record Pair(Directory directory, DirectoryAdmin admin, AutoCloseable resources) {
        public void close() {
            try {
                resources.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The sample schema in a new SQLite file, with the example domain and no account. */
    public static Pair sqlite(Path file) {
        SqlDirectoryOptions options = SqlDirectoryOptions.sample("jdbc:sqlite:" + file, "", "");
        Database db = new Database(options);
        db.withConnection("schema", c -> SampleSchema.create(c, Dialect.SQLITE, "example.org"));
        LibraryPasswords passwords = new LibraryPasswords(PasswordScheme.SSHA512);
        SqlDirectory directory = new SqlDirectory(db, options, passwords);
        return new Pair(directory, new SqlDirectoryAdmin(db, directory, passwords), db);
    }
}
