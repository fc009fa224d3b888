package dev.hermod.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermod.api.http.FormData;
import dev.hermod.api.http.HttpException;
import dev.hermod.api.http.HttpHandler;
import dev.hermod.api.http.HttpResponse;
import dev.hermod.api.http.ResponseStream;
import dev.hermod.api.http.WebSocketListener;
import dev.hermod.testing.Components;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP listener on 127.0.0.1 with handlers registered as the framework would, driven by the JDK's client. */
class HttpServerTest {

    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stop() {
        servers.forEach(HttpServer::deactivate);
    }

    private HttpServer server(Map<String, Object> extra) throws Exception {
        Map<String, Object> config = new HashMap<>(Map.of("protocol", "http", "host", "127.0.0.1", "port", 0,
                "security", "none", "hostname", "mail.example.org", "workers", 4, "name", "default"));
        config.putAll(extra);
        HttpServer server = new HttpServer(Components.config(HttpServer.Config.class, config), config);
        servers.add(server);
        return server;
    }

    private static Map<String, Object> props(Object path, Object... more) {
        Map<String, Object> p = new HashMap<>(Map.of(HttpHandler.PATH, path, "service.id", (long) (Math.random() * 1e6)));
        for (int i = 0; i < more.length; i += 2) {
            p.put((String) more[i], more[i + 1]);
        }
        return p;
    }

    private String url(HttpServer server, String path) {
        return "http://127.0.0.1:" + server.address().getPort() + path;
    }

