package dev.hermod.store.sqlite.internal;

import dev.hermod.api.store.Keys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Child process of the kill -9 test: commits numbered keys and reports each commit on stdout. */
public final class SqliteWriterMain {

    private SqliteWriterMain() {
    }

    public static void main(String[] args) {
        SqliteKeyValueStore store = new SqliteKeyValueStore(SqliteOptions.defaults(Path.of(args[0])));
        byte[] prefix = "durable/".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 1_000_000; i++) {
            int n = i;
            store.write(txn -> {
                txn.set(Keys.concat(prefix, Keys.encodeInt(n)), Keys.encodeInt(n));
                return null;
            });
            System.out.println("committed " + i);
            System.out.flush();
        }
    }
}
