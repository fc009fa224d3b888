package dev.hermod.outbound.internal;

import java.time.Duration;

/**
 * How long each step of a session may take (RFC 5321 §4.5.3.2 gives the minimums a client should allow: 5 minutes
 * for the greeting, MAIL and RCPT, 2 for the DATA command, 3 for each data block, 10 after the final dot).
 *
 * @param connect  to open the TCP connection
 * @param greeting for the 220 greeting
 * @param command  for replies to EHLO, STARTTLS, AUTH, MAIL, RCPT, DATA, RSET and QUIT
 * @param dataBlock for one write of the message's content to complete
 * @param dataEnd  for the reply after the final {@code .}
 */
record Timeouts(Duration connect, Duration greeting, Duration command, Duration dataBlock, Duration dataEnd) {
}
