/**
 * JMAP (RFC 8620 Core, RFC 8621 Mail, RFC 8887 WebSocket, RFC 9425 Quotas, RFC 9661 Sieve), mounted on
 * the HTTP listeners through an {@link dev.hermod.api.http.HttpHandler} at {@code /jmap} and
 * {@code /.well-known/jmap}.
 *
 * <p>Resources: {@code /.well-known/jmap} (session), {@code /jmap/api}, {@code /jmap/upload/{accountId}/},
 * {@code /jmap/download/{accountId}/{blobId}/{name}?type=}, {@code /jmap/eventsource/?types=&closeafter=&ping=},
 * {@code /jmap/ws} (subprotocol {@code jmap}) and {@code /jmap/token} (POST with Basic: a Bearer token).
 * Every resource takes Basic (checked by the core's Authenticator, a success reused for
 * {@code login.cache.seconds}) or a Bearer token issued at {@code /jmap/token} (HMAC-signed, with expiry).
 *
 * <p>{@code ApiEndpoint} checks the Request object (notJSON, notRequest, unknownCapability, limit), then
 * runs each call: result references resolved ({@code ResultReferences}, RFC 8620 §3.7), the method found
 * in {@code Methods} with the capability it needs in {@code using}, creation ids ({@code #id}) resolved by
 * {@code Call}. One class per object type holds its methods ({@code MailboxMethods}, {@code EmailGet},
 * {@code EmailQuery}, {@code EmailSet}, {@code EmailTransfer}, {@code ThreadMethods}, {@code SearchSnippets},
 * {@code IdentityMethods}, {@code SubmissionMethods}, {@code VacationMethods}, {@code QuotaMethods},
 * {@code SieveMethods}, {@code BlobCopy}, {@code PushSubscriptions}).
 *
 * <p><b>States.</b> Mailbox, Email and Thread states are the account's change id: the IMAP MODSEQ. The
 * store's change log answers {@code /changes} for JMAP and CONDSTORE/QRESYNC for IMAP, so a flag set over
 * IMAP shows in {@code Email/changes}, and a keyword set over JMAP (through the same keyword store call as
 * IMAP STORE) reaches IMAP sessions with a new MODSEQ. {@code /queryChanges} compares with results kept
 * in memory per query state ({@code QueryCache}); an unknown state gives {@code cannotCalculateChanges}.
 * Identities and submissions, which the store has no model for, are JSON documents in account settings
 * ({@code MailAccount.setting}) with their own states and change logs.
 *
 * <p><b>Blobs.</b> {@code M<emailId>} is a message's raw bytes, {@code P<emailId>.<partId>} a part's
 * decoded content, {@code U<sha256>} an upload. Uploads live in a folder of the node
 * ({@code upload.folder}), kept {@code upload.expiry.hours}.
 *
 * <p><b>Vacation.</b> The VacationResponse is stored as the Sieve script {@code jmap-vacation}, made the
 * active script while enabled, so the Sieve bundle's vacation action (RFC 5230) answers at delivery, with
 * its once-per-sender period and its refusal to answer lists and automatic mail. The user's own active script
 * is copied in after the vacation action, so their rules keep running; disabling re-activates it. See
 * {@code VacationMethods}.
 *
 * <p><b>Push.</b> The event source and WebSockets follow {@code MailAccount.subscribe}: every committed
 * change of the account (IMAP, SMTP delivery, JMAP) sends a StateChange at once.
 *
 * <p><b>Push subscriptions.</b> {@code PushSubscription/get} and {@code /set} (RFC 8620 §7.2) POST to a URL
 * the client gives: first a PushVerification, then, once the client has set the matching
 * {@code verificationCode}, a StateChange per change of the account (at most one a second, with the latest
 * state), filtered by {@code types}. The URL must be {@code https:} ({@code http:} only for a loopback host);
 * {@code keys} (RFC 8291 encryption) is refused, not supported; {@code expires} is capped at 7 days, and an
 * expired subscription is removed. 410 Gone from the push service destroys a subscription; five failed
 * deliveries in a row stop it until the client updates it. Subscriptions are JSON in the account setting
 * {@code jmap.pushSubscriptions}, so {@code /get} survives a restart; but the listeners are in memory: after a
 * restart a user's subscriptions push again only from the user's next authenticated JMAP request on that
 * node. Each node where the user has made a request pushes, so a cluster may send a change more than once
 * (a StateChange repeated is harmless). See {@code PushSubscriptions}.
 *
 * <p><b>Submission.</b> Sent at once ({@code maxDelayedSend} 0): local recipients through the core's
 * Delivery, the others through the outbound queue; Bcc removed. Messages are not DKIM-signed on this path.
 */
package dev.hermod.jmap.internal;
