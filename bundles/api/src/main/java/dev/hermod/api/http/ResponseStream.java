package dev.hermod.api.http;

import java.nio.charset.StandardCharsets;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The open body of a streamed response, such as a {@code text/event-stream}. Thread safe: writes from
 * several threads are sent whole, in the order the calls were made.
 *
 * <p>Writes never block: data is queued to the connection. A client that reads too slowly has its
 * stream closed once more than the server's output limit is queued.
 */
@ProviderType
public interface ResponseStream {

    /**
     * Sends bytes.
     *
     * @param data the bytes; not kept after the call returns
     * @return {@code false} when the stream is closed (nothing was sent)
     */
    boolean write(byte[] data);

    /**
     * Sends text as UTF-8.
     *
     * @param text the text, for an event stream e.g. {@code "event: state\ndata: {...}\n\n"}
     * @return {@code false} when the stream is closed
     */
    default boolean write(String text) {
        return write(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether the stream is open.
     *
     * @return {@code false} once closed by either side or by the server's shutdown
     */
    boolean isOpen();

    /**
     * Runs an action once when the stream closes, whichever side closes it; at once when it is already
     * closed. Use it to drop subscriptions.
     *
     * @param action the action, run on a server thread; must not block
     */
    void onClose(Runnable action);

    /** Ends the response (the last chunk) and keeps the connection for further requests when it can. */
    void close();

    /**
     * The request this stream answers.
     *
     * @return the request
     */
    HttpRequest request();
}
