package dev.hermod.api.http;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives the events of one WebSocket. The server calls the methods on worker threads, one at a time
 * per socket and in order, so an implementation may block and needs no locking for its per-socket state.
 * An exception thrown by a method closes the socket with 1011 (internal error).
 */
@ConsumerType
public interface WebSocketListener {

    /**
     * The handshake is complete; messages may be sent.
     *
     * @param socket the socket
     * @throws Exception to close the socket
     */
    default void onOpen(WebSocket socket) throws Exception {
    }

    /**
     * A complete text message arrived (fragments are joined by the server).
     *
     * @param socket the socket
     * @param text the message
     * @throws Exception to close the socket
     */
    void onText(WebSocket socket, String text) throws Exception;

    /**
     * A complete binary message arrived. By default the socket is closed with 1003 (unsupported data).
     *
     * @param socket the socket
     * @param data the message
     * @throws Exception to close the socket
     */
    default void onBinary(WebSocket socket, byte[] data) throws Exception {
        socket.close(1003, "binary messages are not supported");
    }

    /**
     * The socket closed, by either side or by the server's shutdown. Called once; nothing can be sent any
     * more.
     *
     * @param socket the socket
     * @param code the close code received or sent (1006 when the connection dropped without one)
     * @param reason the reason, possibly empty
     */
    default void onClose(WebSocket socket, int code, String reason) {
    }
}
