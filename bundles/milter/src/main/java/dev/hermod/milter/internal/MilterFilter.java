package dev.hermod.milter.internal;

import dev.hermod.api.filter.MessageContent;
import dev.hermod.api.filter.MessageFilter;
import dev.hermod.api.filter.SessionInfo;
import dev.hermod.api.filter.Verdict;
import dev.hermod.api.mail.Envelope;
import java.io.IOException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code DATA}-stage {@link MessageFilter} for one milter: each message opens a new connection on the
 * caller's thread and runs a {@link MilterSession}.
 *
 * <p>When the milter cannot be reached, times out or breaks the protocol, the error is logged and the
 * verdict follows the {@code failure} setting: {@link Verdict#proceed()} (fail open: the message goes on
 * unfiltered) or {@code 451 4.7.1} (fail closed: the client retries later). Thread safe.
 */
final class MilterFilter implements MessageFilter {

    private static final Logger LOG = LoggerFactory.getLogger(MilterFilter.class);

    private final MilterSettings settings;

    /** @param settings the milter's configuration, not {@code null} */
    MilterFilter(MilterSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** @return the configuration */
    MilterSettings settings() {
        return settings;
    }

    @Override
    public Verdict onData(SessionInfo session, Envelope envelope, MessageContent content) {
        long start = System.nanoTime();
        try {
            Verdict verdict = new MilterSession(settings, session, envelope, content).run();
            LOG.debug("milter {}: session {}: {} in {} ms", settings.name(), session.sessionId(), verdict,
                    (System.nanoTime() - start) / 1_000_000);
            return verdict;
        } catch (IOException | RuntimeException e) {
            if (settings.failOpen()) {
                LOG.warn("milter {} at {} failed for session {}; message let through unfiltered: {}", settings.name(),
                        settings.address(), session.sessionId(), e.toString());
                return Verdict.proceed();
            }
            LOG.warn("milter {} at {} failed for session {}; message deferred (451 4.7.1): {}", settings.name(),
                    settings.address(), session.sessionId(), e.toString());
            return Verdict.tempFail(451, "4.7.1", "Content filter unavailable, try again later");
        }
    }

    @Override
    public String toString() {
        return "milter " + settings.name() + " at " + settings.address();
    }
}
