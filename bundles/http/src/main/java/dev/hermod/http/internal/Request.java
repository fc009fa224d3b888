package dev.hermod.http.internal;

import dev.hermod.api.http.BasicCredentials;
import dev.hermod.api.http.FormData;
import dev.hermod.api.http.HttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A request as handlers see it: the head decoded once, the body complete. */
final class Request implements HttpRequest {

    private final String method;
    private final String rawTarget;
    private final String path;
    private final String handlerPath;
    private final String subPath;
    private final Map<String, List<String>> query;
    private final HttpHeaders headers;
    private final byte[] body;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final boolean secure;
    private final String version;
    private final String listener;
    private FormData form;

    Request(String method, String rawTarget, String path, String handlerPath, String subPath,
            Map<String, List<String>> query, HttpHeaders headers, byte[] body, InetSocketAddress remote,
            InetSocketAddress local, boolean secure, String version, String listener) {
        this.method = method;
        this.rawTarget = rawTarget;
        this.path = path;
        this.handlerPath = handlerPath;
        this.subPath = subPath;
        this.query = query;
        this.headers = headers;
        this.body = body;
        this.remote = remote;
        this.local = local;
        this.secure = secure;
        this.version = version;
        this.listener = listener;
    }

    HttpHeaders nettyHeaders() {
        return headers;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String rawTarget() {
        return rawTarget;
    }

    @Override
    public String handlerPath() {
        return handlerPath;
    }

    @Override
    public String subPath() {
        return subPath;
    }

    @Override
    public Map<String, List<String>> queryParameters() {
        return query;
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    @Override
    public List<String> headers(String name) {
        return List.copyOf(headers.getAll(name));
    }

    @Override
    public Set<String> headerNames() {
        Set<String> names = new LinkedHashSet<>();
        headers.names().forEach(n -> names.add(n.toLowerCase(Locale.ROOT)));
        return Set.copyOf(names);
    }

    @Override
    public Optional<String> mediaType() {
        String type = headers.get(HttpHeaderNames.CONTENT_TYPE);
        if (type == null) {
            return Optional.empty();
        }
        int semi = type.indexOf(';');
        return Optional.of((semi < 0 ? type : type.substring(0, semi)).trim().toLowerCase(Locale.ROOT));
    }

    @Override
    public Optional<Charset> charset() {
        String type = headers.get(HttpHeaderNames.CONTENT_TYPE);
        if (type == null) {
            return Optional.empty();
        }
        for (String param : type.split(";")) {
            String p = param.trim();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                String name = p.substring(8).replace("\"", "").trim();
                try {
                    return Optional.of(Charset.forName(name));
                } catch (RuntimeException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public byte[] body() {
        return body;
    }

    @Override
    public InputStream bodyStream() {
        return new ByteArrayInputStream(body);
    }

    @Override
    public String bodyText() {
        return new String(body, charset().orElse(StandardCharsets.UTF_8));
    }

    @Override
    public synchronized FormData form() {
        if (form == null) {
            form = Forms.parse(this);
        }
        return form;
    }

    @Override
    public Optional<BasicCredentials> basicCredentials() {
        String auth = headers.get(HttpHeaderNames.AUTHORIZATION);
        if (auth == null || !auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty()
                    : Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> bearerToken() {
        String auth = headers.get(HttpHeaderNames.AUTHORIZATION);
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = auth.substring(7).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    @Override
    public boolean isWebSocketUpgrade() {
        return method.equals("GET") && headers.containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
                && headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
    }

    @Override
    public List<String> webSocketProtocols() {
        if (!isWebSocketUpgrade()) {
            return List.of();
        }
        return headers.getAll(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL).stream()
                .flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public boolean secure() {
        return secure;
    }

    @Override
    public String protocolVersion() {
        return version;
    }

    @Override
    public String listener() {
        return listener;
    }

    @Override
    public URI baseUri() {
        String scheme = secure ? "https" : "http";
        String host = headers.get(HttpHeaderNames.HOST);
        if (host == null || host.isBlank() || !host.matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
            String address = local.getAddress().getHostAddress();
            host = (address.contains(":") ? "[" + address + "]" : address) + ":" + local.getPort();
        }
        return URI.create(scheme + "://" + host);
    }

    @Override
    public String toString() {
        return method + " " + rawTarget;
    }
}
