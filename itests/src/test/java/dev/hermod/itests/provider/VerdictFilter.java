package dev.hermod.itests.provider;

import dev.hermod.api.filter.DeliveryContext;
import dev.hermod.api.filter.HeaderChange;
import dev.hermod.api.filter.MessageContent;
import dev.hermod.api.filter.MessageFilter;
import dev.hermod.api.filter.SessionInfo;
import dev.hermod.api.filter.Verdict;
import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.Envelope;
import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mail.ReversePath;
import dev.hermod.api.mail.SmtpReply;
import java.util.List;
import java.util.Set;

/**
 * A third party's message filter that shows every verdict, chosen by what the client sends: the EHLO name,
 * the sender's local part, the recipient's local part, or the Subject.
 */
public final class VerdictFilter implements MessageFilter {

    @Override
    public Verdict onConnect(SessionInfo session) {
        return Verdict.proceed();
    }

    @Override
    public Verdict onEhlo(SessionInfo session, String helo) {
        return helo.equals("refused.example") ? Verdict.reject(550, "5.7.1", "EHLO name refused by policy")
                : Verdict.proceed();
    }

    @Override
    public Verdict onMail(SessionInfo session, ReversePath sender) {
        return sender.mailbox().map(a -> a.localPart().equals("busy")).orElse(false)
                ? Verdict.tempFail(new SmtpReply(451, "4.7.1", "Sender deferred by policy")) : Verdict.proceed();
    }

    @Override
    public Verdict onRcpt(SessionInfo session, Address recipient) {
        return recipient.localPart().equals("postmaster") ? Verdict.accept()
                : recipient.localPart().endsWith("+blocked") ? Verdict.reject(550, "5.7.1", "Recipient refused by policy")
                : Verdict.proceed();
    }

    @Override
    public Verdict onData(SessionInfo session, Envelope envelope, MessageContent content) {
        String subject = content.header("Subject").stream().findFirst().orElse("");
        return switch (subject) {
            case "reject me" -> Verdict.reject(554, "5.7.1", "Message refused by policy");
            case "defer me" -> Verdict.tempFail(new SmtpReply(451, "4.7.1", "Message deferred by policy"));
            case "discard me" -> Verdict.discard();
            case "junk me" -> new Verdict.Combined(List.of(
                    new Verdict.ModifyHeaders(List.of(HeaderChange.addFirst("X-Test-Filter", "junk"))),
                    new Verdict.FileInto(null, MailboxRole.JUNK, Set.of(), false)));
            default -> new Verdict.ModifyHeaders(List.of(HeaderChange.addFirst("X-Test-Filter", "passed")));
        };
    }

    @Override
    public Verdict onDelivery(DeliveryContext delivery) {
        return Verdict.proceed();
    }
}
