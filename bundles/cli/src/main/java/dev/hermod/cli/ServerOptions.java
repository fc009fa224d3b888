package dev.hermod.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How to reach and authenticate to the admin API; shared by every command. */
final class ServerOptions {

    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:HERMOD_URL:-http://127.0.0.1:8080/admin/api}",
            description = "The admin API (env HERMOD_URL; default: ${DEFAULT-VALUE})")
    URI url;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "File holding the admin API token (or env HERMOD_ADMIN_TOKEN)")
    Path tokenFile;

    @Option(names = "--user", defaultValue = "admin", description = "Karaf user with the admin role (default: ${DEFAULT-VALUE})")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File holding the user's password (or env HERMOD_ADMIN_PASSWORD; default: etc/admin.password of HERMOD_HOME)")
    Path passwordFile;

    @Option(names = "--insecure", description = "Accept any TLS certificate of the server")
    boolean insecure;

    AdminClient client() throws CliException {
        return new AdminClient(url, authorization(), insecure);
    }

    private String authorization() throws CliException {
        String token = System.getenv("HERMOD_ADMIN_TOKEN");
        if (tokenFile != null) {
            token = read(tokenFile);
        }
        if (token != null && !token.isBlank()) {
            return "Bearer " + token.strip();
        }
        String password = System.getenv("HERMOD_ADMIN_PASSWORD");
        Path file = passwordFile;
        if (file == null && password == null && System.getenv("HERMOD_HOME") != null) {
            Path home = Path.of(System.getenv("HERMOD_HOME"), "etc", "admin.password");
            file = Files.isReadable(home) ? home : null;
        }
        if (file != null) {
            password = read(file);
        }
        return password == null ? null : AdminClient.basic(user, password.strip());
    }

    private static String read(Path file) throws CliException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILED, "Cannot read " + file + ": " + e.getMessage());
        }
    }
}
