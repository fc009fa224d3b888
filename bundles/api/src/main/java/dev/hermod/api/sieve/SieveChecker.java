package dev.hermod.api.sieve;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Checks a Sieve script the way delivery will run it (ManageSieve's CHECKSCRIPT and PUTSCRIPT, RFC 5804
 * §2.12, and the shell). Registered by the Sieve bundle; thread safe.
 */
@ProviderType
public interface SieveChecker {

    /**
     * @param name the script's name, for messages
     * @param text the script
     * @return empty if the script compiles, otherwise what is wrong and where (line number)
     */
    Optional<String> check(String name, String text);
}
