package dev.hermod.api.filter;

import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.Envelope;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One message being delivered to one local account: what {@link MessageFilter#onDelivery} judges.
 */
@ProviderType
public interface DeliveryContext {

    /**
     * The message's envelope. For mail received over SMTP it is the envelope of the transaction, all
     * recipients included; for mail generated or imported locally its {@code helo} and
     * {@code remoteAddress} are {@code null}.
     *
     * @return the envelope, never {@code null}
     */
    Envelope envelope();

    /**
     * The envelope recipient this delivery is for, as given in {@code RCPT TO} (with any sub-address
     * detail, e.g. {@code jane+lists@example.com}), as Sieve's {@code envelope "to"} test sees it.
     *
     * @return the recipient, never {@code null}
     */
    Address recipient();

    /**
     * The account the message is delivered to: a principal name from
     * {@link dev.hermod.api.directory.Directory#recipients}.
     *
     * @return the principal's name, never {@code null}
     */
    String account();

    /**
     * The message, after the changes of the {@code DATA} filters and of the delivery filters before this
     * one.
     *
     * @return the content, never {@code null}
     */
    MessageContent content();
}
