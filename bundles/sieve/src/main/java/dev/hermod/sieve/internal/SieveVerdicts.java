package dev.hermod.sieve.internal;

import dev.hermod.api.filter.Verdict;
import dev.hermod.api.mail.SmtpReply;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a {@link SieveResult} into the {@link Verdict} of a delivery filter:
 * <ul>
 *   <li>{@code fileinto} → {@link Verdict.FileInto} with its flags and {@code :create};</li>
 *   <li>{@code keep} and the implicit keep → nothing (the message goes to INBOX) or, with flags, a
 *       {@code FileInto} of INBOX with them; next to other {@code FileInto}s a flagless keep is a final
 *       {@link Verdict.Accept}, which keeps a copy in INBOX;</li>
 *   <li>{@code discard} alone → {@link Verdict.Discard};</li>
 *   <li>{@code reject}/{@code ereject} → {@link Verdict.Reject} {@code 550 5.7.1} with the reason on one line;</li>
 *   <li>{@code addheader}/{@code deleteheader} → {@link Verdict.ModifyHeaders}, first;</li>
 *   <li>{@code defer} → {@link Verdict.TempFail} alone, whatever else the script did: the reply code and
 *       enhanced status its reason starts with if they are 4xx ({@code 451 4.7.1} otherwise), then the rest
 *       of the reason.</li>
 * </ul>
 * {@code redirect} and {@code vacation} need the outbound queue, which does not take Sieve's mail yet: they
 * are not carried out here. So that no mail is lost, a {@code redirect} without {@code :copy} then counts as
 * a keep: the message stays in INBOX. A failed run keeps the message ({@link Verdict#proceed()}).
 */
public final class SieveVerdicts {

    /** A 4yz reply code and, optionally, a 4.x.y enhanced status code at the start of a defer reason. */
    private static final Pattern DEFER_CODE = Pattern.compile("(4[0-9][0-9])(?:[ -]+(4\\.[0-9]{1,3}\\.[0-9]{1,3}))?"
            + "(?:[ -]+|$)(.*)", Pattern.DOTALL);

    private SieveVerdicts() {
    }

    /**
     * @param reason a {@code defer} reason, e.g. {@code 451 4.7.1 Greylisted, try again later}
     * @return its reply: the 4xx code and enhanced status it starts with, else {@code 451 4.7.1}; the text on
     *         one line
     */
    static SmtpReply deferReply(String reason) {
        String text = oneLine(reason);
        int code = 451;
        String status = "4.7.1";
        Matcher m = DEFER_CODE.matcher(text);
        if (m.matches()) {
            code = Integer.parseInt(m.group(1));
            status = m.group(2) != null ? m.group(2) : code == 451 ? "4.7.1" : "4.0.0";
            text = m.group(3).strip();
        }
        return new SmtpReply(code, status, text.isEmpty() ? "Try again later" : text);
    }

    static String oneLine(String text) {
        return text.replaceAll("[\\r\\n\\t\\p{Cntrl}]+", " ").strip();
    }

    /**
     * @param result a run's result
     * @return the verdict, never {@code null}
     */
    public static Verdict toVerdict(SieveResult result) {
        return toVerdict(result, false);
    }

    /**
     * @param result     a run's result
     * @param redirected whether its redirects were sent: then a {@code redirect} without {@code :copy} cancels
     *                   the implicit keep as RFC 5228 §4.2 says; otherwise it keeps, so that nothing is lost
     * @return the verdict, never {@code null}
     */
    public static Verdict toVerdict(SieveResult result, boolean redirected) {
        if (result.failed()) {
            return Verdict.proceed();
        }
        for (SieveAction a : result.actions()) {
            if (a instanceof SieveAction.Defer d) {
                return Verdict.tempFail(deferReply(d.reason()));
            }
        }
        List<Verdict> parts = new ArrayList<>();
        if (!result.headerChanges().isEmpty()) {
            parts.add(new Verdict.ModifyHeaders(result.headerChanges()));
        }
        boolean fileInto = false;
        boolean keep = false;
        LinkedHashSet<String> keepFlags = new LinkedHashSet<>();
        boolean discard = false;
        SieveAction.Reject reject = null;
        for (SieveAction a : result.actions()) {
            if (a instanceof SieveAction.FileInto fi) {
                if (fi.mailbox().equalsIgnoreCase("INBOX")) {
                    keep = true;
                    keepFlags.addAll(fi.flags());
                } else {
                    parts.add(new Verdict.FileInto(fi.mailbox(), null, new LinkedHashSet<>(fi.flags()),
                            fi.create()));
                    fileInto = true;
                }
            } else if (a instanceof SieveAction.Keep k) {
                keep = true;
                keepFlags.addAll(k.flags());
            } else if (a instanceof SieveAction.Redirect r && !r.copy()) {
                if (redirected) {
                    discard = true; // forwarded: no local copy
                } else {
                    keep = true; // not forwarded: keep rather than lose
                }
            } else if (a instanceof SieveAction.Discard) {
                discard = true;
            } else if (a instanceof SieveAction.Reject r) {
                reject = r;
            }
        }
        if (reject != null && !keep && !fileInto) {
            String text = oneLine(reject.reason());
            parts.add(Verdict.reject(550, "5.7.1", text.isEmpty() ? "Message rejected" : text));
        } else if (keep && !keepFlags.isEmpty()) {
            parts.add(new Verdict.FileInto("INBOX", null, keepFlags, false));
        } else if (keep && fileInto) {
            parts.add(Verdict.accept());
        } else if (!keep && !fileInto && (discard || reject != null)) {
            parts.add(Verdict.discard());
        }
        if (parts.isEmpty()) {
            return Verdict.proceed();
        }
        return parts.size() == 1 ? parts.get(0) : new Verdict.Combined(parts);
    }
}
