package dev.hermod.directory.sql.internal;

import dev.hermod.testing.MariaDbServer;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;

/** The contract on a real MariaDB server that the tests start. */
class MariaDbDirectoryTest extends SqlDirectoryContract {

    private final MariaDbServer server = MariaDbServer.shared();

    @Override
    SqlDirectoryOptions options() {
        return SqlDirectoryOptions.sample(server.jdbcUrl(), server.user(), server.password());
    }

    @Override
    DataSource plainDataSource() {
        try {
            MariaDbDataSource ds = new MariaDbDataSource(server.jdbcUrl());
            ds.setUser(server.user());
            ds.setPassword(server.password());
            return ds;
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
