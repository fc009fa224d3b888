/**
 * The admin HTTP API, mounted at {@code /admin/api} on Hermod's HTTP listeners, which {@code hermod-cli} calls.
 *
 * <h2>Authentication</h2>
 * Every request needs either {@code Authorization: Bearer <token>} with the token configured in PID
 * {@code admin.api} ({@code token.file} or {@code token.env}; none by default), or
 * {@code Authorization: Basic} with a user of Karaf's JAAS realm ({@code realm}, default {@code karaf}) holding
 * the role {@code role} (default {@code admin}): the shell's {@code admin} and its password. Anything else is
 * {@code 401}; after a failure the answer is delayed by a second. Serve it on TLS, or on a loopback listener only
 * ({@code hermod.http.listener} in {@code etc/admin.api.cfg}).
 *
 * <h2>Operations</h2>
 * {@code POST} with a JSON object; the answer is an event stream ({@code text/event-stream}) of
 * {@code progress} events ({@code {"phase","done","total","bytes"}}, at most five a second) ending with one
 * {@code result} event (the report as JSON) or one {@code error} event ({@code {"kind","message"}}, kind
 * {@code invalid} for a request that cannot be done as asked, {@code temporary} for one to try again). An
 * operation runs to its end on the server even when the client goes away.
 * <ul>
 *   <li>{@code POST /admin/api/import/maildir} {@code {"account","path"}}</li>
 *   <li>{@code POST /admin/api/import/mbox} {@code {"account","path","mailbox"?,"format"?: "mboxrd"|"mboxo"}}</li>
 *   <li>{@code POST /admin/api/import/imap} {@code {"account","host","port"?,"security"?: "tls"|"starttls"|"none",
 *       "user","password","trustAll"?}}</li>
 *   <li>{@code POST /admin/api/export/maildir}, {@code /export/mbox} {@code {"account","path"}}</li>
 *   <li>{@code POST /admin/api/backup} {@code {"path"}}: an archive written on the server's machine</li>
 *   <li>{@code POST /admin/api/restore} {@code {"path"}}: an archive on the server's machine</li>
 * </ul>
 * The outbound queue: {@code GET /admin/api/queue} (JSON list), {@code GET /admin/api/queue/<id>},
 * {@code POST /admin/api/queue/flush}, {@code DELETE /admin/api/queue/<id>}.
 * {@code GET /admin/api/backup} answers with the archive itself ({@code application/zip}, streamed while it is
 * written); {@code GET /admin/api} describes the API. Paths name files on the server's machine.
 */
package dev.hermod.migration.internal.http;
