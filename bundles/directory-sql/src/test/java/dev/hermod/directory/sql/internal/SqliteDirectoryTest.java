package dev.hermod.directory.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.directory.PlainCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteDataSource;

/** The contract on an SQLite file. */
class SqliteDirectoryTest extends SqlDirectoryContract {

    private Path dir;

    @Override
    SqlDirectoryOptions options() {
        try {
            dir = Files.createTempDirectory("hermod-directory-sql-");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return SqlDirectoryOptions.sample("jdbc:sqlite:" + dir.resolve("directory.sqlite"), "", "");
    }

    @Override
    DataSource plainDataSource() {
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + dir.resolve("directory.sqlite"));
        ds.setBusyTimeout(5000);
        return ds;
    }

    @Test
    void aPositiveCacheTtlDelaysPlainSqlChangesButNotLoginsNorAdminChanges() {
        SqlDirectory cached = new SqlDirectory(db, options.withCacheTtl(Duration.ofMinutes(1)), passwords);
        SqlDirectoryAdmin cachedAdmin = new SqlDirectoryAdmin(db, cached, passwords);
        assertEquals(Set.of("jane"), cached.recipients(a("jane@example.org")));
        assertTrue(cached.isLocalDomain("empty.test"));
        sql("DELETE FROM emails WHERE address = 'jane@example.org'", "DELETE FROM domains WHERE name = 'empty.test'");
        assertEquals(Set.of("jane"), cached.recipients(a("jane@example.org")), "kept for the TTL");
        assertTrue(cached.isLocalDomain("empty.test"), "kept for the TTL");
        assertTrue(cached.authenticate(new PlainCredentials("jane", JANE_PASSWORD)).isPresent());
        sql("UPDATE accounts SET active = 0 WHERE name = 'jane'");
        assertTrue(cached.authenticate(new PlainCredentials("jane", JANE_PASSWORD)).isEmpty(), "logins always ask");
        cachedAdmin.addAlias(a("x@example.org"), "john");
        assertEquals(Set.of(), cached.recipients(a("jane@example.org")), "a change through the admin clears the cache");
    }

    @AfterAll
    void deleteFiles() throws IOException {
        closeAll();
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
