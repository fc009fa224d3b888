package dev.hermod.api.http;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Serves the HTTP requests under one or more path prefixes. Bundles register it as an OSGi service;
 * every HTTP listener of Hermod routes to it.
 *
 * <p>Service properties:
 * <ul>
 *   <li>{@value #PATH} (required) — the path prefix, or several ({@code String[]}), each starting with
 *       {@code /} and without a trailing slash (except the root {@code /} itself), for example
 *       {@code /jmap} or {@code {"/.well-known/jmap", "/jmap"}}. A prefix matches the path equal to it and
 *       every path below it: {@code /jmap} matches {@code /jmap} and {@code /jmap/upload/a}, never
 *       {@code /jmapx}. A request goes to the handler whose prefix is the longest match; between two
 *       handlers with the same prefix, the one with the higher {@code service.ranking} (then the lower
 *       {@code service.id}) wins. Requests that match no handler get {@code 404 Not Found}.</li>
 *   <li>{@value #LISTENER} (optional) — the names of the HTTP listeners ({@code String} or
 *       {@code String[]}) the handler is served on, such as {@code tls} for {@code etc/http-tls.cfg};
 *       without it the handler is served on every HTTP listener. Use it, for example, to keep an admin
 *       API off a public listener.</li>
 *   <li>{@value #MAX_BODY_SIZE} (optional) — the largest request body in bytes the handler accepts
 *       ({@code Long}, {@code Integer} or a decimal {@code String}). Larger bodies are refused by the server
 *       with {@code 413 Content Too Large} before they are read, and the handler is not called. Without it
 *       the listener's configured default applies; a listener's own maximum always caps it.</li>
 * </ul>
 *
 * <p>The server calls {@link #handle} on a worker thread, never on a network thread, so the handler may
 * block (store, directory, blob reads). Calls for different requests run concurrently: implementations
 * must be thread safe. The request body has already been read completely when {@code handle} is called.
 */
@ConsumerType
@FunctionalInterface
public interface HttpHandler {

    /** Service property: the path prefix or prefixes served ({@code String} or {@code String[]}). */
    String PATH = "hermod.http.path";

    /** Service property: the listener names the handler is limited to ({@code String} or {@code String[]}). */
    String LISTENER = "hermod.http.listener";

    /** Service property: the largest request body in bytes the handler accepts. */
    String MAX_BODY_SIZE = "hermod.http.maxBodySize";

    /**
     * Answers one request.
     *
     * <p>To answer with an error, either return a response with the error status, or throw an
     * {@link HttpException}: the server turns it into a response with its status, headers and a plain-text
     * body of its message. Any other exception is logged and answered with {@code 500 Internal Server
     * Error} without details. A {@code HEAD} request is passed on as {@code HEAD}; the server drops the
     * body of the response.
     *
     * @param request the request, with its body; valid until the response is complete
     * @return the response, never {@code null}
     * @throws HttpException to answer with an HTTP error
     * @throws Exception for an unexpected failure, answered with {@code 500}
     */
    HttpResponse handle(HttpRequest request) throws Exception;
}
