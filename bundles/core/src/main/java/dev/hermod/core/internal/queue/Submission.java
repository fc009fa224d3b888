package dev.hermod.core.internal.queue;

import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.BlobHash;
import dev.hermod.api.mail.ReversePath;
import java.util.List;
import java.util.Map;

/**
 * A message whose bytes are in the blob store, to become an entry.
 *
 * @param from       the reverse-path
 * @param recipients the recipients, distinct
 * @param parameters the {@code MAIL FROM} ESMTP parameters
 * @param size       octets
 * @param eightBit   has octets above 127
 * @param smtpUtf8   needs SMTPUTF8
 * @param blob       the blob
 */
record Submission(ReversePath from, List<Address> recipients, Map<String, String> parameters, long size,
                  boolean eightBit, boolean smtpUtf8, BlobHash blob) {

    Submission {
        recipients = List.copyOf(recipients);
        parameters = Map.copyOf(parameters);
    }
}
