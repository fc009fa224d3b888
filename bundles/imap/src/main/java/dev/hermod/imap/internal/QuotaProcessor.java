package dev.hermod.imap.internal;

import dev.hermod.api.mailbox.QuotaUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * GETQUOTAROOT, GETQUOTA and SETQUOTA (RFC 9208). An account has one quota root, {@code ""}, holding every
 * mailbox; its limits come from the directory, so SETQUOTA is refused. STORAGE is in units of 1024 octets.
 */
final class QuotaProcessor implements Processor {

    @Override
    public Set<String> commands() {
        return Set.of("GETQUOTAROOT", "GETQUOTA", "SETQUOTA");
    }

    @Override
    public boolean allowed(String name, SessionState state) {
        return state == SessionState.AUTHENTICATED || state == SessionState.SELECTED;
    }

    @Override
    public String process(Command c, ImapSession session) {
        switch (c.name()) {
            case "GETQUOTAROOT" -> {
                String name = MailboxTree.canonical(session.decodeName(c.args().astring()));
                c.args().end();
                new MailboxTree(session.account()).require(name);
                session.send(session.response().raw("* QUOTAROOT ").astring(session.encodeName(name))
                        .raw(" \"\"").crlf());
                session.send(quota(session.account().quota()));
                return "GETQUOTAROOT completed";
            }
            case "GETQUOTA" -> {
                String root = c.args().astring();
                c.args().end();
                if (!root.isEmpty()) {
                    throw ImapException.no("NONEXISTENT", "The only quota root is \"\"");
                }
                session.send(quota(session.account().quota()));
                return "GETQUOTA completed";
            }
            default -> throw ImapException.no("NOPERM", "Quotas are set in the directory");
        }
    }

    private static String quota(QuotaUsage q) {
        List<String> resources = new ArrayList<>();
        if (q.limitBytes() > 0) {
            resources.add("STORAGE " + (q.usedBytes() + 1023) / 1024 + " " + q.limitBytes() / 1024);
        }
        if (q.limitMessages() > 0) {
            resources.add("MESSAGE " + q.usedMessages() + " " + q.limitMessages());
        }
        return "* QUOTA \"\" (" + String.join(" ", resources) + ")";
    }
}
