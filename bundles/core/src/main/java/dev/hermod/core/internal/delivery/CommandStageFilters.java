package dev.hermod.core.internal.delivery;

import dev.hermod.api.filter.FilterPipeline;
import dev.hermod.api.filter.FilterStage;
import dev.hermod.api.filter.MessageFilter;
import dev.hermod.api.filter.SessionInfo;
import dev.hermod.api.filter.Verdict;
import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.ReversePath;
import dev.hermod.core.internal.ProviderRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The core's {@link FilterPipeline}: the SMTP command stages over the filters the registry tracks. */
@Component(service = FilterPipeline.class)
public final class CommandStageFilters implements FilterPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(CommandStageFilters.class);

    private final ProviderRegistry registry;

    @Activate
    public CommandStageFilters(@Reference ProviderRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Verdict connect(SessionInfo session) {
        Objects.requireNonNull(session, "session");
        return run(FilterStage.CONNECT, session, f -> f.onConnect(session));
    }

    @Override
    public Verdict ehlo(SessionInfo session, String helo) {
        Objects.requireNonNull(helo, "helo");
        return run(FilterStage.EHLO, session, f -> f.onEhlo(session, helo));
    }

    @Override
    public Verdict mail(SessionInfo session, ReversePath sender) {
        Objects.requireNonNull(sender, "sender");
        return run(FilterStage.MAIL, session, f -> f.onMail(session, sender));
    }

    @Override
    public Verdict rcpt(SessionInfo session, Address recipient) {
        Objects.requireNonNull(recipient, "recipient");
        return run(FilterStage.RCPT, session, f -> f.onRcpt(session, recipient));
    }

    private Verdict run(FilterStage stage, SessionInfo session, Function<MessageFilter, Verdict> call) {
        List<MessageFilter> filters = registry.filters(stage);
        if (filters.isEmpty()) {
            return Verdict.proceed();
        }
        List<Verdict> collected = new ArrayList<>();
        for (MessageFilter filter : filters) {
            Verdict v;
            try {
                v = call.apply(filter);
            } catch (RuntimeException e) {
                LOG.warn("Session {}: message filter {} failed at {}; going on without it", session.sessionId(),
                        filter.getClass().getName(), stage, e);
                continue;
            }
            for (Verdict one : Verdicts.flatten(v)) {
                if (one instanceof Verdict.ReplaceBody) {
                    LOG.warn("Session {}: message filter {} replaced the body at {}, where there is none; ignored",
                            session.sessionId(), filter.getClass().getName(), stage);
                    continue;
                }
                collected.add(one);
                if (Verdicts.terminal(one)) {
                    LOG.debug("Session {}: {} at {} by {}", session.sessionId(), one, stage,
                            filter.getClass().getName());
                    return Verdicts.of(collected);
                }
            }
        }
        return Verdicts.of(collected);
    }
}
