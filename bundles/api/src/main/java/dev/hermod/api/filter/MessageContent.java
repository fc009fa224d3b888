package dev.hermod.api.filter;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A received message's content (RFC 5322 header and body, as on the wire after dot-unstuffing, with CRLF
 * line ends), spooled by the core so that it can be read any number of times.
 *
 * <p>It reflects the header changes and body replacements of the filters called before. Thread safe:
 * streams from {@link #open()} are independent.
 */
@ProviderType
public interface MessageContent {

    /** @return the message's length in bytes */
    long size();

    /**
     * Opens the message from its first byte.
     *
     * @return a new stream, never {@code null}; the caller must close it
     * @throws IOException if the spooled message cannot be read
     */
    InputStream open() throws IOException;

    /**
     * The values of the header fields with a name, in the order they appear (RFC 5322 §2.2). A value is the
     * text after the colon, unfolded (CRLF before white space removed), with leading white space and the
     * final CRLF removed, and not decoded (RFC 2047 encoded words stay as they are).
     *
     * @param name the field name, matched case-insensitively, not {@code null}
     * @return the values, never {@code null}; empty if there is no such field
     */
    List<String> header(String name);
}
