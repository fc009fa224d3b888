package dev.hermod.api.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a handler answers: a status, headers and a {@link Body}. Built fluently by the handler and then
 * returned; not thread safe, and not to be changed once returned.
 *
 * <pre>{@code
 * return HttpResponse.ok().header("Cache-Control", "no-store").json(bytes);
 * return HttpResponse.status(201).header("Location", url).empty();
 * return HttpResponse.eventStream(stream -> subscriptions.add(stream));
 * }</pre>
 *
 * <p>The server sets {@code Content-Length} (or chunked transfer for streams of unknown length),
 * {@code Date} and connection headers itself; a handler's own values for them are ignored.
 */
public final class HttpResponse {

    private final int status;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private Body body = new Bytes(new byte[0]);

    private HttpResponse(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        this.status = status;
    }

    /**
     * A response with a status and, until a body is set, an empty body.
     *
     * @param status the HTTP status, 100 to 599
     * @return a new response
     */
    public static HttpResponse status(int status) {
        return new HttpResponse(status);
    }

    /** @return a new {@code 200 OK} response */
    public static HttpResponse ok() {
        return new HttpResponse(200);
    }

    /** @return a new {@code 204 No Content} response */
    public static HttpResponse noContent() {
        return new HttpResponse(204);
    }

    /**
     * A redirect.
     *
     * @param status 301, 302, 303, 307 or 308
     * @param location the target URL, absolute or relative (RFC 9110 §10.2.2)
     * @return a new response with {@code Location}
     */
    public static HttpResponse redirect(int status, String location) {
        if (status < 300 || status > 399) {
            throw new IllegalArgumentException("not a redirect status: " + status);
        }
        return new HttpResponse(status).header("Location", location);
    }

    /**
     * A {@code 200} response of {@code text/event-stream} kept open for server-sent events (HTML's
     * EventSource). The server sends the headers, then calls {@code body} on a worker thread with the
     * open stream; the handler keeps the stream and writes events to it whenever it likes, from any thread.
     * {@code Cache-Control: no-cache} is set.
     *
     * @param body receives the open stream
     * @return a new response
     */
    public static HttpResponse eventStream(StreamingBody body) {
        HttpResponse response = new HttpResponse(200).header("Cache-Control", "no-cache");
        response.body = new Stream("text/event-stream; charset=utf-8", Objects.requireNonNull(body, "body"));
        return response;
    }

    /**
     * A response kept open with a body written over time, of any type (chunked transfer over HTTP/1.1).
     *
     * @param contentType the {@code Content-Type}
     * @param body receives the open stream
     * @return a new {@code 200} response
     */
    public static HttpResponse stream(String contentType, StreamingBody body) {
        HttpResponse response = new HttpResponse(200);
        response.body = new Stream(Objects.requireNonNull(contentType, "contentType"), Objects.requireNonNull(body, "body"));
        return response;
    }

    /**
     * Accepts a WebSocket opening handshake (RFC 6455 §4.2.2). Valid only when
     * {@link HttpRequest#isWebSocketUpgrade()}; otherwise the server answers {@code 400}. The server
     * completes the handshake and then delivers messages to {@code listener}. The largest message accepted
     * is the handler's {@link HttpHandler#MAX_BODY_SIZE}; a larger one closes the socket with 1009.
     *
     * @param subprotocol the subprotocol chosen from {@link HttpRequest#webSocketProtocols()}, sent in
     *        {@code Sec-WebSocket-Protocol}; {@code null} for none
     * @param listener receives the socket's events
     * @return a new {@code 101} response
     */
    public static HttpResponse webSocket(String subprotocol, WebSocketListener listener) {
        HttpResponse response = new HttpResponse(101);
        response.body = new Upgrade(subprotocol, Objects.requireNonNull(listener, "listener"));
        return response;
    }

    /**
     * Adds a header value (a header may have several).
     *
     * @param name the header name
     * @param value the value; must not contain CR or LF
     * @return this response
     * @throws IllegalArgumentException if the value contains CR or LF
     */
    public HttpResponse header(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("header " + name + " contains a line break");
        }
        headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        return this;
    }

    /**
     * Sets the body.
     *
     * @param content the bytes; not copied, don't change them afterwards
     * @param contentType the {@code Content-Type}
     * @return this response
     */
    public HttpResponse body(byte[] content, String contentType) {
        setContentType(contentType);
        body = new Bytes(Objects.requireNonNull(content, "content"));
        return this;
    }

    /**
     * Sets a body read from a source when the response is sent, for large content (blob downloads).
     *
     * @param source opened once, on a worker thread, when the response is written
     * @param length the exact length in bytes, or -1 when unknown (sent chunked)
     * @param contentType the {@code Content-Type}
     * @return this response
     */
    public HttpResponse body(BodySource source, long length, String contentType) {
        setContentType(contentType);
        body = new Source(Objects.requireNonNull(source, "source"), length);
        return this;
    }

    /**
     * Sets a {@code text/plain; charset=utf-8} body.
     *
     * @param text the text
     * @return this response
     */
    public HttpResponse text(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    }

    /**
     * Sets a {@code text/html; charset=utf-8} body.
     *
     * @param html the document
     * @return this response
     */
    public HttpResponse html(String html) {
        return body(html.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");
    }

    /**
     * Sets an {@code application/json} body.
     *
     * @param json the UTF-8 encoded JSON text
     * @return this response
     */
    public HttpResponse json(byte[] json) {
        return body(json, "application/json");
    }

    /**
     * Keeps the body empty (the default); reads well after {@link #status(int)}.
     *
     * @return this response
     */
    public HttpResponse empty() {
        body = new Bytes(new byte[0]);
        return this;
    }

    /** @return the status */
    public int status() {
        return status;
    }

    /** @return the headers set by the handler, names as given; unmodifiable */
    public Map<String, List<String>> headers() {
        return Collections.unmodifiableMap(headers);
    }

    /** @return the body */
    public Body body() {
        return body;
    }

    private void setContentType(String contentType) {
        Objects.requireNonNull(contentType, "contentType");
        headers.keySet().removeIf(n -> n.equalsIgnoreCase("Content-Type"));
        header("Content-Type", contentType);
    }

    /** The kinds of body a response has; the server handles each. */
    public sealed interface Body permits Bytes, Source, Stream, Upgrade {
    }

    /**
     * A complete body in memory.
     *
     * @param content the bytes
     */
    public record Bytes(byte[] content) implements Body {
    }

    /**
     * A body read from a source when sent.
     *
     * @param source the content
     * @param length the length in bytes, -1 when unknown
     */
    public record Source(BodySource source, long length) implements Body {
    }

    /**
     * A body written over time by the handler.
     *
     * @param contentType the {@code Content-Type}
     * @param body receives the open stream
     */
    public record Stream(String contentType, StreamingBody body) implements Body {
    }

    /**
     * A WebSocket handshake accepted.
     *
     * @param subprotocol the chosen subprotocol, or {@code null}
     * @param listener receives the socket's events
     */
    public record Upgrade(String subprotocol, WebSocketListener listener) implements Body {
    }
}
