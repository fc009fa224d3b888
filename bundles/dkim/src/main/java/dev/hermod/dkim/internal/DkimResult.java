package dev.hermod.dkim.internal;

/**
 * The verification of one DKIM signature, as RFC 8601 §2.7.1 names the results.
 *
 * @param result        {@code pass}, {@code fail}, {@code policy} (valid, but with an algorithm RFC 8301 retires),
 *                      {@code neutral}, {@code temperror} or {@code permerror}
 * @param domain        {@code d=}, or {@code null} when the signature did not say
 * @param selector      {@code s=}, or {@code null}
 * @param signatureText {@code b=} without white space, or {@code null}
 * @param reason        why it did not pass, for the header comment, or {@code null}
 */
record DkimResult(String result, String domain, String selector, String signatureText, String reason) {

    static final String PASS = "pass";
    static final String FAIL = "fail";
    static final String POLICY = "policy";
    static final String TEMPERROR = "temperror";
    static final String PERMERROR = "permerror";

    boolean passed() {
        return PASS.equals(result);
    }
}
