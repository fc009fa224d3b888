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
 * <p>HTTP/2 is not offered yet: it needs ALPN in the listener's TLS context.
 */
package dev.hermod.http.internal;
