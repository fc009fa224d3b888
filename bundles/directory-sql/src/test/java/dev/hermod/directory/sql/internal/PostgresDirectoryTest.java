package dev.hermod.directory.sql.internal;

import dev.hermod.testing.PostgresServer;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** The contract on a real PostgreSQL server that the tests start. */
class PostgresDirectoryTest extends SqlDirectoryContract {

    private final PostgresServer server = PostgresServer.shared();

    @Override
    SqlDirectoryOptions options() {
        return SqlDirectoryOptions.sample(server.jdbcUrl(), server.user(), server.password());
    }

    @Override
    DataSource plainDataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(server.jdbcUrl());
        ds.setUser(server.user());
        ds.setPassword(server.password());
        return ds;
    }
}
