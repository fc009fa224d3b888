package dev.hermod.blob.s3.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

class S3ConfigurationTest {

    @TempDir
    Path directory;

    @Test
    void defaultsAreAwsInUsEast1WithEightMiBParts() {
        S3Settings settings = S3Settings.of(TestConfig.of(Map.of("bucket", "mail")));

        assertNull(settings.endpoint());
        assertEquals("us-east-1", settings.region());
        assertEquals("", settings.prefix());
        assertEquals(8 * 1024 * 1024, settings.partSize());
        assertEquals(Duration.ofSeconds(10), settings.connectTimeout());
        assertEquals(Duration.ofSeconds(60), settings.socketTimeout());
        assertEquals(false, settings.pathStyle());
        assertEquals(false, settings.createBucket());
    }

    @Test
    void settingsAreTakenAsGiven() {
        S3Settings settings = S3Settings.of(TestConfig.of(Map.of("endpoint", " http://127.0.0.1:9000 ", "region", "eu-west-3",
                "bucket", "mail", "prefix", "hermod/", "pathStyle", true, "partSizeMiB", 16)));

        assertEquals(URI.create("http://127.0.0.1:9000"), settings.endpoint());
        assertEquals("hermod/", settings.prefix());
        assertEquals(16 * 1024 * 1024, settings.partSize());
        assertTrue(settings.pathStyle());
    }

    @Test
    void invalidSettingsNameTheKey() {
        assertMessage("key bucket", () -> S3Settings.of(TestConfig.of(Map.of())));
        assertMessage("key partSizeMiB", () -> S3Settings.of(TestConfig.of(Map.of("bucket", "b", "partSizeMiB", 4))));
        assertMessage("key endpoint", () -> S3Settings.of(TestConfig.of(Map.of("bucket", "b", "endpoint", "s3.example.com"))));
        assertMessage("key region", () -> S3Settings.of(TestConfig.of(Map.of("bucket", "b", "region", ""))));
    }

    @Test
    void keysComeFromTheConfigurationFirst() {
        AwsCredentials credentials = resolve(Map.of("accessKey", "AK", "_secretKey", "SK", "secretKey_env", "UNSET"), Map.of());

        assertEquals("AK", credentials.accessKeyId());
        assertEquals("SK", credentials.secretAccessKey());
    }

    @Test
    void keysComeFromNamedEnvironmentVariables() {
        AwsCredentials credentials = resolve(Map.of("accessKey_env", "S3_ACCESS", "secretKey_env", "S3_SECRET"),
                Map.of("S3_ACCESS", "AK", "S3_SECRET", "SK\n"));

        assertEquals("AK", credentials.accessKeyId());
        assertEquals("SK", credentials.secretAccessKey());
    }

    @Test
    void theSecretKeyComesFromAFileOnlyItsOwnerReads() throws IOException {
        Path file = Files.writeString(directory.resolve("s3.secret"), "SK\n");
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertEquals("SK", resolve(Map.of("accessKey", "AK", "secretKey_file", file.toString()), Map.of()).secretAccessKey());

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertMessage("readable by everyone", () -> resolve(Map.of("accessKey", "AK", "secretKey_file", file.toString()), Map.of()));
    }

    @Test
    void aMissingNamedSourceOrHalfAPairIsAnError() {
        assertMessage("S3_SECRET is not set", () -> resolve(Map.of("accessKey", "AK", "secretKey_env", "S3_SECRET"), Map.of()));
        assertMessage("cannot read", () -> resolve(Map.of("accessKey", "AK", "secretKey_file", directory.resolve("none").toString()), Map.of()));
        assertMessage("no secret key", () -> resolve(Map.of("accessKey", "AK"), Map.of()));
        assertMessage("no access key", () -> resolve(Map.of("_secretKey", "SK"), Map.of()));
    }

    @Test
    void withoutKeysTheSdkDefaultChainIsUsed() {
        assertInstanceOf(DefaultCredentialsProvider.class,
                Credentials.of(TestConfig.of(Map.of("bucket", "b")), name -> null));
    }

    private static AwsCredentials resolve(Map<String, ?> config, Map<String, String> env) {
        Map<String, Object> values = new HashMap<>(config);
        values.putIfAbsent("bucket", "b");
        return Credentials.of(TestConfig.of(values), env::get).resolveCredentials();
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
