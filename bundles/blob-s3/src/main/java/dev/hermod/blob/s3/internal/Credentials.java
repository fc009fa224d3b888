package dev.hermod.blob.s3.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Where the S3 keys come from: the configuration, environment variables it names, or a file it names; with
 * none of these, the SDK's default chain (environment, system properties, profile, container and instance
 * roles).
 */
final class Credentials {

    private Credentials() {
    }

    /**
     * @param env looks up an environment variable, e.g. {@code System::getenv}
     * @throws IllegalArgumentException naming the key to fix when a named source is missing, unreadable or
     *                                  readable by everyone, or when only one of the two keys is given
     */
    static AwsCredentialsProvider of(S3BlobStore.Config config, Function<String, String> env) {
        String accessKey = blank(config.accessKey()) ? fromEnv("accessKey.env", config.accessKey_env(), env)
                : config.accessKey().trim();
        String secretKey = !blank(config._secretKey()) ? config._secretKey().trim()
                : !blank(config.secretKey_env()) ? fromEnv("secretKey.env", config.secretKey_env(), env)
                : fromFile(config.secretKey_file());
        if (accessKey == null && secretKey == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        if (accessKey == null || secretKey == null) {
            throw new IllegalArgumentException("PID blob.s3: " + (accessKey == null ? "a secret key is configured but "
                    + "no access key (accessKey or accessKey.env)" : "an access key is configured but no secret key "
                    + "(.secretKey, secretKey.env or secretKey.file)"));
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    }

    private static String fromEnv(String key, String variable, Function<String, String> env) {
        if (blank(variable)) {
            return null;
        }
        String value = env.apply(variable.trim());
        if (blank(value)) {
            throw new IllegalArgumentException("PID blob.s3, key " + key + ": the environment variable " + variable
                    + " is not set");
        }
        return value.trim();
    }

    private static String fromFile(String file) {
        if (blank(file)) {
            return null;
        }
        Path path = Path.of(file.trim());
        try {
            if (path.getFileSystem().supportedFileAttributeViews().contains("posix")
                    && Files.getPosixFilePermissions(path).contains(PosixFilePermission.OTHERS_READ)) {
                throw new IllegalArgumentException("PID blob.s3, key secretKey.file: " + path + " is readable by "
                        + "everyone; restrict it (chmod 600) to the user Hermod runs as");
            }
            String secret = Files.readString(path, StandardCharsets.UTF_8).trim();
            if (secret.isEmpty()) {
                throw new IllegalArgumentException("PID blob.s3, key secretKey.file: " + path + " is empty");
            }
            return secret;
        } catch (IOException e) {
            throw new IllegalArgumentException("PID blob.s3, key secretKey.file: cannot read " + path + ": " + e, e);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
