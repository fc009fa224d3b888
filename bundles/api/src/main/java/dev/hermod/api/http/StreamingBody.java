package dev.hermod.api.http;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives the open stream of a response written over time ({@link HttpResponse#eventStream}). */
@ConsumerType
@FunctionalInterface
public interface StreamingBody {

    /**
     * Called once, on a worker thread, after the response headers have been sent. The handler may write
     * here and keep the stream to write later from any thread, until it or the client closes it.
     *
     * @param stream the open stream
     * @throws Exception to close the stream
     */
    void open(ResponseStream stream) throws Exception;
}
