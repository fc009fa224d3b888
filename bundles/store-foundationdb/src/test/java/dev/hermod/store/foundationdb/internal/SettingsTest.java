package dev.hermod.store.foundationdb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.store.StoreLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @Test
    void defaults() {
        Settings s = Settings.from(Configs.defaults());
        assertEquals("foundationdb", s.name());
        assertNull(s.clusterFile());
        assertNull(s.clusterFilePath());
        assertEquals(730, s.apiVersion());
        assertEquals("hermod", s.subspace());
        assertEquals("\\x02hermod\\x00", s.prefix().toString());
        assertEquals(StoreLimits.MAX_TRANSACTION_MILLIS, s.timeoutMillis());
        assertEquals(StoreLimits.MAX_RETRIES, s.retryLimit());
    }

    @Test
    void theHighestApiVersionIsFdbJavas() {
        assertEquals(740, Settings.MAX_API_VERSION);
        assertEquals(740, Settings.from(Configs.config(Map.of("api_version", 740))).apiVersion());
        assertEquals(610, Settings.from(Configs.config(Map.of("api_version", 610))).apiVersion());
    }

    @Test
    void aClusterFileMustBeReadable(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("fdb.cluster"), "test:abc@127.0.0.1:4500\n");
        Settings s = Settings.from(Configs.config(Map.of("cluster_file", " " + file + " ")));
        assertEquals(file, s.clusterFile());
        assertEquals(file.toString(), s.clusterFilePath());
        assertInvalid("cluster.file", Map.of("cluster_file", dir.resolve("missing").toString()));
        assertInvalid("cluster.file", Map.of("cluster_file", dir.toString()));
    }

    @Test
    void anEmptySubspaceMeansNoPrefix() {
        Settings s = Settings.from(Configs.config(Map.of("subspace", "")));
        assertEquals(0, s.prefix().length());
    }

    @Test
    void valuesOutOfRangeAreRefusedNamingTheirKey() {
        assertInvalid("api.version", Map.of("api_version", 600));
        assertInvalid("api.version", Map.of("api_version", 750));
        assertInvalid("transaction.timeout", Map.of("transaction_timeout", 0L));
        assertInvalid("transaction.timeout", Map.of("transaction_timeout", 1L + Integer.MAX_VALUE));
        assertInvalid("retry.limit", Map.of("retry_limit", -1));
        assertInvalid("retry.limit", Map.of("retry_limit", StoreLimits.MAX_RETRIES + 1));
        assertInvalid("name", Map.of("name", " "));
    }

    private static void assertInvalid(String key, Map<String, Object> values) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Settings.from(Configs.config(values)));
        assertTrue(e.getMessage().startsWith("configuration store.foundationdb: " + key + " "), e.getMessage());
    }
}
