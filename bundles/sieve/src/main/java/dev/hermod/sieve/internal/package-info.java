/**
 * Sieve mail filtering (RFC 5228) with the extensions fileinto, reject and ereject (RFC 5429), envelope,
 * encoded-character, imap4flags (RFC 5232), variables (RFC 5229), vacation and vacation-seconds (RFC 5230,
 * RFC 6131), relational (RFC 5231) and comparator-i;ascii-numeric, subaddress (RFC 5233), body (RFC 5173),
 * copy (RFC 3894), date and index (RFC 5260), editheader (RFC 5293), mailbox (RFC 5490), regex (draft),
 * spamtest, spamtestplus and virustest (RFC 5235), duplicate (RFC 7352) and include (RFC 6609).
 *
 * <p>{@link dev.hermod.sieve.internal.SieveCompiler} turns a script into an immutable
 * {@link dev.hermod.sieve.internal.SieveScript} once; {@link dev.hermod.sieve.internal.SieveInterpreter} runs it
 * against a {@link dev.hermod.sieve.internal.SieveMessage} under {@link dev.hermod.sieve.internal.SieveLimits}
 * and gives a {@link dev.hermod.sieve.internal.SieveResult}; {@link dev.hermod.sieve.internal.SieveVerdicts}
 * maps it to a filter verdict, and {@link dev.hermod.sieve.internal.SieveFilter} does all of it at delivery.
 *
 * <p>Decisions: a runtime error or an exceeded limit keeps the message in INBOX and drops every other action,
 * as Dovecot Pigeonhole does. {@code redirect} and {@code vacation} are results only until the outbound queue
 * takes them; until then a redirected message is kept. Deleting or adding {@code Received} and
 * {@code Auto-Submitted} fields is ignored (RFC 5293 §9). The sub-address separator is {@code +}.
 */
package dev.hermod.sieve.internal;
