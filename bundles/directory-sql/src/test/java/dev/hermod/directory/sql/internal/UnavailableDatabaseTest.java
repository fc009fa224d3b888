package dev.hermod.directory.sql.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.directory.PlainCredentials;
import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.TemporaryFailureException;
import dev.hermod.password.PasswordScheme;
import dev.hermod.testing.MariaDbServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** A database that does not answer makes every lookup and change fail temporarily, saying where. */
class UnavailableDatabaseTest {

    @Test
    void postgresqlThatRefusesConnections() throws IOException {
        int port = closedPort();
        assertAllFailTemporarily("jdbc:postgresql://127.0.0.1:" + port + "/hermod?sslmode=disable",
                "directory database at jdbc:postgresql://127.0.0.1:" + port + "/hermod unavailable", 10);
    }

    @Test
    void mariadbThatRefusesConnections() throws IOException {
        int port = closedPort();
        assertAllFailTemporarily("jdbc:mariadb://127.0.0.1:" + port + "/hermod",
                "directory database at jdbc:mariadb://127.0.0.1:" + port + "/hermod unavailable", 3);
    }

    @Test
    void sqliteFileThatCannotBeOpened() {
        assertAllFailTemporarily("jdbc:sqlite:/nonexistent-hermod-dir/directory.sqlite",
                "directory database at jdbc:sqlite:/nonexistent-hermod-dir/directory.sqlite unavailable", 3);
    }

    /**
     * A real server that stops while the directory uses it: lookups fail temporarily, and the server's own
     * process is gone (MariaDbServer stops it by its pid).
     */
    @Test
    void mariadbThatStopsWhileInUse() throws Exception {
        MariaDbServer server = MariaDbServer.start();
        Path directory = server.directory();
        SqlDirectoryOptions options = SqlDirectoryOptions.sample(server.jdbcUrl(), server.user(), server.password())
                .withConnectionTimeout(Duration.ofMillis(500));
        try (Database db = new Database(options)) {
            db.withConnection("schema", c -> SampleSchema.create(c, Dialect.MARIADB, "example.org"));
            SqlDirectory directory1 = new SqlDirectory(db, options, new LibraryPasswords(PasswordScheme.SSHA512));
            assertTrue(directory1.isLocalDomain("example.org"));
            assertTrue(ProcessHandle.of(server.pid()).isPresent());
            server.close();
            assertTrue(ProcessHandle.of(server.pid()).map(p -> !p.isAlive()).orElse(true), "stopped by its pid");
            assertTrue(!Files.exists(directory), "its directory is deleted");
            TemporaryFailureException e = assertThrows(TemporaryFailureException.class,
                    () -> directory1.isLocalDomain("example.org"));
            assertTrue(e.getMessage().startsWith("directory database at " + server.jdbcUrl() + " unavailable"),
                    e.getMessage());
        } finally {
            server.close();
        }
    }

    /** The first {@code calls} of: every Directory method, then three DirectoryAdmin ones. */
    private static void assertAllFailTemporarily(String url, String message, int calls) {
        SqlDirectoryOptions options = SqlDirectoryOptions.sample(url, "hermod", "pw")
                .withConnectionTimeout(Duration.ofMillis(250));
        try (Database db = new Database(options)) {
            LibraryPasswords passwords = new LibraryPasswords(PasswordScheme.SSHA512);
            SqlDirectory directory = new SqlDirectory(db, options, passwords);
            SqlDirectoryAdmin admin = new SqlDirectoryAdmin(db, directory, passwords);
            long start = System.nanoTime();
            for (Executable call : List.<Executable>of(
                    () -> directory.principal("jane"),
                    () -> directory.authenticate(new PlainCredentials("jane", "pw")),
                    () -> directory.recipients(Address.parse("jane@example.org")),
                    () -> directory.isLocalDomain("example.org"),
                    () -> directory.verify("jane"),
                    () -> directory.expand("team@example.org"),
                    () -> directory.cleartextSecret("jane"),
                    () -> admin.addAccount("jane", "pw", null, 0, List.of()),
                    () -> admin.listAccounts(),
                    () -> admin.listDomains()).subList(0, calls)) {
                TemporaryFailureException e = assertThrows(TemporaryFailureException.class, call);
                assertTrue(e.getMessage().startsWith(message), e.getMessage());
            }
            assertTrue(System.nanoTime() - start < 10_000_000_000L, "each call gives up after connection.timeout.ms");
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
