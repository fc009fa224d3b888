/**
 * The HTTP server: one Netty listener per configuration of PID {@code http}, routing each request to
 * the {@link dev.hermod.api.http.HttpHandler} service with the longest matching path prefix.
 *
 * <p>Per connection, {@code HttpServerCodec} decodes HTTP/1.x; {@code HttpDispatcher} reads one request
 * at a time (pipelined requests wait), refuses early what no handler serves (404), methods not served
 * (405) and bodies over the handler's limit (413, from {@code Content-Length} before reading, or while
 * reading a chunked body), and answers {@code Expect: 100-continue} only when the body is acceptable. The
 * handler runs on the listener's worker pool; the response is written back on the event loop:
 * {@code ResponseWriter} for complete, sourced (chunked from an {@code InputStream}), streamed
 * ({@code EventStream}) and WebSocket ({@code WebSocketConnection}, RFC 6455 through Netty's handshaker)
 * responses. Event streams and WebSockets are exempt from the idle timeout; a WebSocket gets a Ping when
 * idle. A client that reads too slowly is disconnected once {@code output.max.queued} bytes wait.
 *
 * <p>HTTP/2: on TLS listeners {@code ProtocolSelector} offers {@code h2} by ALPN and, when the client takes it,
 * runs Netty's HTTP/2 frame codec with one child channel per stream, each with the same dispatcher over
 * HTTP/1-style messages; WebSockets stay on HTTP/1.1 (no RFC 8441). Plain listeners speak HTTP/1.1 only
 * (no h2c): browsers do not use cleartext HTTP/2.
 */
package dev.hermod.http.internal;
