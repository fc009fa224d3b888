package dev.hermod.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;

class ComponentsTest {

    enum Mode { FAST, SAFE }

    @interface Config {
        String path() default "";

        int busy_timeout_ms() default 5000;

        long max__size() default 7;

        boolean fsync() default true;

        String _password() default "";

        String[] hosts() default {"a"};

        Mode mode() default Mode.SAFE;

        String my$_$key() default "x";
    }

    @Test
    void mapsMethodNamesToPropertyNamesAsDsDoes() {
        assertEquals("busy.timeout.ms", Components.propertyName("busy_timeout_ms"));
        assertEquals("max_size", Components.propertyName("max__size"));
        assertEquals(".password", Components.propertyName("_password"));
        assertEquals("my-key", Components.propertyName("my$_$key"));
        assertEquals("a$b", Components.propertyName("a$$b"));
        assertEquals("ab", Components.propertyName("a$b"));
    }

    @Test
    void readsValuesConvertedAndFallsBackToDefaults() {
        Config config = Components.config(Config.class, Map.of("busy.timeout.ms", "250", "max_size", 9,
                ".password", "s", "hosts", List.of("h1", "h2"), "mode", "FAST", "my-key", "y"));
        assertEquals("", config.path());
        assertEquals(250, config.busy_timeout_ms());
        assertEquals(9L, config.max__size());
        assertTrue(config.fsync());
        assertEquals("s", config._password());
        assertArrayEquals(new String[] {"h1", "h2"}, config.hosts());
        assertEquals(Mode.FAST, config.mode());
        assertEquals("y", config.my$_$key());
        assertEquals(Config.class, config.annotationType());
        assertThrows(IllegalArgumentException.class,
                () -> Components.config(Config.class, Map.of("busy.timeout.ms", "soon")).busy_timeout_ms());
    }

    @Test
    void theBundleContextAnswersPropertiesAndDataFiles() {
        BundleContext context = Components.bundleContext(Map.of("karaf.data", "/d"), Path.of("/tmp/x"));
        assertEquals("/d", context.getProperty("karaf.data"));
        assertNull(context.getProperty("other"));
        assertEquals(Path.of("/tmp/x/db"), context.getDataFile("db").toPath());
        assertThrows(UnsupportedOperationException.class, () -> context.getBundles());
    }
}
