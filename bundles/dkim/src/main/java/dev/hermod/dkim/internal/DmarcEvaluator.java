package dev.hermod.dkim.internal;

import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * DMARC evaluation (RFC 7489 §6.6): finds the policy of the RFC 5322 From domain and decides whether an
 * aligned SPF or DKIM pass exists.
 *
 * <ul>
 *   <li>Policy discovery (§6.6.3): {@code _dmarc.<From domain>}, and, when that has no DMARC record,
 *       {@code _dmarc.<organizational domain>}, whose {@code sp=} then applies. Several DMARC records at one name
 *       mean no policy. A DNS failure is {@code temperror}.</li>
 *   <li>Alignment (§3.1): DKIM {@code pass} results whose {@code d=} aligns with the From domain, or an SPF
 *       {@code pass} whose checked domain aligns with it, strictly or relaxed per {@code adkim}/{@code aspf}.</li>
 *   <li>No aligned pass, but an aligned SPF or DKIM temperror: {@code temperror} — the failure may be
 *       transient, so the policy is not applied.</li>
 *   <li>{@code pct} (§6.6.4): a failing message outside the sampled percentage gets the next weaker policy
 *       ({@code reject} → {@code quarantine} → {@code none}).</li>
 * </ul>
 */
final class DmarcEvaluator {

    /**
     * The outcome.
     *
     * @param result      {@code pass}, {@code fail}, {@code none}, {@code temperror} or {@code permerror}
     * @param fromDomain  the From domain, or {@code null} when there was no single one
     * @param policy      the published policy that applies to this domain ({@code p=} or {@code sp=}), or
     *                    {@code null} when none was found
     * @param disposition what to do: the policy on {@code fail} after {@code pct}, otherwise {@code NONE}
     * @param reason      an explanation for the header comment, or {@code null}
     */
    record Outcome(String result, String fromDomain, DmarcRecord.Policy policy, DmarcRecord.Policy disposition,
                   String reason) {
    }

    private final DnsLookup dns;
    private final IntSupplier percentile;

    /**
     * @param dns        the lookups
     * @param percentile a random number from 0 to 99 for {@code pct} sampling
     */
    DmarcEvaluator(DnsLookup dns, IntSupplier percentile) {
        this.dns = dns;
        this.percentile = percentile;
    }

    /**
     * @param fromDomain the domain of the single From address, or {@code null} if the message has no single one
     * @param spf        the SPF outcome, or {@code null} if SPF was not checked
     * @param dkim       the DKIM results
     * @return the outcome
     */
    Outcome evaluate(String fromDomain, SpfChecker.Outcome spf, List<DkimResult> dkim) {
        if (fromDomain == null) {
            return new Outcome("permerror", null, null, DmarcRecord.Policy.NONE, "no single From domain");
        }
        String from = fromDomain.toLowerCase(Locale.ROOT);
        boolean subdomain = false;
        Lookup found = lookup(from);
        if (found.error) {
            return new Outcome("temperror", from, null, DmarcRecord.Policy.NONE, "DNS error looking up the policy");
        }
        String org = OrganizationalDomain.of(from);
        if (found.record == null && !org.equals(from)) {
            found = lookup(org);
            if (found.error) {
                return new Outcome("temperror", from, null, DmarcRecord.Policy.NONE, "DNS error looking up the policy");
            }
            subdomain = true;
        }
        DmarcRecord record = found.record;
        if (record == null) {
            return new Outcome("none", from, null, DmarcRecord.Policy.NONE, null);
        }
        DmarcRecord.Policy policy = subdomain ? record.subdomainPolicy() : record.policy();
        boolean dkimAligned = dkim.stream().anyMatch(r -> r.passed()
                && OrganizationalDomain.aligned(r.domain(), from, record.strictDkim()));
        boolean spfAligned = spf != null && spf.result() == SpfResult.PASS
                && OrganizationalDomain.aligned(spf.domain(), from, record.strictSpf());
        if (dkimAligned || spfAligned) {
            return new Outcome("pass", from, policy, DmarcRecord.Policy.NONE, null);
        }
        boolean transient_ = dkim.stream().anyMatch(r -> DkimResult.TEMPERROR.equals(r.result())
                && OrganizationalDomain.aligned(r.domain(), from, record.strictDkim()))
                || spf != null && spf.result() == SpfResult.TEMPERROR
                && OrganizationalDomain.aligned(spf.domain(), from, record.strictSpf());
        if (transient_) {
            return new Outcome("temperror", from, policy, DmarcRecord.Policy.NONE,
                    "SPF or DKIM could not be checked");
        }
        DmarcRecord.Policy disposition = policy;
        if (record.percent() < 100 && percentile.getAsInt() >= record.percent()) {
            disposition = policy == DmarcRecord.Policy.REJECT ? DmarcRecord.Policy.QUARANTINE : DmarcRecord.Policy.NONE;
        }
        return new Outcome("fail", from, policy, disposition, null);
    }

    private record Lookup(DmarcRecord record, boolean error) {
    }

    private Lookup lookup(String domain) {
        DnsLookup.Answer<String> txt = dns.txt("_dmarc." + domain);
        if (txt.status() == DnsLookup.Status.ERROR) {
            return new Lookup(null, true);
        }
        List<String> records = txt.records().stream().filter(DmarcRecord::isDmarc).toList();
        if (records.size() != 1) {
            return new Lookup(null, false); // none, or several: §6.6.3 step 5
        }
        return new Lookup(DmarcRecord.parse(records.get(0)), false);
    }
}
