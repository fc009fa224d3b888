package dev.hermod.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** Calls the admin HTTP API of a running server: operations as event streams, and the backup download. */
final class AdminClient {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final URI base;
    private final String authorization;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    AdminClient(URI base, String authorization, boolean insecure) {
        this.base = URI.create(base.toString().replaceAll("/+$", ""));
        this.authorization = authorization;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (insecure) {
            b.sslContext(trustAll());
        }
        this.http = b.build();
    }

    /** @return the API's description, proving the URL and credentials are right */
    Map<String, Object> describe() throws CliException {
        HttpResponse<String> r = send(request("").GET().build(), HttpResponse.BodyHandlers.ofString());
        check(r.statusCode(), r.body());
        return parse(r.body());
    }

    /**
     * A plain JSON call, such as {@code GET queue}.
     *
     * @return the JSON object answered
     */
    Map<String, Object> call(String method, String path) throws CliException {
        HttpResponse<String> r = send(request(path).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        check(r.statusCode(), r.body());
        return parse(r.body());
    }

    /**
     * Runs an operation, showing its progress.
     *
     * @return the result event's report
     * @throws CliException with the exit code for what went wrong
     */
    Map<String, Object> run(String operation, Map<String, Object> body, ProgressView view) throws CliException {
        HttpRequest request;
        try {
            request = request(operation).header("Content-Type", "application/json").header("Accept", "text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpResponse<Stream<String>> r = send(request, HttpResponse.BodyHandlers.ofLines());
        if (r.statusCode() != 200) {
            check(r.statusCode(), String.join("\n", r.body().toList()));
        }
        String event = "message";
        StringBuilder data = new StringBuilder();
        Iterator<String> lines = r.body().iterator();
        try {
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                } else if (line.isEmpty() && data.length() > 0) {
                    Map<String, Object> payload = parse(data.toString());
                    data.setLength(0);
                    switch (event) {
                        case "progress" -> view.update(String.valueOf(payload.get("phase")), number(payload, "done"),
                                number(payload, "total"), number(payload, "bytes"));
                        case "result" -> {
                            view.finish();
                            return payload;
                        }
                        case "error" -> {
                            view.finish();
                            throw new CliException("invalid".equals(payload.get("kind")) ? ExitCodes.FAILED : ExitCodes.TEMPORARY,
                                    String.valueOf(payload.get("message")));
                        }
                        default -> {
                        }
                    }
                    event = "message";
                }
            }
        } catch (java.io.UncheckedIOException e) {
            view.finish();
            throw new CliException(ExitCodes.TEMPORARY, "The connection to the server broke: " + e.getMessage()
                    + ". The operation may still run on the server; see its log.");
        }
        view.finish();
        throw new CliException(ExitCodes.TEMPORARY, "The server ended the answer without a result; see its log");
    }

    /**
     * Downloads a backup archive into {@code target}, written as {@code target.partial} and renamed once the
     * archive is complete (its summary is present).
     *
     * @return the archive's summary
     */
    Properties download(Path target, ProgressView view) throws CliException {
        HttpResponse<InputStream> r = send(request("backup").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            if (r.statusCode() != 200) {
                try (InputStream in = r.body()) {
                    check(r.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            long bytes = 0;
            try (InputStream in = r.body(); OutputStream out = Files.newOutputStream(partial)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                    bytes += n;
                    view.update("download", bytes, -1, bytes);
                }
            }
            view.finish();
            Properties summary = summary(partial);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return summary;
        } catch (IOException e) {
            view.finish();
            throw new CliException(ExitCodes.TEMPORARY, "The backup download broke off (" + e.getMessage()
                    + "); nothing was kept, run it again");
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    /** The summary of a complete archive. */
    static Properties summary(Path archive) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            ZipEntry entry = zip.getEntry("summary.properties");
            if (entry == null || zip.getEntry("hermod-backup.properties") == null) {
                throw new IOException("the archive is incomplete");
            }
            Properties p = new Properties();
            try (InputStream in = zip.getInputStream(entry)) {
                p.load(in);
            }
            return p;
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + (path.isEmpty() ? "" : "/" + path)));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws CliException {
        try {
            return http.send(request, handler);
        } catch (ConnectException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "Cannot connect to " + base + ": is the server running, and"
                    + " is its HTTP listener on that address? (--url)");
        } catch (IOException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "Calling " + base + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.TEMPORARY, "Interrupted");
        }
    }

    private static void check(int status, String body) throws CliException {
        if (status == 200) {
            return;
        }
        if (status == 401 || status == 403) {
            throw new CliException(ExitCodes.UNAUTHORIZED, "The server refused the credentials (" + status + "): " + body.strip()
                    + "\nGive --token-file or HERMOD_ADMIN_TOKEN, or the admin's password (--password-file, HERMOD_ADMIN_PASSWORD).");
        }
        if (status == 404 && body.isBlank()) {
            throw new CliException(ExitCodes.UNREACHABLE, "No admin API at that URL (404): install the feature hermod-migration");
        }
        throw new CliException(status >= 500 ? ExitCodes.TEMPORARY : ExitCodes.FAILED, body.strip() + " (HTTP " + status + ")");
    }

    private Map<String, Object> parse(String text) throws CliException {
        try {
            return json.readValue(text, MAP);
        } catch (IOException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "The server's answer is not the admin API's JSON: " + text);
        }
    }

    private static long number(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number n ? n.longValue() : -1;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static SSLContext trustAll() {
        try {
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String type) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String type) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return ssl;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
