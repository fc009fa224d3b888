package dev.hermod.api.filter;

import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mail.SmtpReply;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What a {@link MessageFilter} decided. Create verdicts with the static factories ({@link #proceed()},
 * {@link #reject(int, String, String)}, ...).
 *
 * <h2>Effect per stage</h2>
 * <dl>
 *   <dt>{@link Proceed}</dt>
 *   <dd>No opinion: the next filter is called; after the last, the stage succeeds (at {@code DELIVERY}: the
 *       message goes to INBOX, Sieve's implicit keep).</dd>
 *   <dt>{@link Accept}</dt>
 *   <dd>Ends the stage with success; later filters are not called at this stage (they are at later
 *       stages). At {@code DELIVERY}: the message goes to INBOX.</dd>
 *   <dt>{@link Reject} (5xx) and {@link TempFail} (4xx)</dt>
 *   <dd>Ends the stage with the given reply: at {@code CONNECT} it replaces the greeting; at {@code EHLO},
 *       {@code MAIL} and {@code RCPT} it answers the command (at {@code RCPT}: this recipient only); at
 *       {@code DATA} it refuses the message. At {@code DELIVERY} a rejection bounces the message for this
 *       account and a temporary failure keeps it queued for another try.</dd>
 *   <dt>{@link Discard}</dt>
 *   <dd>Ends the stage pretending success, and drops the mail silently: at {@code CONNECT} and
 *       {@code EHLO}, every message of the session; at {@code MAIL}, the transaction's message; at
 *       {@code RCPT}, the copy for this recipient; at {@code DATA}, the message; at {@code DELIVERY}, the
 *       copy for this account.</dd>
 *   <dt>{@link FileInto}</dt>
 *   <dd>Store the message in the given mailbox instead of INBOX: at {@code DATA}, every account's copy
 *       (a spam filter's quarantine); at {@code DELIVERY}, this account's; at the SMTP command stages, the
 *       transaction's message (see {@link FilterPipeline}). The next filter is still called, and a later
 *       {@code FileInto} replaces it.</dd>
 *   <dt>{@link ModifyHeaders} and {@link ReplaceBody}</dt>
 *   <dd>{@code DATA} and {@code DELIVERY} only (at {@code DELIVERY}, for this account's copy only): the change
 *       is applied and the next filter is called, as for {@link Proceed}.</dd>
 *   <dt>{@link Combined}</dt>
 *   <dd>Several of the above at once; see there.</dd>
 * </dl>
 * A verdict that does not apply at a stage ({@code FileInto} at {@code RCPT}, say) is logged as a filter
 * bug and treated as {@link Proceed}.
 *
 * <p>Sealed: later minor versions of this package may add verdicts, so a {@code switch} over verdicts
 * should have a default branch.
 */
@ProviderType
public sealed interface Verdict permits Verdict.Proceed, Verdict.Accept, Verdict.Reject, Verdict.TempFail,
        Verdict.Discard, Verdict.FileInto, Verdict.ModifyHeaders, Verdict.ReplaceBody, Verdict.Combined {

    /** No opinion; the next filter decides. */
    record Proceed() implements Verdict {
        static final Proceed INSTANCE = new Proceed();
    }

    /** Success; no further filter is called at this stage. */
    record Accept() implements Verdict {
        static final Accept INSTANCE = new Accept();
    }

    /**
     * A permanent refusal.
     *
     * @param reply the SMTP reply to send, a 5xx, never {@code null}
     */
    record Reject(SmtpReply reply) implements Verdict {
        /**
         * @param reply the SMTP reply to send, a 5xx, never {@code null}
         * @throws IllegalArgumentException if the reply is not a 5xx
         */
        public Reject {
            if (!Objects.requireNonNull(reply, "reply").isPermanent()) {
                throw new IllegalArgumentException("a rejection needs a 5xx reply, not " + reply);
            }
        }
    }

    /**
     * A temporary refusal: the client (or the queue) tries again later.
     *
     * @param reply the SMTP reply to send, a 4xx, never {@code null}
     */
    record TempFail(SmtpReply reply) implements Verdict {
        /**
         * @param reply the SMTP reply to send, a 4xx, never {@code null}
         * @throws IllegalArgumentException if the reply is not a 4xx
         */
        public TempFail {
            if (!Objects.requireNonNull(reply, "reply").isTransient()) {
                throw new IllegalArgumentException("a temporary failure needs a 4xx reply, not " + reply);
            }
        }
    }

    /** Pretend success and drop the mail silently. */
    record Discard() implements Verdict {
        static final Discard INSTANCE = new Discard();
    }

    /**
     * Store the message in a mailbox of the account instead of INBOX (Sieve {@code fileinto}, RFC 5228
     * §4.1, with the {@code imap4flags}, {@code mailbox} and {@code special-use} extensions).
     *
     * <p>The core picks the mailbox with role {@code specialUse} if given and the account has one;
     * otherwise the mailbox named {@code mailbox}; if that does not exist, it creates it when {@code create}
     * is set (with role {@code specialUse}, if given), and otherwise stores the message in INBOX.
     *
     * @param mailbox    the mailbox's full name, levels separated by {@code /} (e.g. {@code Lists/hermod}),
     *                   or {@code null} when {@code specialUse} is given
     * @param specialUse the role of the mailbox to use (e.g. {@link MailboxRole#JUNK}), or {@code null}
     * @param flags      IMAP flags and keywords to set on the stored message, e.g. {@code \Seen} or
     *                   {@code $Junk}; copied, never {@code null}
     * @param create     whether to create {@code mailbox} if it does not exist
     */
    record FileInto(String mailbox, MailboxRole specialUse, Set<String> flags, boolean create)
            implements Verdict {
        /**
         * @param mailbox the mailbox's full name, levels separated by {@code /} (e.g. {@code Lists/hermod}),
         *                or {@code null} when {@code specialUse} is given
         * @param specialUse the role of the mailbox to use (e.g. {@link MailboxRole#JUNK}), or {@code null}
         * @param flags IMAP flags and keywords to set on the stored message, e.g. {@code \Seen} or {@code
         *              $Junk}; copied, never {@code null}
         * @param create whether to create {@code mailbox} if it does not exist
         * @throws NullPointerException     if {@code flags} is {@code null} or contains {@code null}
         * @throws IllegalArgumentException if neither a mailbox nor a role is given, the mailbox name is
         *                                  empty, {@code create} is set without a mailbox name, or a flag is
         *                                  not an IMAP flag
         */
        public FileInto {
            if (mailbox == null && specialUse == null) {
                throw new IllegalArgumentException("fileinto needs a mailbox name or a special-use role");
            }
            if (mailbox != null && (mailbox.isEmpty() || mailbox.chars().anyMatch(Character::isISOControl))) {
                throw new IllegalArgumentException("mailbox name must be non-empty, without control characters");
            }
            if (create && mailbox == null) {
                throw new IllegalArgumentException("fileinto :create needs a mailbox name");
            }
            flags = Set.copyOf(flags);
            for (String flag : flags) {
                // flag = "\" atom / atom (RFC 9051 §9); atom-specials excluded
                String atom = flag.startsWith("\\") ? flag.substring(1) : flag;
                if (atom.isEmpty() || !atom.chars().allMatch(c -> c > 32 && c < 127 && "(){%*\"\\]".indexOf(c) < 0)) {
                    throw new IllegalArgumentException("not an IMAP flag or keyword: '" + flag + "'");
                }
            }
        }
    }

    /**
     * Change the message's header (add, remove or replace fields), then let the next filter decide.
     *
     * @param changes the changes, applied in order; at least one; copied, never {@code null}
     */
    record ModifyHeaders(List<HeaderChange> changes) implements Verdict {
        /**
         * @param changes the changes, applied in order; at least one; copied, never {@code null}
         * @throws IllegalArgumentException if there are no changes
         */
        public ModifyHeaders {
            changes = List.copyOf(changes);
            if (changes.isEmpty()) {
                throw new IllegalArgumentException("ModifyHeaders needs at least one change");
            }
        }
    }

    /**
     * Replace the message's body — everything after the blank line that ends the header — with CRLF line
     * ends, then let the next filter decide (milter's {@code SMFIR_REPLBODY}). If the new body has another
     * MIME structure, change {@code Content-Type} and {@code Content-Transfer-Encoding} with a
     * {@link ModifyHeaders} in the same {@link Combined} verdict.
     *
     * @param body where the new body comes from, never {@code null}
     */
    record ReplaceBody(ContentSource body) implements Verdict {
        /**
         * @param body where the new body comes from, never {@code null}
         * @throws NullPointerException if {@code body} is {@code null}
         */
        public ReplaceBody {
            Objects.requireNonNull(body, "body");
        }
    }

    /**
     * Several verdicts at once, applied in order: header changes and body replacements; then at
     * {@code DELIVERY} one copy of the message in each {@link FileInto} mailbox; then the optional final
     * decision. The list holds {@link ModifyHeaders}, {@link ReplaceBody} and {@link FileInto} elements, and
     * may end with one {@link Accept} (at {@code DELIVERY}: keep a copy in INBOX too), {@link Discard},
     * {@link Reject} or {@link TempFail} (the last two not together with {@code FileInto}).
     *
     * <p>The stage ends if the list has a final decision or a {@code FileInto}; otherwise the next filter
     * is called, as for {@link Proceed}.
     *
     * @param verdicts the verdicts, at least one; copied, never {@code null}
     */
    record Combined(List<Verdict> verdicts) implements Verdict {
        /**
         * @param verdicts the verdicts, at least one; copied, never {@code null}
         * @throws IllegalArgumentException if the list is empty, contains {@link Proceed} or {@link Combined},
         *                                  has a final decision before its end, or combines
         *                                  {@code FileInto} with {@code Reject} or {@code TempFail}
         */
        public Combined {
            verdicts = List.copyOf(verdicts);
            if (verdicts.isEmpty()) {
                throw new IllegalArgumentException("Combined needs at least one verdict");
            }
            boolean fileInto = false;
            for (int i = 0; i < verdicts.size(); i++) {
                Verdict v = verdicts.get(i);
                if (v instanceof Proceed || v instanceof Combined) {
                    throw new IllegalArgumentException("Combined may not contain " + v);
                }
                fileInto |= v instanceof FileInto;
                boolean last = v instanceof Accept || v instanceof Discard || v instanceof Reject
                        || v instanceof TempFail;
                if (last && i != verdicts.size() - 1) {
                    throw new IllegalArgumentException(v + " must be the last verdict of a Combined");
                }
                if (fileInto && (v instanceof Reject || v instanceof TempFail)) {
                    throw new IllegalArgumentException("cannot both file into a mailbox and refuse the message");
                }
            }
        }
    }

    /** @return the "no opinion" verdict */
    static Verdict proceed() {
        return Proceed.INSTANCE;
    }

    /** @return the verdict ending the stage with success */
    static Verdict accept() {
        return Accept.INSTANCE;
    }

    /** @return the verdict dropping the mail silently */
    static Verdict discard() {
        return Discard.INSTANCE;
    }

    /**
     * @param reply a 5xx reply, not {@code null}
     * @return a rejection
     * @throws IllegalArgumentException if the reply is not a 5xx
     */
    static Verdict reject(SmtpReply reply) {
        return new Reject(reply);
    }

    /**
     * A rejection, e.g. {@code reject(550, "5.7.1", "Message refused as spam")}.
     *
     * @param code           a 5xx reply code
     * @param enhancedStatus a {@code 5.x.y} enhanced status code, or {@code null}
     * @param text           the reply text, one line, not {@code null}
     * @return a rejection
     * @throws IllegalArgumentException if the code is not 5xx or a part is malformed
     */
    static Verdict reject(int code, String enhancedStatus, String text) {
        return new Reject(new SmtpReply(code, enhancedStatus, text));
    }

    /**
     * @param reply a 4xx reply, not {@code null}
     * @return a temporary failure
     * @throws IllegalArgumentException if the reply is not a 4xx
     */
    static Verdict tempFail(SmtpReply reply) {
        return new TempFail(reply);
    }

    /**
     * A temporary failure, e.g. {@code tempFail(451, "4.7.1", "Greylisted, try again in 5 minutes")}.
     *
     * @param code           a 4xx reply code
     * @param enhancedStatus a {@code 4.x.y} enhanced status code, or {@code null}
     * @param text           the reply text, one line, not {@code null}
     * @return a temporary failure
     * @throws IllegalArgumentException if the code is not 4xx or a part is malformed
     */
    static Verdict tempFail(int code, String enhancedStatus, String text) {
        return new TempFail(new SmtpReply(code, enhancedStatus, text));
    }

    /**
     * @param mailbox the mailbox's full name, not {@code null}
     * @return a verdict filing into that mailbox (INBOX if it does not exist), without flags
     */
    static Verdict fileInto(String mailbox) {
        return new FileInto(Objects.requireNonNull(mailbox, "mailbox"), null, Set.of(), false);
    }

    /**
     * @param mailbox the mailbox's full name, not {@code null}
     * @param flags   flags to set, not {@code null}
     * @return a verdict filing into that mailbox (INBOX if it does not exist) with flags
     */
    static Verdict fileInto(String mailbox, Set<String> flags) {
        return new FileInto(Objects.requireNonNull(mailbox, "mailbox"), null, flags, false);
    }

    /**
     * @param role the mailbox role, e.g. {@link MailboxRole#JUNK}, not {@code null}
     * @return a verdict filing into the account's mailbox with that role (INBOX if it has none)
     */
    static Verdict fileInto(MailboxRole role) {
        return new FileInto(null, Objects.requireNonNull(role, "role"), Set.of(), false);
    }

    /**
     * @param changes the header changes, at least one
     * @return a verdict changing the header
     */
    static Verdict modifyHeaders(HeaderChange... changes) {
        return new ModifyHeaders(List.of(changes));
    }

    /**
     * @param body the new body, CRLF line ends; copied, not {@code null}
     * @return a verdict replacing the body
     */
    static Verdict replaceBody(byte[] body) {
        byte[] copy = body.clone();
        return new ReplaceBody(() -> new ByteArrayInputStream(copy));
    }

    /**
     * @param body where the new body comes from, not {@code null}
     * @return a verdict replacing the body
     */
    static Verdict replaceBody(ContentSource body) {
        return new ReplaceBody(body);
    }

    /**
     * @param verdicts the verdicts, as {@link Combined} requires
     * @return a combined verdict
     */
    static Verdict combined(Verdict... verdicts) {
        return new Combined(List.of(verdicts));
    }
}
