package dev.hermod.api.http;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One HTTP request as a handler sees it. Implemented by the HTTP server; read-only and safe to read from
 * any thread while the handler runs.
 *
 * <p>Paths and query parameters are percent-decoded as UTF-8. Header names are matched without regard
 * to case. The body has been read completely and is within the handler's size limit
 * ({@link HttpHandler#MAX_BODY_SIZE}).
 */
@ProviderType
public interface HttpRequest {

    /**
     * The request method in upper case, as sent: {@code GET}, {@code HEAD}, {@code POST}, {@code PUT},
     * {@code PATCH}, {@code DELETE}, {@code OPTIONS}, ...
     *
     * @return the method, never {@code null}
     */
    String method();

    /**
     * The whole path, percent-decoded, without the query: {@code /jmap/download/a1/B2/x.pdf}.
     *
     * @return the path, starting with {@code /}
     */
    String path();

    /**
     * The request target as sent (path and query, not decoded), for logs and signatures.
     *
     * @return the raw target, never {@code null}
     */
    String rawTarget();

    /**
     * The prefix under which the handler was registered and matched ({@link HttpHandler#PATH}).
     *
     * @return the matched prefix, e.g. {@code /jmap}
     */
    String handlerPath();

    /**
     * The path below {@link #handlerPath()}, percent-decoded: {@code /download/a1/B2/x.pdf} for the path
     * {@code /jmap/download/a1/B2/x.pdf} under {@code /jmap}; empty when the path equals the prefix.
     *
     * @return the rest of the path, empty or starting with {@code /}
     */
    String subPath();

    /**
     * The query parameters in the order sent, each name with its values; for a parameter without
     * {@code =} the value is empty.
     *
     * @return an unmodifiable map, empty without a query
     */
    Map<String, List<String>> queryParameters();

    /**
     * The first value of a query parameter.
     *
     * @param name the parameter name, matched exactly
     * @return the value, or empty when absent
     */
    default Optional<String> queryParameter(String name) {
        List<String> values = queryParameters().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * The first value of a header.
     *
     * @param name the header name, any case
     * @return the value, or empty when absent
     */
    Optional<String> header(String name);

    /**
     * Every value of a header, in the order received (a header sent on several lines gives several values;
     * a comma-separated value is not split).
     *
     * @param name the header name, any case
     * @return the values, empty when absent
     */
    List<String> headers(String name);

    /**
     * The names of the headers received, in lower case.
     *
     * @return an unmodifiable set
     */
    Set<String> headerNames();

    /**
     * The {@code Content-Type} header's media type, in lower case and without parameters.
     *
     * @return e.g. {@code application/json}, or empty when there is no {@code Content-Type}
     */
    Optional<String> mediaType();

    /**
     * The {@code charset} parameter of {@code Content-Type}.
     *
     * @return the charset, or empty when absent or not supported by the JVM
     */
    Optional<Charset> charset();

    /**
     * The body bytes. The array is the request's own: don't modify it.
     *
     * @return the body, empty (not {@code null}) when there is none
     */
    byte[] body();

    /**
     * The body as a stream over {@link #body()}.
     *
     * @return a new stream each call
     */
    InputStream bodyStream();

    /**
     * The body as text, in the {@code charset} of {@code Content-Type}, UTF-8 when it names none.
     *
     * @return the text, empty when there is no body
     */
    String bodyText();

    /**
     * Parses an {@code application/x-www-form-urlencoded} or {@code multipart/form-data} body (the
     * result is kept: later calls return the same object). For a {@code GET}, the query parameters are
     * the form fields.
     *
     * @return the fields and uploaded files
     * @throws HttpException {@code 415} when the body is not a form, {@code 400} when it cannot be parsed
     */
    FormData form();

    /**
     * The user name and password of an {@code Authorization: Basic} header (RFC 7617), decoded as UTF-8.
     * The credentials are not checked: use the core's {@code Authenticator}.
     *
     * @return the credentials, or empty without a well-formed {@code Basic} authorization
     */
    Optional<BasicCredentials> basicCredentials();

    /**
     * The token of an {@code Authorization: Bearer} header (RFC 6750 §2.1). Not checked.
     *
     * @return the token, or empty without a {@code Bearer} authorization
     */
    Optional<String> bearerToken();

    /**
     * Whether this is a WebSocket opening handshake (RFC 6455 §4.1: {@code GET} with
     * {@code Upgrade: websocket}, or an HTTP/2 extended {@code CONNECT}, RFC 8441). Answer it with
     * {@link HttpResponse#webSocket}.
     *
     * @return whether the client asks for a WebSocket
     */
    boolean isWebSocketUpgrade();

    /**
     * The subprotocols the client offers in {@code Sec-WebSocket-Protocol}, in its order of preference.
     *
     * @return the subprotocol names, empty when none or when this is not a WebSocket handshake
     */
    List<String> webSocketProtocols();

    /**
     * The client's address (the peer of the connection; proxies' forwarding headers are not applied).
     *
     * @return the remote address, never {@code null}
     */
    InetSocketAddress remoteAddress();

    /**
     * The local address the connection came in on.
     *
     * @return the local address, never {@code null}
     */
    InetSocketAddress localAddress();

    /**
     * Whether the connection is protected by TLS.
     *
     * @return {@code true} on a TLS listener
     */
    boolean secure();

    /**
     * The HTTP version of the request.
     *
     * @return {@code HTTP/1.0}, {@code HTTP/1.1} or {@code HTTP/2}
     */
    String protocolVersion();

    /**
     * The name of the listener the request came in on ({@code default} for {@code etc/http-default.cfg}).
     *
     * @return the listener name, never {@code null}
     */
    String listener();

    /**
     * The origin the client addressed: scheme from the connection ({@code https} with TLS), host and port
     * from {@code Host} (or HTTP/2's {@code :authority}), falling back to the local address. Use it to
     * build absolute URLs in responses, such as a JMAP session's {@code apiUrl}.
     *
     * @return e.g. {@code https://mail.example.org}, without a trailing slash
     */
    URI baseUri();
}
