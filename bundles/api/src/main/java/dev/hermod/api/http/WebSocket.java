package dev.hermod.api.http;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * An open WebSocket (RFC 6455), accepted with {@link HttpResponse#webSocket}. Thread safe: messages sent
 * from several threads go out whole, in call order. Sends never block; a peer that reads too slowly is
 * disconnected once more than the server's output limit is queued.
 */
@ProviderType
public interface WebSocket {

    /**
     * Sends a text message.
     *
     * @param text the message
     * @return {@code false} when the socket is closed (nothing was sent)
     */
    boolean sendText(String text);

    /**
     * Sends a binary message.
     *
     * @param data the message; not kept after the call returns
     * @return {@code false} when the socket is closed
     */
    boolean sendBinary(byte[] data);

    /**
     * Starts the closing handshake (RFC 6455 §7.1.2).
     *
     * @param code the status code, e.g. 1000 (normal), 1008 (policy violation), 1011 (server error)
     * @param reason a short reason, at most 123 bytes of UTF-8; may be empty
     */
    void close(int code, String reason);

    /**
     * Whether the socket is open.
     *
     * @return {@code false} once either side started closing
     */
    boolean isOpen();

    /**
     * The subprotocol agreed in the handshake.
     *
     * @return the subprotocol, or empty when none
     */
    Optional<String> subprotocol();

    /**
     * The opening handshake request (for its addresses, headers and credentials).
     *
     * @return the request
     */
    HttpRequest handshake();
}
