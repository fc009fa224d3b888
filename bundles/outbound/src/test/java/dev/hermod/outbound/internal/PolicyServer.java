package dev.hermod.outbound.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * MTA-STS policy hosts for the tests: the JDK's HTTPS server on 127.0.0.1 with a self-signed certificate made by
 * {@code openssl} for {@code mta-sts.<domain>} of each domain given, serving {@code /.well-known/mta-sts.txt} per
 * domain (chosen by the {@code Host} header).
 */
final class PolicyServer implements AutoCloseable {

    /**
     * What the server answers for one domain.
     *
     * @param status      the HTTP status
     * @param contentType the Content-Type
     * @param body        the body
     * @param location    a Location field, or {@code null}
     */
    record Answer(int status, String contentType, String body, String location) {
        static Answer policy(String body) {
            return new Answer(200, "text/plain", body, null);
        }
    }

    private final HttpsServer server;
    private final Path certificate;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> fetches = new ConcurrentHashMap<>();

    private PolicyServer(HttpsServer server, Path certificate) {
        this.server = server;
        this.certificate = certificate;
    }

    /**
     * Makes a certificate with openssl and starts the server.
     *
     * @param directory where to put the certificate, key and key store
     * @param domains   the policy domains; the certificate names {@code mta-sts.<domain>} of each
     * @return the running server
     */
    static PolicyServer start(Path directory, String... domains) throws Exception {
        Path key = directory.resolve("policy-key.pem");
        Path cert = directory.resolve("policy-cert.pem");
        Path p12 = directory.resolve("policy.p12");
        StringBuilder names = new StringBuilder("subjectAltName=");
        for (int i = 0; i < domains.length; i++) {
            names.append(i == 0 ? "" : ",").append("DNS:mta-sts.").append(domains[i]);
        }
        openssl(directory, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                "/CN=mta-sts." + domains[0], "-addext", names.toString(), "-keyout", key.toString(), "-out",
                cert.toString());
        openssl(directory, "pkcs12", "-export", "-in", cert.toString(), "-inkey", key.toString(), "-out",
                p12.toString(), "-passout", "pass:secret");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            store.load(in, "secret".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "secret".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        PolicyServer policies = new PolicyServer(server, cert);
        server.createContext("/", policies::handle);
        server.start();
        return policies;
    }

    private static void openssl(Path directory, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(directory.resolve("openssl.log").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("openssl " + args[0] + " failed: "
                    + Files.readString(directory.resolve("openssl.log")));
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String host = exchange.getRequestHeaders().getFirst("Host");
        String domain = host == null ? "" : host.replaceFirst(":[0-9]+$", "").toLowerCase(Locale.ROOT)
                .replaceFirst("^mta-sts\\.", "");
        fetches.computeIfAbsent(domain, d -> new AtomicInteger()).incrementAndGet();
        Answer answer = exchange.getRequestURI().getPath().equals("/.well-known/mta-sts.txt")
                ? answers.get(domain) : null;
        if (answer == null) {
            answer = new Answer(404, "text/plain", "not found\n", null);
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        if (answer.location() != null) {
            exchange.getResponseHeaders().set("Location", answer.location());
        }
        // Odd lengths go chunked (length 0), even ones with Content-Length, so the client reads both.
        exchange.sendResponseHeaders(answer.status(), body.length % 2 == 0 ? body.length : 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Sets what the server answers for a domain. */
    void answer(String domain, Answer answer) {
        answers.put(domain, answer);
    }

    /** Serves a policy for a domain. */
    void policy(String domain, String mode, int maxAge, String... mx) {
        StringBuilder text = new StringBuilder("version: STSv1\r\nmode: " + mode + "\r\n");
        for (String m : mx) {
            text.append("mx: ").append(m).append("\r\n");
        }
        answer(domain, Answer.policy(text.append("max_age: ").append(maxAge).append("\r\n").toString()));
    }

    /** @return how many requests came for a domain */
    int fetches(String domain) {
        AtomicInteger n = fetches.get(domain);
        return n == null ? 0 : n.get();
    }

    /** @return the port */
    int port() {
        return server.getAddress().getPort();
    }

    /** @return the self-signed certificate (PEM), to trust */
    Path certificate() {
        return certificate;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
