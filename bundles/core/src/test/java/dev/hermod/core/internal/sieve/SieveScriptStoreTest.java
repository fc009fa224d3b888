package dev.hermod.core.internal.sieve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.sieve.SieveScripts;
import dev.hermod.core.internal.ProviderRegistry;
import dev.hermod.core.internal.TestRegistries;
import dev.hermod.store.sqlite.internal.SqliteStoreComponent;
import dev.hermod.testing.Components;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users' Sieve scripts over the real SQLite store. */
class SieveScriptStoreTest {

    @TempDir
    Path dir;

    private SqliteStoreComponent kv;
    private SieveScriptStore scripts;

    @BeforeEach
    void start() {
        kv = new SqliteStoreComponent(Components.config(SqliteStoreComponent.Config.class,
                Map.of("path", dir.resolve("metadata.sqlite").toString())), Components.bundleContext(Map.of(), dir));
        ProviderRegistry registry = TestRegistries.create(200);
        TestRegistries.bind(registry, kv, "kv");
        scripts = new SieveScriptStore(registry);
    }

    @AfterEach
    void stop() throws Exception {
        Method m = kv.getClass().getDeclaredMethod("deactivate");
        m.setAccessible(true);
        m.invoke(kv);
    }

    @Test
    void scriptsPerAccountWithOneActive() {
        scripts.put("alice", "vacation", "keep;");
        scripts.put("alice", "main", "discard;");
        scripts.put("alicex", "main", "stop;");
        assertEquals(List.of(new SieveScripts.ScriptInfo("main", false, 8),
                new SieveScripts.ScriptInfo("vacation", false, 5)), scripts.list("alice"));
        assertEquals(1, scripts.list("alicex").size(), "accounts whose names share a prefix stay apart");
        assertTrue(scripts.active("alice").isEmpty());

        scripts.activate("alice", "main");
        SieveScripts.ActiveScript active = scripts.active("alice").orElseThrow();
        assertEquals("discard;", active.text());
        scripts.put("alice", "main", "keep;");
        assertNotEquals(active.version(), scripts.active("alice").orElseThrow().version(), "a new text, a new version");

        assertThrows(IllegalStateException.class, () -> scripts.delete("alice", "main"), "the active script stays");
        scripts.rename("alice", "main", "rules");
        assertEquals("rules", scripts.active("alice").orElseThrow().name(), "renaming keeps it active");
        assertThrows(IllegalArgumentException.class, () -> scripts.rename("alice", "rules", "vacation"));
        assertThrows(IllegalArgumentException.class, () -> scripts.activate("alice", "missing"));

        scripts.activate("alice", null);
        assertTrue(scripts.active("alice").isEmpty());
        assertTrue(scripts.delete("alice", "rules"));
        assertFalse(scripts.delete("alice", "rules"));
        assertEquals("keep;", scripts.get("alice", "vacation").orElseThrow());
    }

    @Test
    void namesAndSizesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> scripts.put("alice", "", "keep;"));
        assertThrows(IllegalArgumentException.class, () -> scripts.put("alice", "a\nb", "keep;"));
        assertThrows(IllegalArgumentException.class, () -> scripts.put("alice", "x".repeat(129), "keep;"));
        assertThrows(IllegalArgumentException.class,
                () -> scripts.put("alice", "big", "#".repeat(SieveScripts.MAX_SCRIPT_SIZE + 1)));
        scripts.put("alice", "Füße ✓", "keep;");
        assertEquals("Füße ✓", scripts.list("alice").get(0).name());
    }
}
