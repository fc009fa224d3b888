package dev.hermod.sieve.internal;

import dev.hermod.api.sieve.SieveChecker;
import dev.hermod.api.sieve.SieveScripts;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/** The {@link SieveChecker}: compiles a script with the limits delivery uses and reports the first error. */
@Component(service = SieveChecker.class)
public final class SieveCheckerComponent implements SieveChecker {

    private final SieveCompiler compiler = new SieveCompiler(new SieveLimits(SieveScripts.MAX_SCRIPT_SIZE,
            SieveLimits.DEFAULT.maxSteps(), SieveLimits.DEFAULT.maxRedirects(), SieveLimits.DEFAULT.maxHeaderEdits(),
            SieveLimits.DEFAULT.maxIncludeDepth(), SieveLimits.DEFAULT.maxActions()));

    @Override
    public Optional<String> check(String name, String text) {
        try {
            compiler.compile(name, text);
            return Optional.empty();
        } catch (SieveException e) {
            return Optional.of(e.getMessage());
        }
    }
}
