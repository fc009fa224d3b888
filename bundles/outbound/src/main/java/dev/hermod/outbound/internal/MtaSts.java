package dev.hermod.outbound.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the MTA-STS policy (RFC 8461) of a recipient domain: discovery through the TXT record
 * {@code _mta-sts.<domain>} (§3.1), the policy itself over HTTPS ({@link StsPolicyFetcher}, §3.3), and a cache.
 *
 * <p>The cache is in memory, one entry per domain with the TXT record's {@code id}, the policy, and when it
 * expires ({@code max_age} after the fetch). A restart forgets it, so policies are fetched again afterwards.
 * For each delivery (§5.1, §3.3):
 * <ol>
 *   <li>An expired entry is dropped.</li>
 *   <li>The TXT record is looked up. With none (or an invalid one, or a DNS failure) the cached policy, if any,
 *       stays in force: a domain withdraws a policy by publishing one in mode {@code none} (§8.3), not by
 *       deleting the record, and an attacker who can block DNS must not be able to switch the policy off.</li>
 *   <li>The same {@code id} as the cached entry's: the cached policy is used, nothing is fetched.</li>
 *   <li>A new {@code id}, or no entry: the policy is fetched and cached. If the fetch or the parse fails, the
 *       cached policy is used when there is one, else the domain is treated as having no policy (§5.1).</li>
 * </ol>
 * Concurrent deliveries to one domain may fetch at the same time; the last to finish fills the entry. A failed
 * fetch is not remembered, so the next delivery tries again.
 */
final class MtaSts {

    private static final Logger LOG = LoggerFactory.getLogger(MtaSts.class);

    /** Beyond this many cached domains, expired entries are swept out on the next insertion. */
    private static final int SWEEP_ABOVE = 10_000;

    /**
     * A cached policy.
     *
     * @param id      the {@code id} of the TXT record it was fetched for
     * @param policy  the policy
     * @param expires when it may no longer be used
     */
    private record Entry(String id, StsPolicy policy, Instant expires) {
    }

    private final DnsClient dns;
    private final StsPolicyFetcher fetcher;
    private final Clock clock;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    /**
     * @param dns     looks up the TXT records
     * @param fetcher fetches policies
     * @param clock   tells when cached policies expire
     */
    MtaSts(DnsClient dns, StsPolicyFetcher fetcher, Clock clock) {
        this.dns = dns;
        this.fetcher = fetcher;
        this.clock = clock;
    }

    /**
     * The policy in force for a domain.
     *
     * @param domain the recipient domain, lower case
     * @return the policy (possibly in mode {@code none}), or {@code null} when the domain has none
     */
    StsPolicy policy(String domain) {
        Instant now = clock.instant();
        Entry cached = cache.get(domain);
        if (cached != null && !now.isBefore(cached.expires())) {
            cache.remove(domain, cached);
            cached = null;
        }
        String id = discover(domain);
        if (id == null || cached != null && cached.id().equals(id)) {
            return cached == null ? null : cached.policy();
        }
        StsPolicy policy;
        try {
            policy = StsPolicy.parse(fetcher.fetch(domain));
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("MTA-STS policy of {} (id {}) not fetched: {}; {}", domain, id, HostFailure.oneLine(e.getMessage()),
                    cached == null ? "delivering as without a policy" : "the cached policy (id " + cached.id()
                            + ") stays in force");
            return cached == null ? null : cached.policy();
        }
        if (cache.size() > SWEEP_ABOVE) {
            cache.values().removeIf(e -> !now.isBefore(e.expires()));
        }
        cache.put(domain, new Entry(id, policy, now.plus(policy.maxAge())));
        LOG.info("MTA-STS policy of {} (id {}) fetched: {}", domain, id, policy);
        return policy;
    }

    /** @return the {@code id} of the domain's valid STS TXT record, or {@code null} when it has none */
    private String discover(String domain) {
        DnsClient.TextAnswer answer = dns.txt("_mta-sts." + domain);
        if (answer.status() == DnsClient.Status.ERROR) {
            LOG.info("DNS lookup of _mta-sts.{} failed; the cached MTA-STS policy, if any, stays in force", domain);
            return null;
        }
        try {
            return id(answer.texts());
        } catch (IllegalArgumentException e) {
            LOG.info("_mta-sts.{}: {}; treated as no record", domain, e.getMessage());
            return null;
        }
    }

    /**
     * Reads the policy {@code id} from a domain's {@code _mta-sts} TXT records (RFC 8461 §3.1): records not
     * beginning with {@code v=STSv1;} are ignored; exactly one must remain, of the form
     * {@code v=STSv1; id=<1 to 32 letters and digits>} with optional further {@code name=value} fields, separated
     * by {@code ;} and optional white space.
     *
     * @param texts the TXT records' texts
     * @return the id, or {@code null} if no record begins with {@code v=STSv1;}
     * @throws IllegalArgumentException if several do, or the one that does is not valid
     */
    static String id(List<String> texts) {
        List<String> sts = new ArrayList<>();
        for (String t : texts) {
            if (t.startsWith("v=STSv1;")) {
                sts.add(t);
            }
        }
        if (sts.isEmpty()) {
            return null;
        }
        if (sts.size() > 1) {
            throw new IllegalArgumentException(sts.size() + " records begin with v=STSv1; (one is needed)");
        }
        String id = null;
        String[] fields = sts.get(0).split(";", -1);
        for (int i = 1; i < fields.length; i++) {
            String field = fields[i].strip();
            if (field.isEmpty() && i == fields.length - 1) {
                break;
            }
            int eq = field.indexOf('=');
            if (eq <= 0 || !field.substring(0, eq).matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}")) {
                throw new IllegalArgumentException("bad field in the STS record: " + HostFailure.oneLine(field));
            }
            if (field.startsWith("id=") && id == null) {
                id = field.substring(3);
                if (!id.matches("[A-Za-z0-9]{1,32}")) {
                    throw new IllegalArgumentException("the STS record's id is not 1 to 32 letters and digits: "
                            + HostFailure.oneLine(id));
                }
            }
        }
        if (id == null) {
            throw new IllegalArgumentException("the STS record has no id");
        }
        return id;
    }
}
