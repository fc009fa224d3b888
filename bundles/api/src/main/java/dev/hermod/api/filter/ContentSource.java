package dev.hermod.api.filter;

import java.io.IOException;
import java.io.InputStream;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where a filter's replacement body comes from; see {@link Verdict.ReplaceBody}. A filter that received a
 * large body (e.g. from a milter) spools it and hands over a source, rather than a byte array.
 */
@ConsumerType
@FunctionalInterface
public interface ContentSource {

    /**
     * Opens the content. The core calls it at most once, after the filter returned and before the next
     * filter is called, reads the stream to its end into its own spool, and closes it; the source may then
     * free its resources.
     *
     * @return a stream from the content's first byte, never {@code null}
     * @throws IOException if the content cannot be read; the core answers a temporary failure
     */
    InputStream open() throws IOException;
}
