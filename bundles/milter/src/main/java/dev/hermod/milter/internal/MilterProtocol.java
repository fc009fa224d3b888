package dev.hermod.milter.internal;

/**
 * Constants of the Sendmail milter protocol, version 6 (as in libmilter's {@code mfdef.h}): command and reply
 * codes, action flags and protocol step flags.
 *
 * <p>Every packet is a 32-bit length in network byte order (counting the code byte and the data), one code
 * byte, and the data. Strings in the data end with NUL; numbers are 32-bit (16-bit for the port of
 * {@link #C_CONNECT}) in network byte order.
 */
final class MilterProtocol {

    private MilterProtocol() {}

    /** The protocol version this client speaks. */
    static final int VERSION = 6;

    /** The largest body chunk sent in one {@link #C_BODY} packet (libmilter's {@code MILTER_CHUNK_SIZE}). */
    static final int BODY_CHUNK = 65535;

    // Commands, client (MTA) to milter.
    /** Option negotiation: version, actions, protocol steps. */
    static final byte C_OPTNEG = 'O';
    /** Macro definitions for the command named in the first byte: name NUL value NUL pairs. */
    static final byte C_MACRO = 'D';
    /** Connection: host name NUL, family, port, address NUL. */
    static final byte C_CONNECT = 'C';
    /** HELO/EHLO name NUL. */
    static final byte C_HELO = 'H';
    /** MAIL FROM: the path and ESMTP arguments, each NUL-terminated. */
    static final byte C_MAIL = 'M';
    /** RCPT TO: the path and ESMTP arguments, each NUL-terminated. */
    static final byte C_RCPT = 'R';
    /** DATA was given. */
    static final byte C_DATA = 'T';
    /** One header field: name NUL value NUL. */
    static final byte C_HEADER = 'L';
    /** End of the header. */
    static final byte C_EOH = 'N';
    /** A body chunk. */
    static final byte C_BODY = 'B';
    /** End of the message (end of body). */
    static final byte C_BODYEOB = 'E';
    /** Abort the current message. */
    static final byte C_ABORT = 'A';
    /** Close the milter connection. */
    static final byte C_QUIT = 'Q';

    // Replies, milter to client.
    /** Accept the message; no further filtering by this milter. */
    static final byte R_ACCEPT = 'a';
    /** Go on to the next step. */
    static final byte R_CONTINUE = 'c';
    /** Discard the message silently. */
    static final byte R_DISCARD = 'd';
    /** Reject (5xx). */
    static final byte R_REJECT = 'r';
    /** Temporary failure (4xx). */
    static final byte R_TEMPFAIL = 't';
    /** Reply with the given SMTP reply: text NUL. */
    static final byte R_REPLYCODE = 'y';
    /** Skip the rest of the body ({@link #P_SKIP}). */
    static final byte R_SKIP = 's';
    /** Still working: wait on (resets the read timeout). */
    static final byte R_PROGRESS = 'p';
    /** Add a header field at the end: name NUL value NUL. */
    static final byte R_ADDHEADER = 'h';
    /** Insert a header field: index, name NUL value NUL. */
    static final byte R_INSHEADER = 'i';
    /** Change (empty value: delete) an occurrence of a header field: index, name NUL value NUL. */
    static final byte R_CHGHEADER = 'm';
    /** A chunk of the replacement body. */
    static final byte R_REPLBODY = 'b';
    /** Quarantine the message: reason NUL. */
    static final byte R_QUARANTINE = 'q';
    /** Add a recipient (not offered by this client). */
    static final byte R_ADDRCPT = '+';
    /** Remove a recipient (not offered by this client). */
    static final byte R_DELRCPT = '-';
    /** Add a recipient with ESMTP arguments (not offered by this client). */
    static final byte R_ADDRCPT_PAR = '2';
    /** Change the sender (not offered by this client). */
    static final byte R_CHGFROM = 'e';

    // Actions (what the milter may do at end of message), offered in C_OPTNEG.
    /** May add header fields. */
    static final int F_ADDHDRS = 0x01;
    /** May replace the body. */
    static final int F_CHGBODY = 0x02;
    /** May change and delete header fields. */
    static final int F_CHGHDRS = 0x10;
    /** May quarantine the message. */
    static final int F_QUARANTINE = 0x20;
    /** The actions this client offers (inserting header fields belongs to {@link #F_ADDHDRS}). */
    static final int ACTIONS = F_ADDHDRS | F_CHGBODY | F_CHGHDRS | F_QUARANTINE;

    // Protocol steps: the milter sets those it does not want (NO*) or will not reply to (NR_*).
    static final int P_NOCONNECT = 0x01;
    static final int P_NOHELO = 0x02;
    static final int P_NOMAIL = 0x04;
    static final int P_NORCPT = 0x08;
    static final int P_NOBODY = 0x10;
    static final int P_NOHDRS = 0x20;
    static final int P_NOEOH = 0x40;
    static final int P_NR_HDR = 0x80;
    static final int P_NOUNKNOWN = 0x100;
    static final int P_NODATA = 0x200;
    /** The milter may answer a body chunk with {@link #R_SKIP}. */
    static final int P_SKIP = 0x400;
    static final int P_NR_CONN = 0x1000;
    static final int P_NR_HELO = 0x2000;
    static final int P_NR_MAIL = 0x4000;
    static final int P_NR_RCPT = 0x8000;
    static final int P_NR_DATA = 0x10000;
    static final int P_NR_UNKN = 0x20000;
    static final int P_NR_EOH = 0x40000;
    static final int P_NR_BODY = 0x80000;

    /**
     * The protocol steps this client can leave out or do without a reply. Not offered: recipients rejected
     * by the MTA ({@code SMFIP_RCPT_REJ}: there are none at {@code DATA}) and header values with their
     * leading space ({@code SMFIP_HDR_LEADSPC}: values are sent without it, as milters expect by default).
     */
    static final int PROTOCOL = P_NOCONNECT | P_NOHELO | P_NOMAIL | P_NORCPT | P_NOBODY | P_NOHDRS | P_NOEOH
            | P_NR_HDR | P_NOUNKNOWN | P_NODATA | P_SKIP | P_NR_CONN | P_NR_HELO | P_NR_MAIL | P_NR_RCPT
            | P_NR_DATA | P_NR_UNKN | P_NR_EOH | P_NR_BODY;

    /** The longest packet accepted from a milter, a guard against a corrupt length. */
    static final int MAX_PACKET = 16 * 1024 * 1024;

    /**
     * @param code a command or reply code
     * @return a printable name for logs, e.g. {@code 'r'}
     */
    static String name(byte code) {
        return code >= 32 && code < 127 ? "'" + (char) code + "'" : "0x" + Integer.toHexString(code & 0xff);
    }
}
