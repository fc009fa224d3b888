package dev.hermod.api.crypto;

import java.io.IOException;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Creates and lists the DKIM signing keys of a {@link MessageSigner}, for the shell
 * ({@code hermod:dkim-create}, {@code hermod:dkim-list}) and other admin tools.
 *
 * <p>A key belongs to a sending domain and a selector (RFC 6376 §3.1): the signer puts both in the
 * signature's {@code d=} and {@code s=} tags, and receivers fetch the public key from the DNS TXT record
 * {@code <selector>._domainkey.<domain>}. Creating a key stores the private key with the signer (it never
 * leaves it) and returns that record, which the admin then publishes in the domain's DNS zone.
 *
 * <h2>Rotation</h2>
 * The signer signs with the newest key of each algorithm of a domain unless its configuration pins a
 * selector, so a new key is used at once: publish its record before creating it for a domain that already
 * signs, or pin the current selector until the record is published (see the provider's configuration).
 *
 * <h2>Service properties</h2>
 * {@value MessageSigner#NAME} — the same name as the {@link MessageSigner} whose keys it manages, e.g.
 * {@code dkim}.
 *
 * <p>Thread safe.
 */
@ProviderType
public interface DkimKeyAdmin {

    /**
     * Creates a key pair for a domain and stores its private key with the signer, which signs with it from
     * then on (see <i>Rotation</i>).
     *
     * @param domain    the sending domain, e.g. {@code example.com}; not {@code null}; an internationalized
     *                  name is stored in its ASCII (A-label) form
     * @param selector  the selector, one or more DNS labels such as {@code mail2026}; {@code null} for a
     *                  default made of the algorithm and the current month, e.g. {@code rsa202611}
     * @param algorithm {@code rsa} (2048 bits, signing {@code rsa-sha256}) or {@code ed25519} (signing
     *                  {@code ed25519-sha256}, RFC 8463); {@code null} for {@code rsa}
     * @return the DNS record to publish, in master-file form on one line:
     *         {@code <selector>._domainkey.<domain> IN TXT "v=DKIM1; k=rsa; p=..."}, the text split into
     *         quoted strings of at most 255 characters when longer (RFC 7208 §3.3 style); never {@code null}
     * @throws IllegalArgumentException if the domain, selector or algorithm is malformed or unknown, or the
     *                                  domain already has a key with that selector; nothing is changed then
     * @throws IOException              if the key cannot be written; no partial key is left behind
     */
    String create(String domain, String selector, String algorithm) throws IOException;

    /**
     * Describes the keys the signer holds, one line per key, sorted by domain and then newest first:
     * {@code <domain> <selector> <algorithm> <location> [in use]}, where the algorithm is
     * {@code rsa-2048}, {@code ed25519}, ..., the location says where the private key is stored (a file
     * path), and {@code in use} marks the keys the signer signs with now.
     *
     * @return the lines, empty when there is no key; never {@code null}
     * @throws IOException if the keys cannot be read
     */
    List<String> list() throws IOException;
}
