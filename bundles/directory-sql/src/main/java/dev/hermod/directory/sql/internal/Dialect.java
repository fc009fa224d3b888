package dev.hermod.directory.sql.internal;

import java.time.Duration;
import java.util.Locale;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

/**
 * The database kinds, chosen by the JDBC URL's scheme. Each builds its driver's {@link DataSource}
 * directly: {@code DriverManager} finds drivers through {@code ServiceLoader}, which does not work across
 * OSGi class loaders.
 */
enum Dialect {
    SQLITE("jdbc:sqlite:"),
    POSTGRESQL("jdbc:postgresql:"),
    MARIADB("jdbc:mariadb:");

    private static final String MYSQL = "jdbc:mysql:";

    private final String scheme;

    Dialect(String scheme) {
        this.scheme = scheme;
    }

    /**
     * @param url a JDBC URL
     * @return its dialect; {@code jdbc:mysql:} is MariaDB's driver, which speaks to MySQL too
     * @throws IllegalArgumentException for any other scheme
     */
    static Dialect of(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        for (Dialect d : values()) {
            if (lower.startsWith(d.scheme)) {
                return d;
            }
        }
        if (lower.startsWith(MYSQL)) {
            return MARIADB;
        }
        throw new IllegalArgumentException("directory.sql url must start with jdbc:sqlite:, jdbc:postgresql:,"
                + " jdbc:mariadb: or jdbc:mysql:, not: " + display(url));
    }

    /**
     * The driver's data source for a URL.
     *
     * @param url a URL of this dialect
     * @param user the user, empty for none (or the one in the URL)
     * @param password the password, empty for none
     * @param connectTimeout how long to wait for a new connection
     * @param queryTimeout the statement timeout, which bounds socket reads too
     */
    DataSource dataSource(String url, String user, String password, Duration connectTimeout, Duration queryTimeout) {
        switch (this) {
            case SQLITE -> {
                SQLiteDataSource ds = new SQLiteDataSource();
                ds.setUrl(url);
                ds.setJournalMode("WAL");
                ds.setSynchronous("FULL");
                ds.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, queryTimeout.toMillis()));
                // Writers take the lock at BEGIN, so two admin commands never deadlock on an upgrade.
                ds.setTransactionMode("IMMEDIATE");
                return ds;
            }
            case POSTGRESQL -> {
                PGSimpleDataSource ds = new PGSimpleDataSource();
                ds.setURL(url);
                if (!user.isEmpty()) {
                    ds.setUser(user);
                }
                if (!password.isEmpty()) {
                    ds.setPassword(password);
                }
                ds.setApplicationName("hermod-directory");
                ds.setConnectTimeout(seconds(connectTimeout));
                ds.setSocketTimeout(seconds(queryTimeout) + 10);
                return ds;
            }
            default -> {
                String mariadb = url.regionMatches(true, 0, MYSQL, 0, MYSQL.length())
                        ? "jdbc:mariadb:" + url.substring(MYSQL.length()) : url;
                try {
                    MariaDbDataSource ds = new MariaDbDataSource(mariadb);
                    if (!user.isEmpty()) {
                        ds.setUser(user);
                    }
                    if (!password.isEmpty()) {
                        ds.setPassword(password);
                    }
                    ds.setLoginTimeout(seconds(connectTimeout));
                    return ds;
                } catch (java.sql.SQLException e) {
                    throw new IllegalArgumentException("directory.sql url is not a MariaDB/MySQL URL: " + display(url)
                            + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** The URL without its parameters (which may hold secrets), for messages. */
    static String display(String url) {
        int q = url.indexOf('?');
        String shown = q < 0 ? url : url.substring(0, q);
        int semicolon = shown.indexOf(';');
        return semicolon < 0 ? shown : shown.substring(0, semicolon);
    }

    private static int seconds(Duration d) {
        return (int) Math.max(1, (d.toMillis() + 999) / 1000);
    }
}
