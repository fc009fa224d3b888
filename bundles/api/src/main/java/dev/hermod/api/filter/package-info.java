/**
 * The message filter SPI: code that judges connections and messages at each SMTP stage and at local
 * delivery — spam and virus checks, policy, Sieve scripts.
 *
 * <p>A provider registers {@link dev.hermod.api.filter.MessageFilter} services. Hermod ships a Sieve filter
 * (global scripts and per-user scripts) and a milter client (SpamAssassin, rspamd, ...).
 *
 * <h2>Stages</h2>
 * <table>
 *   <caption>When each method is called</caption>
 *   <tr><th>{@link dev.hermod.api.filter.FilterStage}</th><th>method</th><th>called</th></tr>
 *   <tr><td>{@code CONNECT}</td><td>{@code onConnect}</td><td>before the SMTP/LMTP greeting</td></tr>
 *   <tr><td>{@code EHLO}</td><td>{@code onEhlo}</td><td>on {@code EHLO}, {@code HELO} or {@code LHLO}</td></tr>
 *   <tr><td>{@code MAIL}</td><td>{@code onMail}</td><td>on {@code MAIL FROM}</td></tr>
 *   <tr><td>{@code RCPT}</td><td>{@code onRcpt}</td><td>on each {@code RCPT TO}, after the directory
 *       accepted the address</td></tr>
 *   <tr><td>{@code DATA}</td><td>{@code onData}</td><td>once the whole message is received, before the
 *       reply to the final dot</td></tr>
 *   <tr><td>{@code DELIVERY}</td><td>{@code onDelivery}</td><td>for each local recipient account, before the
 *       message is stored — also for mail that did not come through SMTP</td></tr>
 * </table>
 *
 * <h2>Order and verdicts</h2>
 * At each stage the core calls the filters registered for it in {@code service.ranking} order (highest
 * first; ties by lowest {@code service.id}) until one returns a verdict that ends the stage; see
 * {@link dev.hermod.api.filter.Verdict} for what each verdict does. Header changes and body replacements
 * from {@code DATA} filters are applied before later filters and later stages see the message.
 *
 * <h2>State</h2>
 * Filters that must remember something across sessions (greylisting, rate limits) keep keys with an expiry
 * in the core's {@link dev.hermod.api.filter.FilterState}.
 *
 * <h2>Failures</h2>
 * A filter that throws (or exceeds the configured time limit) makes the core answer a temporary failure
 * ({@code 451 4.3.0}; at delivery, the message stays queued): mail is never let through unfiltered because a
 * filter is down, nor lost.
 */
@Export
@Version("1.1.0")
package dev.hermod.api.filter;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
