package dev.hermod.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts and stops a real PostgreSQL; the store tests use it over JDBC. */
class PostgresServerTest {

    @Test
    void startsOnLoopbackAndStopsByItsOwnPid() throws Exception {
        PostgresServer server = PostgresServer.start();
        long pid = server.pid();
        try {
            assertTrue(PostgresServer.isRunning(pid), "postmaster running");
            assertTrue(accepts(server.port()), "accepts TCP connections on 127.0.0.1:" + server.port());
            assertEquals("jdbc:postgresql://127.0.0.1:" + server.port() + "/hermod", server.jdbcUrl());
            assertEquals(24, server.password().length());
            assertTrue(Files.readString(server.log()).contains("ready to accept connections"), "log written");
        } finally {
            server.close();
        }
        assertFalse(PostgresServer.isRunning(pid), "postmaster stopped");
        assertFalse(accepts(server.port()), "port closed");
        assertFalse(Files.exists(server.log()), "directory removed");
        server.close();
    }

    @Test
    void theSharedServerIsStartedOnce() {
        assertSame(PostgresServer.shared(), PostgresServer.shared());
    }

    @Test
    void missingProgramsFailWithAnInstallHint(@TempDir Path empty) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PostgresBinaries.find(empty.toString(), empty.resolve("postgresql")));
        assertTrue(e.getMessage().contains("apt-get install postgresql"), e.getMessage());
    }

    @Test
    void debianBinariesAreFoundOffPath() {
        PostgresBinaries found = PostgresBinaries.find("", PostgresBinaries.DEBIAN_ROOT);
        assertTrue(found.initdb().startsWith(PostgresBinaries.DEBIAN_ROOT), found.toString());
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
