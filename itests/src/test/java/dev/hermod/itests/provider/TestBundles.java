package dev.hermod.itests.provider;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Builds small provider bundles at test time, as a third party would ship them. */
public final class TestBundles {

    /** Manifest header read by {@link BlobProviderActivator} for the provider's {@code name} property. */
    public static final String NAME_HEADER = "Hermod-Test-Provider-Name";

    /** Manifest header read by {@link BlobProviderActivator} for the provider's {@code service.ranking}. */
    public static final String RANKING_HEADER = "Hermod-Test-Provider-Ranking";

    private TestBundles() {}

    /**
     * A bundle whose activator registers a {@code BlobStore} named {@code providerName} with a ranking.
     *
     * @return the bundle's jar bytes
     */
    public static byte[] blobStoreProvider(String symbolicName, String providerName, int ranking) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Bundle-Activator", BlobProviderActivator.class.getName());
        main.putValue("Import-Package", "dev.hermod.api.blob;version=\"[1.0,2)\","
                + "dev.hermod.api.mail;version=\"[1.0,2)\",org.osgi.framework;version=\"[1.8,2)\"");
        main.putValue(NAME_HEADER, providerName);
        main.putValue(RANKING_HEADER, Integer.toString(ranking));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            for (Class<?> type : new Class<?>[] {BlobProviderActivator.class, TestBlobStore.class}) {
                addClass(jar, type);
            }
        }
        return bytes.toByteArray();
    }

    /**
     * A bundle whose activator registers a {@link VerdictFilter} as a {@code MessageFilter}.
     *
     * @return the bundle's jar bytes
     */
    public static byte[] messageFilterProvider(String symbolicName) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Bundle-Activator", FilterProviderActivator.class.getName());
        main.putValue("Import-Package", "dev.hermod.api.filter;version=\"[1.0,2)\","
                + "dev.hermod.api.mail;version=\"[1.0,2)\",org.osgi.framework;version=\"[1.8,2)\"");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            for (Class<?> type : new Class<?>[] {FilterProviderActivator.class, VerdictFilter.class}) {
                addClass(jar, type);
            }
        }
        return bytes.toByteArray();
    }

    private static void addClass(JarOutputStream jar, Class<?> type) throws IOException {
        String path = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("class file not found: " + path);
            }
            jar.putNextEntry(new JarEntry(path));
            in.transferTo(jar);
            jar.closeEntry();
        }
    }
}
