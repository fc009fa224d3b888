/**
 * The ManageSieve server (RFC 5804): users upload, check, list, activate, download, rename and delete their
 * Sieve scripts over the core's {@link dev.hermod.api.sieve.SieveScripts}, checked by the Sieve bundle's
 * {@link dev.hermod.api.sieve.SieveChecker}, logging in through the core's
 * {@link dev.hermod.api.auth.Authenticator}.
 *
 * <h2>Shape</h2>
 * <ul>
 *   <li>{@link dev.hermod.managesieve.internal.ManageSieveServer}: one listener per factory configuration of
 *       PID {@code managesieve} ({@code etc/managesieve-default.cfg}, port 4190 from
 *       {@code hermod.port.managesieve}, STARTTLS); Netty event loops frame input, a small worker pool runs
 *       store, checker and directory calls.</li>
 *   <li>{@link dev.hermod.managesieve.internal.SieveInput}: the framer. It cuts lines and literals
 *       ({@code {n+}}, and the drafts' synchronizing {@code {n}}, answered with a {@code +} continuation
 *       line) and stops after each event until the session resumes it, so pipelined commands run in
 *       order.</li>
 *   <li>{@link dev.hermod.managesieve.internal.ManageSieveSession}: the connection's state (not
 *       authenticated, authenticated, logging out) on a per-connection
 *       {@link dev.hermod.net.support.SerialExecutor}; the commands in
 *       {@link dev.hermod.managesieve.internal.AuthCommands} and
 *       {@link dev.hermod.managesieve.internal.ScriptCommands}, reading their grammar from
 *       {@link dev.hermod.managesieve.internal.Arguments}; strings out through
 *       {@link dev.hermod.managesieve.internal.Wire}.</li>
 * </ul>
 *
 * <h2>Decisions</h2>
 * <ul>
 *   <li>Every failure is {@code NO} with the response code RFC 5804 §1.3 gives it (NONEXISTENT,
 *       ALREADYEXISTS, ACTIVE, QUOTA/MAXSIZE, ENCRYPT-NEEDED, TRYLATER), or none; a syntax error too, since
 *       the protocol has no BAD. {@code errors.max} failures in a row end in {@code BYE}.</li>
 *   <li>The quota is the store's size limit per script ({@code SieveScripts.MAX_SCRIPT_SIZE}); the number
 *       of scripts is not limited. A literal larger than that is read past and answered
 *       {@code NO (QUOTA/MAXSIZE)}; before authentication literals may have 8 KiB.</li>
 *   <li>Scripts are compiled by the checker before PUTSCRIPT stores them, so a stored script always
 *       compiled when it was stored; its error message names the line.</li>
 *   <li>{@code NOTIFY "mailto"}: the interpreter's {@code enotify} knows the mailto method only.</li>
 * </ul>
 */
package dev.hermod.managesieve.internal;
