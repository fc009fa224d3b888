package dev.hermod.jmap.internal;

import java.util.Set;

/** The capability URIs the server knows (RFC 8620 §2, RFC 8621 §1.3, RFC 8887, RFC 9425, RFC 9661). */
final class Capabilities {

    static final String CORE = "urn:ietf:params:jmap:core";
    static final String MAIL = "urn:ietf:params:jmap:mail";
    static final String SUBMISSION = "urn:ietf:params:jmap:submission";
    static final String VACATION = "urn:ietf:params:jmap:vacationresponse";
    static final String WEBSOCKET = "urn:ietf:params:jmap:websocket";
    static final String QUOTA = "urn:ietf:params:jmap:quota";
    static final String SIEVE = "urn:ietf:params:jmap:sieve";
    static final String BLOB = "urn:ietf:params:jmap:blob";

    static final Set<String> ALL = Set.of(CORE, MAIL, SUBMISSION, VACATION, WEBSOCKET, QUOTA, SIEVE);

    private Capabilities() {
    }
}
