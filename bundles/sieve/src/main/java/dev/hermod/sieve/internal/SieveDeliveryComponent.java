package dev.hermod.sieve.internal;

import dev.hermod.api.filter.DeliveryContext;
import dev.hermod.api.filter.MessageFilter;
import dev.hermod.api.filter.Verdict;
import dev.hermod.api.filter.FilterState;
import dev.hermod.api.outbound.OutboundQueue;
import dev.hermod.api.sieve.SieveScripts;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each account's active Sieve script when mail is delivered to it: a {@link MessageFilter} at the
 * {@code DELIVERY} stage, scripts from the core's {@link SieveScripts}, compiled once per text and cached.
 * A script that does not compile, or fails at run time, keeps the message in INBOX (RFC 5228 §2.10.6) and
 * is logged for the admin.
 */
@Component(service = MessageFilter.class, configurationPid = SieveDeliveryComponent.PID,
        property = {"name=sieve", MessageFilter.STAGES + "=DELIVERY", "service.ranking:Integer=0"})
@Designate(ocd = SieveDeliveryComponent.Config.class)
public final class SieveDeliveryComponent implements MessageFilter {

    static final String PID = "sieve";

    @ObjectClassDefinition(name = "Hermod Sieve at delivery")
    public @interface Config {
        @AttributeDefinition(description = "Most commands and tests one run may execute.")
        int max_steps() default 100_000;

        @AttributeDefinition(description = "Most redirect actions of one run.")
        int max_redirects() default 4;

        @AttributeDefinition(description = "Most header additions and deletions (editheader) of one run.")
        int max_header_edits() default 100;

        @AttributeDefinition(description = "Deepest nesting of include.")
        int max_include_depth() default 10;
    }

    private static final Logger LOG = LoggerFactory.getLogger(SieveDeliveryComponent.class);

    private final SieveScripts scripts;
    private final SieveCompiler compiler;
    private final SieveFilter filter;
    /** Compiled scripts by account, with the version they were compiled from. */
    private final Map<String, Compiled> cache = new ConcurrentHashMap<>();

    private record Compiled(String version, SieveScript script) {
    }

    @Activate
    public SieveDeliveryComponent(@Reference SieveScripts scripts, Config config) {
        this.scripts = scripts;
        SieveLimits limits = new SieveLimits(SieveScripts.MAX_SCRIPT_SIZE, Math.max(1, config.max_steps()),
                Math.max(0, config.max_redirects()), Math.max(0, config.max_header_edits()),
                Math.max(0, config.max_include_depth()), SieveLimits.DEFAULT.maxActions());
        this.compiler = new SieveCompiler(limits);
        this.filter = new SieveFilter(this::activeScript, new SieveInterpreter(limits, SieveEnvironment.DEFAULT),
                Clock.systemDefaultZone(), LOG::warn, EnvironmentItems.localHost(),
                new OutboundActions(() -> queue, () -> state, EnvironmentItems.localHost()));
    }

    /** Where redirects and vacation replies go; without it they are not sent and a redirect keeps. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile OutboundQueue queue;

    /** Remembers which senders got a vacation reply within the period. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile FilterState state;

    @Override
    public Verdict onDelivery(DeliveryContext delivery) {
        return filter.onDelivery(delivery);
    }

    /** The account's active script, compiled; empty when there is none or it does not compile. */
    private Optional<SieveScript> activeScript(String account) {
        Optional<SieveScripts.ActiveScript> active = scripts.active(account);
        if (active.isEmpty()) {
            cache.remove(account);
            return Optional.empty();
        }
        SieveScripts.ActiveScript a = active.get();
        Compiled compiled = cache.get(account);
        if (compiled == null || !compiled.version().equals(a.version())) {
            try {
                compiled = new Compiled(a.version(), compiler.compile(a.name(), a.text()));
            } catch (SieveException e) {
                LOG.warn("Sieve script {} of {} does not compile, mail is kept in INBOX: {}", a.name(), account,
                        e.getMessage());
                return Optional.empty();
            }
            cache.put(account, compiled);
        }
        return Optional.of(compiled.script());
    }
}
