package dev.hermod.api.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Thrown by a handler (or by {@link HttpRequest#form()}) to answer with an HTTP error: the server sends
 * the status, the headers and the message as a {@code text/plain; charset=utf-8} body.
 *
 * <p>The message is shown to the client: say what was wrong and what to do, never internal details.
 */
public class HttpException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final Map<String, String> headers;

    /**
     * @param status the HTTP status, 400 to 599
     * @param message the text sent to the client, never {@code null}
     * @throws IllegalArgumentException if the status is not an error status
     */
    public HttpException(int status, String message) {
        this(status, message, Map.of());
    }

    /**
     * @param status the HTTP status, 400 to 599
     * @param message the text sent to the client, never {@code null}
     * @param headers extra response headers, such as {@code Allow} or {@code WWW-Authenticate}
     * @throws IllegalArgumentException if the status is not an error status
     */
    public HttpException(int status, String message, Map<String, String> headers) {
        super(Objects.requireNonNull(message, "message"));
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("not an HTTP error status: " + status);
        }
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the extra response headers, never {@code null} */
    public Map<String, String> headers() {
        return headers;
    }

    /**
     * {@code 400 Bad Request}.
     *
     * @param message what was wrong with the request
     * @return the exception to throw
     */
    public static HttpException badRequest(String message) {
        return new HttpException(400, message);
    }

    /**
     * {@code 401 Unauthorized} with a {@code WWW-Authenticate} challenge.
     *
     * @param challenge the header value, e.g. {@code Basic realm="Hermod", charset="UTF-8"}
     * @param message the text for the client
     * @return the exception to throw
     */
    public static HttpException unauthorized(String challenge, String message) {
        return new HttpException(401, message, Map.of("WWW-Authenticate", challenge));
    }

    /**
     * {@code 403 Forbidden}.
     *
     * @param message why the request is refused
     * @return the exception to throw
     */
    public static HttpException forbidden(String message) {
        return new HttpException(403, message);
    }

    /**
     * {@code 404 Not Found}.
     *
     * @param message what was not found
     * @return the exception to throw
     */
    public static HttpException notFound(String message) {
        return new HttpException(404, message);
    }

    /**
     * {@code 405 Method Not Allowed} with the {@code Allow} header (RFC 9110 §15.5.6).
     *
     * @param allowed the methods the resource supports, e.g. {@code "GET", "POST"}
     * @return the exception to throw
     */
    public static HttpException methodNotAllowed(String... allowed) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Allow", String.join(", ", allowed));
        return new HttpException(405, "Method not allowed here; use " + String.join(" or ", allowed) + ".", headers);
    }

    /**
     * {@code 413 Content Too Large}.
     *
     * @param limit the largest accepted body in bytes
     * @return the exception to throw
     */
    public static HttpException tooLarge(long limit) {
        return new HttpException(413, "The request body is larger than the " + limit + " bytes accepted here.");
    }

    /**
     * {@code 415 Unsupported Media Type}.
     *
     * @param message which types are accepted
     * @return the exception to throw
     */
    public static HttpException unsupportedMediaType(String message) {
        return new HttpException(415, message);
    }
}
