package dev.hermod.migration.internal.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hermod.api.http.BasicCredentials;
import dev.hermod.api.http.HttpException;
import dev.hermod.api.http.HttpHandler;
import dev.hermod.api.http.HttpRequest;
import dev.hermod.api.http.HttpResponse;
import dev.hermod.api.http.ResponseStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * Serves an {@link HttpHandler} on 127.0.0.1 with the JDK's HTTP server, as Hermod's HTTP listener would route
 * to it: the request body read first, {@link HttpException}s as their status, event streams and sourced bodies
 * sent chunked. Only for tests of the admin API and the command line.
 */
public final class HttpBridge implements AutoCloseable {

    private final HttpServer server;

    public HttpBridge(String prefix, HttpHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext(prefix, exchange -> {
            try {
                serve(prefix, handler, exchange);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    public String url(String prefix) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + prefix;
    }

    private static void serve(String prefix, HttpHandler handler, HttpExchange exchange) throws Exception {
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpRequest request = request(prefix, exchange, body);
        HttpResponse response;
        try {
            response = handler.handle(request);
        } catch (HttpException e) {
            e.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] text = e.getMessage().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(e.status(), text.length);
            exchange.getResponseBody().write(text);
            return;
        }
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().put(k, v));
        OutputStream out = exchange.getResponseBody();
        HttpResponse.Body responseBody = response.body();
        if (responseBody instanceof HttpResponse.Bytes b) {
            exchange.sendResponseHeaders(response.status(), b.content().length == 0 ? -1 : b.content().length);
            out.write(b.content());
        } else if (responseBody instanceof HttpResponse.Source s) {
            exchange.sendResponseHeaders(response.status(), 0);
            try (InputStream in = s.source().open()) {
                in.transferTo(out);
            }
        } else if (responseBody instanceof HttpResponse.Stream s) {
            exchange.getResponseHeaders().set("Content-Type", s.contentType());
            exchange.sendResponseHeaders(response.status(), 0);
            CountDownLatch closed = new CountDownLatch(1);
            s.body().open(new ResponseStream() {
                @Override
                public synchronized boolean write(byte[] data) {
                    try {
                        out.write(data);
                        out.flush();
                        return true;
                    } catch (IOException e) {
                        return false;
                    }
                }

                @Override
                public boolean isOpen() {
                    return closed.getCount() > 0;
                }

                @Override
                public void onClose(Runnable action) {
                }

                @Override
                public void close() {
                    closed.countDown();
                }

                @Override
                public HttpRequest request() {
                    return request;
                }
            });
            closed.await();
        } else {
            throw new IllegalStateException("not bridged: " + responseBody);
        }
        out.close();
    }

    private static HttpRequest request(String prefix, HttpExchange exchange, byte[] body) {
        String path = exchange.getRequestURI().getPath();
        Optional<String> authorization = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"));
        InvocationHandler h = (self, method, args) -> switch (method.getName()) {
            case "method" -> exchange.getRequestMethod();
            case "path" -> path;
            case "handlerPath" -> prefix;
            case "subPath" -> path.substring(prefix.length());
            case "body" -> body;
            case "bodyText" -> new String(body, StandardCharsets.UTF_8);
            case "header" -> Optional.ofNullable(exchange.getRequestHeaders().getFirst((String) args[0]));
            case "bearerToken" -> authorization.filter(a -> a.startsWith("Bearer ")).map(a -> a.substring(7));
            case "basicCredentials" -> authorization.filter(a -> a.startsWith("Basic ")).map(a -> {
                String[] up = new String(Base64.getDecoder().decode(a.substring(6)), StandardCharsets.UTF_8).split(":", 2);
                return new BasicCredentials(up[0], up[1]);
            });
            case "remoteAddress" -> exchange.getRemoteAddress();
            case "queryParameters" -> query(exchange.getRequestURI().getRawQuery());
            case "headers" -> java.util.List.copyOf(exchange.getRequestHeaders().getOrDefault((String) args[0], java.util.List.of()));
            case "mediaType" -> Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type"))
                    .map(t -> t.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT));
            case "charset" -> Optional.empty();
            case "isWebSocketUpgrade" -> false;
            case "webSocketProtocols" -> java.util.List.of();
            case "baseUri" -> java.net.URI.create("http://127.0.0.1:" + exchange.getLocalAddress().getPort());
            case "rawTarget" -> exchange.getRequestURI().toString();
            case "protocolVersion" -> "HTTP/1.1";
            case "bodyStream" -> new java.io.ByteArrayInputStream(body);
            case "localAddress" -> exchange.getLocalAddress();
            case "secure" -> false;
            case "listener" -> "default";
            case "toString" -> "HttpRequest[" + path + "]";
            default -> throw new UnsupportedOperationException(method.getName());
        };
        return (HttpRequest) Proxy.newProxyInstance(HttpBridge.class.getClassLoader(), new Class<?>[] {HttpRequest.class}, h);
    }

    private static java.util.Map<String, java.util.List<String>> query(String raw) {
        java.util.Map<String, java.util.List<String>> out = new java.util.LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                out.computeIfAbsent(java.net.URLDecoder.decode(kv[0], StandardCharsets.UTF_8), k -> new java.util.ArrayList<>())
                        .add(kv.length > 1 ? java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