    private java.net.http.HttpResponse<String> get(HttpServer server, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url(server, path))).build(), BodyHandlers.ofString());
    }

    @Test
    void routesByLongestPrefixAndDecodesPathAndQuery() throws Exception {
        HttpServer server = server(Map.of());
        server.bindHandler(r -> HttpResponse.ok().text("short " + r.subPath()), props("/jmap"));
        server.bindHandler(r -> HttpResponse.ok().text("long " + r.handlerPath() + " " + r.subPath() + " "
                + r.queryParameters() + " " + r.baseUri()), props(new String[] {"/jmap/upload", "/other/"}));

        assertEquals("short /session", get(server, "/jmap/session").body());
        assertEquals("short ", get(server, "/jmap").body());
        var upload = get(server, "/jmap/upload/a%20b?x=1&x=2&y=%C3%A9");
        assertEquals(200, upload.statusCode());
        assertEquals("long /jmap/upload /a b {x=[1, 2], y=[é]} http://127.0.0.1:" + server.address().getPort(),
                upload.body());
        assertEquals("long /other  {} http://127.0.0.1:" + server.address().getPort(), get(server, "/other").body());
        var miss = get(server, "/jmapx");
        assertEquals(404, miss.statusCode());
        assertTrue(miss.body().contains("Nothing is served at /jmapx"), miss.body());
    }

    @Test
    void handlersComeAndGoWhileTheListenerRuns() throws Exception {
        HttpServer server = server(Map.of());
        HttpHandler first = r -> HttpResponse.ok().text("first");
        HttpHandler ranked = r -> HttpResponse.ok().text("ranked");
        assertEquals(404, get(server, "/crypto").statusCode());
        server.bindHandler(first, props("/crypto"));
        assertEquals("first", get(server, "/crypto").body());
        server.bindHandler(ranked, props("/crypto", "service.ranking", 10));
        assertEquals("ranked", get(server, "/crypto/x").body());
        server.unbindHandler(ranked);
        assertEquals("first", get(server, "/crypto").body());
        server.unbindHandler(first);
        assertEquals(404, get(server, "/crypto").statusCode());
    }

    @Test
    void handlerLimitedToAnotherListenerIsNotServedHere() throws Exception {
        HttpServer server = server(Map.of());
        server.bindHandler(r -> HttpResponse.ok().text("admin"), props("/admin", HttpHandler.LISTENER, "tls"));
        assertEquals(404, get(server, "/admin").statusCode());
        server.bindHandler(r -> HttpResponse.ok().text("admin here"), props("/admin", HttpHandler.LISTENER,
                new String[] {"tls", "default"}));
        assertEquals("admin here", get(server, "/admin").body());
    }

    @Test
    void bodiesOverTheHandlersLimitAreRefusedWith413AndTheHandlerIsNotCalled() throws Exception {
        HttpServer server = server(Map.of("body.default.max.size", 1000L));
        List<Integer> seen = new CopyOnWriteArrayList<>();
        server.bindHandler(r -> {
            seen.add(r.body().length);
            return HttpResponse.ok().text("got " + r.body().length);
        }, props("/small"));
        server.bindHandler(r -> HttpResponse.ok().text("big " + r.body().length), props("/big", HttpHandler.MAX_BODY_SIZE, 5000L));

        var ok = client.send(HttpRequest.newBuilder(URI.create(url(server, "/small")))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1000])).build(), BodyHandlers.ofString());
        assertEquals("got 1000", ok.body());
        var tooLarge = client.send(HttpRequest.newBuilder(URI.create(url(server, "/small")))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1001])).build(), BodyHandlers.ofString());
        assertEquals(413, tooLarge.statusCode());
        assertTrue(tooLarge.body().contains("1000 bytes"), tooLarge.body());
        // Chunked: no Content-Length, refused while reading.
        var chunked = client.send(HttpRequest.newBuilder(URI.create(url(server, "/small")))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[3000]))).build(),
                BodyHandlers.ofString());
        assertEquals(413, chunked.statusCode());
        assertEquals(List.of(1000), seen);
        var big = client.send(HttpRequest.newBuilder(URI.create(url(server, "/big")))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[4000])).build(), BodyHandlers.ofString());
        assertEquals("big 4000", big.body());
    }

    @Test
    void errorsAreClear() throws Exception {
        HttpServer server = server(Map.of());
        server.bindHandler(r -> {
            if (!r.method().equals("GET")) {
                throw HttpException.methodNotAllowed("GET");
            }
            throw new IllegalStateException("secret detail");
        }, props("/"));
        var post = client.send(HttpRequest.newBuilder(URI.create(url(server, "/x")))
                .POST(HttpRequest.BodyPublishers.ofString("a")).build(), BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertEquals("GET", post.headers().firstValue("Allow").orElseThrow());
        var failed = get(server, "/x");
        assertEquals(500, failed.statusCode());
        assertFalse(failed.body().contains("secret detail"));
        var trace = client.send(HttpRequest.newBuilder(URI.create(url(server, "/x"))).method("TRACE",
                HttpRequest.BodyPublishers.noBody()).build(), BodyHandlers.ofString());
        assertEquals(405, trace.statusCode());
    }

    @Test
    void formsAreParsed() throws Exception {
        HttpServer server = server(Map.of());
        server.bindHandler(r -> {
            FormData form = r.form();
            StringBuilder out = new StringBuilder(form.fields().toString());
            form.file("key").ifPresent(f -> out.append(" ").append(f.filename()).append(" ").append(f.contentType())
                    .append(" ").append(new String(f.content(), StandardCharsets.UTF_8)));
            return HttpResponse.ok().text(out.toString());
        }, props("/crypto"));
        var urlencoded = client.send(HttpRequest.newBuilder(URI.create(url(server, "/crypto")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("a=1&b=h%C3%A9+llo&a=2")).build(), BodyHandlers.ofString());
        assertEquals("{a=[1, 2], b=[hé llo]}", urlencoded.body());
        String multipart = "--XyZ\r\nContent-Disposition: form-data; name=\"passphrase\"\r\n\r\nopen sesame\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"key\"; filename=\"alice.asc\"\r\n"
                + "Content-Type: application/pgp-keys\r\n\r\n-----BEGIN PGP-----\r\n--XyZ--\r\n";
        var parts = client.send(HttpRequest.newBuilder(URI.create(url(server, "/crypto")))
                .header("Content-Type", "multipart/form-data; boundary=XyZ")
                .POST(HttpRequest.BodyPublishers.ofString(multipart)).build(), BodyHandlers.ofString());
        assertEquals("{passphrase=[open sesame]} alice.asc application/pgp-keys -----BEGIN PGP-----", parts.body());
        var json = client.send(HttpRequest.newBuilder(URI.create(url(server, "/crypto")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                BodyHandlers.ofString());
        assertEquals(415, json.statusCode());
    }

    @Test
    void sourcedBodiesAndHead() throws Exception {
        HttpServer server = server(Map.of());
        byte[] content = new byte[200_000];
        new SecureRandom().nextBytes(content);
        server.bindHandler(r -> HttpResponse.ok().body(() -> new ByteArrayInputStream(content),
                r.subPath().equals("/unknown") ? -1 : content.length, "application/octet-stream"), props("/blob"));
        var known = client.send(HttpRequest.newBuilder(URI.create(url(server, "/blob/known"))).build(), BodyHandlers.ofByteArray());
        assertTrue(java.util.Arrays.equals(content, known.body()));
        assertEquals(String.valueOf(content.length), known.headers().firstValue("Content-Length").orElseThrow());
        var unknown = client.send(HttpRequest.newBuilder(URI.create(url(server, "/blob/unknown"))).build(), BodyHandlers.ofByteArray());
        assertTrue(java.util.Arrays.equals(content, unknown.body()));
        var head = client.send(HttpRequest.newBuilder(URI.create(url(server, "/blob/known")))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), BodyHandlers.ofByteArray());
        assertEquals(200, head.statusCode());
        assertEquals(0, head.body().length);
        // The connection is kept for the next request.
        assertEquals(200, get(server, "/blob/known").statusCode());
    }

    @Test
    void eventStreamSendsEventsUntilTheClientLeaves() throws Exception {
        HttpServer server = server(Map.of());
        LinkedBlockingQueue<ResponseStream> streams = new LinkedBlockingQueue<>();
        CompletableFuture<Boolean> closed = new CompletableFuture<>();
        server.bindHandler(r -> HttpResponse.eventStream(s -> {
            s.onClose(() -> closed.complete(true));
            s.write("event: ready\ndata: {}\n\n");
            streams.add(s);
        }), props("/events"));
        try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("HTTP/1.1 200 OK", in.readLine());
            String line;
            StringBuilder all = new StringBuilder();
            while (!(line = in.readLine()).equals("event: ready")) {
                all.append(line).append('\n');
            }
            assertTrue(all.toString().toLowerCase().contains("content-type: text/event-stream"), all.toString());
            ResponseStream stream = streams.poll(5, TimeUnit.SECONDS);
            assertTrue(stream.write("event: state\ndata: {\"changed\":1}\n\n"));
            while (!(line = in.readLine()).startsWith("data: {\"changed\"")) {
                assertFalse(line.contains("HTTP/1.1"));
            }
        }
        assertTrue(closed.get(5, TimeUnit.SECONDS));
        ResponseStream stream = streams.poll();
        assertTrue(stream == null || !stream.isOpen());
    }

    @Test
    void webSocketEchoWithSubprotocol() throws Exception {
        HttpServer server = server(Map.of());
        CompletableFuture<Integer> closeCode = new CompletableFuture<>();
        server.bindHandler(r -> {
            if (!r.isWebSocketUpgrade()) {
                throw HttpException.badRequest("WebSocket only");
            }
            assertEquals(List.of("jmap"), r.webSocketProtocols());
            return HttpResponse.webSocket("jmap", new WebSocketListener() {
                @Override
                public void onText(dev.hermod.api.http.WebSocket socket, String text) {
                    socket.sendText("echo " + text + " " + socket.subprotocol().orElse("-"));
                }

                @Override
                public void onClose(dev.hermod.api.http.WebSocket socket, int code, String reason) {
                    closeCode.complete(code);
                }
            });
        }, props("/ws"));
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("jmap")
                .buildAsync(URI.create("ws://127.0.0.1:" + server.address().getPort() + "/ws"), new WebSocket.Listener() {
                    private final StringBuilder message = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        message.append(data);
                        if (last) {
                            received.add(message.toString());
                            message.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);
        assertEquals("jmap", ws.getSubprotocol());
        ws.sendText("hello", true).get(5, TimeUnit.SECONDS);
        assertEquals("echo hello jmap", received.poll(5, TimeUnit.SECONDS));
        ws.sendText("x".repeat(100_000), true).get(5, TimeUnit.SECONDS);
        assertEquals(100_000 + 10, received.poll(5, TimeUnit.SECONDS).length());
        ws.sendClose(1000, "bye").get(5, TimeUnit.SECONDS);
        assertEquals(1000, closeCode.get(5, TimeUnit.SECONDS));
        assertEquals(400, get(server, "/ws").statusCode());
    }

    @Test
    void implicitTls() throws Exception {
        HttpServer server = server(Map.of("security", "implicit_tls", "name", "tls"));
        server.bindHandler(r -> HttpResponse.ok().text("secure=" + r.secure() + " " + r.baseUri().getScheme()
                + " " + r.listener()), props("/"));
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[] {new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] c, String a) {
            }

            public void checkServerTrusted(X509Certificate[] c, String a) {
            }

            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        try (Socket socket = trustAll.getSocketFactory().createSocket("127.0.0.1", server.address().getPort())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: mail.example.org\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 200 OK"), response);
            assertTrue(response.endsWith("\r\n\r\nsecure=true https tls"), response);
        }
    }

    @Test
    void http2ByAlpnOnTlsWithCurl() throws Exception {
        HttpServer server = server(Map.of("security", "implicit_tls", "name", "tls", "body.default.max.size", 1000L));
        server.bindHandler(r -> HttpResponse.ok().text(r.protocolVersion() + " " + r.method() + " " + r.body().length
                + " " + r.header("host").orElse("-") + " " + r.queryParameter("q").orElse("-")), props("/h"));
        String url = "https://127.0.0.1:" + server.address().getPort() + "/h?q=1";
        assertEquals("HTTP/2 GET 0 127.0.0.1:" + server.address().getPort() + " 1\n2", curl("--http2", url));
        assertEquals("HTTP/2 POST 5 127.0.0.1:" + server.address().getPort() + " 1\n2", curl("--http2", "-d", "hello", url));
        assertTrue(curl("--http2", "-d", "x".repeat(2000), url).endsWith("\n2"));
        assertTrue(curl("--http2", "-o", "/dev/null", "-d", "x".repeat(2000), "-w", "%{http_code}", url).startsWith("413"));
        // A client without ALPN h2 keeps HTTP/1.1.
        assertEquals("HTTP/1.1 GET 0 127.0.0.1:" + server.address().getPort() + " 1\n1.1", curl("--http1.1", url));
    }

    /** Runs curl (a real client), returns the body and the HTTP version it used. */
    private static String curl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("curl", "-sk", "--max-time", "10"));
        command.addAll(List.of(args));
        if (!command.contains("-w")) {
            command.addAll(List.of("-w", "\n%{http_version}"));
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        return out;
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        HttpServer server = server(Map.of());
        server.bindHandler(r -> {
            if (r.subPath().equals("/slow")) {
                Thread.sleep(200);
            }
            return HttpResponse.ok().text("answer" + r.subPath() + " " + r.bodyText());
        }, props("/p"));
        try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("POST /p/slow HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\none"
                    + "GET /p/fast HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /p/last HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int slow = all.indexOf("answer/slow one");
            int fast = all.indexOf("answer/fast ");
            int last = all.indexOf("answer/last ");
            assertTrue(slow >= 0 && slow < fast && fast < last, all);
        }
    }
}
