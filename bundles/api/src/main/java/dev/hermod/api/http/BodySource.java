package dev.hermod.api.http;

import java.io.IOException;
import java.io.InputStream;
import org.osgi.annotation.versioning.ConsumerType;

/** Content opened when a response is sent (see {@link HttpResponse#body(BodySource, long, String)}). */
@ConsumerType
@FunctionalInterface
public interface BodySource {

    /**
     * Opens the content. Called once, on a worker thread; the server closes the stream.
     *
     * @return the content
     * @throws IOException if it cannot be opened; the server then resets the connection (the status has
     *         already been sent when the length is unknown)
     */
    InputStream open() throws IOException;
}
