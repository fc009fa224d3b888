/**
 * The milter client: hands each received message to milters (Sendmail milter protocol version 6), such as
 * rspamd's proxy worker in milter mode and SpamAssassin's spamass-milter, at the {@code DATA} stage.
 *
 * <p>{@link dev.hermod.milter.internal.MilterComponent} registers one
 * {@link dev.hermod.milter.internal.MilterFilter} per configuration of PID {@code milter}; each message opens
 * a connection ({@link dev.hermod.milter.internal.MilterChannel}) and replays the SMTP transaction in a
 * {@link dev.hermod.milter.internal.MilterSession}: negotiation, connect, HELO, MAIL, RCPT, DATA, the header
 * fields ({@link dev.hermod.milter.internal.HeaderFields}), end of header, the body in chunks of at most 65535
 * bytes, end of message, with the macros of {@link dev.hermod.milter.internal.MilterMacros}. The answers
 * become one verdict ({@link dev.hermod.milter.internal.MilterOutcome}): accept or continue lets the message
 * go on with the header changes, the replacement body ({@link dev.hermod.milter.internal.BodySpool}) and,
 * for a quarantine, filing into Junk; reject is {@code 550 5.7.1}, tempfail {@code 451 4.7.1}, a reply code
 * that reply ({@link dev.hermod.milter.internal.ReplyCodes}), discard drops the message.
 *
 * <p>Failures (unreachable milter, timeout, protocol error) are logged and, per configuration, let the
 * message through or answer {@code 451 4.7.1}.
 */
package dev.hermod.milter.internal;
