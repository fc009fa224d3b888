package dev.hermod.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

/**
 * The one place that says how integration tests start Hermod: in the native Felix container with just
 * the bundles under test, or as the built Karaf distribution.
 */
public final class HermodOptions {

    private HermodOptions() {}

    /** The distribution archive built by the runtime module. */
    public static File distribution() {
        File file = new File(required("hermod.distribution"));
        if (!file.isFile()) {
            throw new IllegalStateException("Build the runtime first (mvn install): " + file + " is missing");
        }
        return file;
    }

    /** The jar a module of bundles/ built, e.g. {@code bundle("core")}. */
    public static String bundleUrl(String module) {
        Path target = Path.of(required("hermod.bundles"), module, "target");
        String name = "dev.hermod." + module + "-" + required("hermod.version") + ".jar";
        Path jar = target.resolve(name);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Build bundles/" + module + " first: " + jar + " is missing");
        }
        return jar.toUri().toString();
    }

    /** Felix with Declarative Services, Config Admin, logging, the API, the message parser and the core. */
    public static Option nativeCore() {
        return composite(
                junitBundles(),
                systemProperty("org.slf4j.simpleLogger.defaultLogLevel").value("warn"),
                mavenBundle("org.osgi", "org.osgi.util.function").versionAsInProject(),
                mavenBundle("org.osgi", "org.osgi.util.promise").versionAsInProject(),
                mavenBundle("org.osgi", "org.osgi.service.component").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.configadmin").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.scr").versionAsInProject(),
                mavenBundle("org.slf4j", "slf4j-api").versionAsInProject(),
                mavenBundle("org.slf4j", "slf4j-simple").versionAsInProject().noStart(),
                mavenBundle("commons-io", "commons-io").versionAsInProject(),
                mavenBundle("org.apache.james", "apache-mime4j-core").versionAsInProject(),
                mavenBundle("org.apache.james", "apache-mime4j-dom").versionAsInProject(),
                bundle(bundleUrl("api")),
                bundle(bundleUrl("message")),
                bundle(bundleUrl("core")));
    }

    /** The built Karaf distribution, booted with its default features; SSH on a test port. */
    public static Option karaf() {
        return composite(
                karafDistributionConfiguration()
                        .frameworkUrl(distribution().toURI().toString())
                        .name("Hermod")
                        .unpackDirectory(new File(required("hermod.work"), "exam"))
                        .useDeployFolder(false),
                configureConsole().ignoreLocalConsole(),
                logLevel(LogLevel.WARN),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", "18101"),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", "11099"),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", "44445"),
                // Kept in the build's exam folder: when a container does not come up, its Karaf log says why.
                keepRuntimeFolder());
    }

    public static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("System property " + property + " is not set: run the tests through Maven");
        }
        return value;
    }
}
