package dev.hermod.sieve.internal;

import dev.hermod.api.filter.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Turns a {@link SieveResult} into the {@link Verdict} of a delivery filter:
 * <ul>
 *   <li>{@code fileinto} → {@link Verdict.FileInto} with its flags and {@code :create};</li>
 *   <li>{@code keep} and the implicit keep → nothing (the message goes to INBOX) or, with flags, a
 *       {@code FileInto} of INBOX with them; next to other {@code FileInto}s a flagless keep is a final
 *       {@link Verdict.Accept}, which keeps a copy in INBOX;</li>
 *   <li>{@code discard} alone → {@link Verdict.Discard};</li>
 *   <li>{@code reject}/{@code ereject} → {@link Verdict.Reject} {@code 550 5.7.1} with the reason on one line;</li>
 *   <li>{@code addheader}/{@code deleteheader} → {@link Verdict.ModifyHeaders}, first.</li>
 * </ul>
 * {@code redirect} and {@code vacation} need the outbound queue, which does not take Sieve's mail yet: they
 * are not carried out here. So that no mail is lost, a {@code redirect} without {@code :copy} then counts as
 * a keep: the message stays in INBOX. A failed run keeps the message ({@link Verdict#proceed()}).
 */
public final class SieveVerdicts {

    private SieveVerdicts() {
    }

    /**
     * @param result a run's result
     * @return the verdict, never {@code null}
     */
    public static Verdict toVerdict(SieveResult result) {
        if (result.failed()) {
            return Verdict.proceed();
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
                keep = true; // not forwarded yet: keep rather than lose
            } else if (a instanceof SieveAction.Discard) {
                discard = true;
            } else if (a instanceof SieveAction.Reject r) {
                reject = r;
            }
        }
        if (reject != null && !keep && !fileInto) {
            String text = reject.reason().replaceAll("[\\r\\n\\t\\p{Cntrl}]+", " ").strip();
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
