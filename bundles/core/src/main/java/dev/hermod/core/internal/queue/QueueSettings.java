package dev.hermod.core.internal.queue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * The queue's configuration, checked.
 *
 * @param schedule     retry delays and expiry
 * @param delayWarning how long before the sender is told (once) that delivery is late
 * @param workers      threads delivering at once
 * @param lease        how long a claim on an entry lasts
 * @param nodeId       this node's name in leases
 * @param hostname     this server's name in notices (Reporting-MTA, MAILER-DAEMON address)
 * @param poll         longest wait between looks at the schedule (entries other nodes make due)
 */
record QueueSettings(RetrySchedule schedule, Duration delayWarning, int workers, Duration lease, String nodeId,
                     String hostname, Duration poll) {

    static QueueSettings of(QueueComponent.Config c) {
        String host = localHostName();
        return new QueueSettings(
                new RetrySchedule(Durations.parseList(c.retry_schedule(), "retry.schedule"),
                        Durations.parse(c.expiry(), "expiry")),
                Durations.parse(c.delay_warning(), "delay.warning"),
                Math.max(1, Math.min(64, c.workers())),
                Duration.ofSeconds(Math.max(10, c.lease_seconds())),
                blank(c.node_id()) ? host : c.node_id().trim(),
                blank(c.hostname()) ? host : c.hostname().trim(),
                Duration.ofSeconds(Math.max(1, c.poll_seconds())));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String localHostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
