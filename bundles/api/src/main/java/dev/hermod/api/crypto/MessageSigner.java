package dev.hermod.api.crypto;

import dev.hermod.api.mail.TemporaryFailureException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Signs outgoing messages with DKIM (RFC 6376) for the domains it holds keys for.
 *
 * <p>The core calls it when it queues a message for remote delivery whose author domain (of the
 * {@code From} header) is local, after all header changes; it prepends the returned fields, each followed by
 * CRLF, to the message as it is then transmitted unchanged.
 *
 * <h2>Service properties</h2>
 * <ul>
 *   <li>{@value #NAME} (String) — the provider instance's name, for a target filter such as
 *       {@code dkim.target = (name=dkim)}.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * Thread safe; called concurrently, never on a network event loop.
 */
@ConsumerType
public interface MessageSigner {

    /** Service property naming this provider, for target filters. */
    String NAME = "name";

    /**
     * Whether the signer has a key for a domain, so the core need not stream messages it cannot sign.
     *
     * @param domain the signing domain, in lower case, not {@code null}
     * @return {@code true} if {@link #sign} would sign for it
     */
    boolean canSign(String domain);

    /**
     * Computes the DKIM signatures of a message for a domain ({@code d=} tag), with the selectors, algorithms
     * and header list the provider is configured with. Several signatures are returned when several keys
     * are configured, e.g. RSA and Ed25519 (RFC 8463 recommends both).
     *
     * @param domain  the signing domain, in lower case, not {@code null}
     * @param message the complete message as it will be transmitted (CRLF line ends, not dot-stuffed), from
     *                its first byte; not {@code null}; read to the end, not closed
     * @return the complete {@code DKIM-Signature} header fields ({@code "DKIM-Signature: v=1; ..."}), each
     *         possibly folded with CRLF and white space but without a final CRLF, in the order to prepend;
     *         empty if there is no key for {@code domain}. Never {@code null}
     * @throws IOException               if reading {@code message} fails
     * @throws TemporaryFailureException if the key cannot be read now; the core retries later rather than
     *                                   send the message unsigned
     */
    List<String> sign(String domain, InputStream message) throws IOException;
}
