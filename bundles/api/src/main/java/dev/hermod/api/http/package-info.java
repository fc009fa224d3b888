/**
 * HTTP routes: how a bundle serves HTTP on Hermod's HTTP listeners without depending on the server
 * that implements them.
 *
 * <p>A bundle registers an {@link dev.hermod.api.http.HttpHandler} service with the service property
 * {@value dev.hermod.api.http.HttpHandler#PATH} naming the path prefix it serves, for example
 * {@code /jmap}, {@code /crypto} or {@code /admin}. The HTTP server tracks handlers dynamically: a
 * handler serves requests as soon as it is registered and stops when it is unregistered, without a
 * restart. A request goes to the handler with the longest matching prefix.
 *
 * <p>A handler receives an {@link dev.hermod.api.http.HttpRequest} (method, path, query, headers,
 * addresses, TLS, a body already read and bounded in size, form parsing) and returns an
 * {@link dev.hermod.api.http.HttpResponse}: a complete body, a body streamed from a source, a stream
 * kept open for server-sent events ({@link dev.hermod.api.http.ResponseStream}), or a WebSocket
 * ({@link dev.hermod.api.http.WebSocket}). Handlers run on worker threads, never on network threads,
 * so they may block on stores and directories.
 *
 * <pre>{@code
 * @Component(service = HttpHandler.class, property = HttpHandler.PATH + "=/hello")
 * public final class Hello implements HttpHandler {
 *     public HttpResponse handle(HttpRequest request) {
 *         if (!request.method().equals("GET")) throw HttpException.methodNotAllowed("GET");
 *         return HttpResponse.ok().text("hello " + request.queryParameter("name").orElse("world"));
 *     }
 * }
 * }</pre>
 *
 * <p>No type of this package refers to the network library the server uses.
 */
@Export
@Version("1.0.0")
package dev.hermod.api.http;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
