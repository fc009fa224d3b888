package dev.hermod.jmap.internal;

/**
 * The limits announced in the session's core capability (RFC 8620 §2) and enforced.
 *
 * @param maxSizeUpload largest upload in octets
 * @param maxConcurrentUpload uploads one account may run at once
 * @param maxSizeRequest largest API request in octets
 * @param maxConcurrentRequests API requests one account may run at once
 * @param maxCallsInRequest method calls in one request
 * @param maxObjectsInGet ids in one {@code /get}
 * @param maxObjectsInSet objects in one {@code /set} (create, update and destroy together)
 */
record Limits(long maxSizeUpload, int maxConcurrentUpload, long maxSizeRequest, int maxConcurrentRequests,
              int maxCallsInRequest, int maxObjectsInGet, int maxObjectsInSet) {
}
