package dev.hermod.message.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.hermod.api.message.MailAddress;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.LenientAddressParser;
import org.apache.james.mime4j.stream.ParserCursor;
import org.apache.james.mime4j.util.ByteArrayBuffer;

/**
 * Address-list fields (RFC 5322 §3.4) through mime4j's lenient parser, fed UTF-8 octets so that RFC 6532
 * internationalized addresses and names survive; display names have encoded words decoded by mime4j.
 */
final class Addresses {

    /** More addresses than this in one field are dropped: a summary is not a mailing list. */
    static final int MAX_ADDRESSES = 1000;

    private Addresses() {
    }

    static List<MailAddress> parse(String unfolded) {
        List<MailAddress> out = new ArrayList<>();
        try {
            byte[] bytes = unfolded.getBytes(StandardCharsets.UTF_8);
            ByteArrayBuffer buf = new ByteArrayBuffer(bytes, bytes.length, true);
            AddressList list = LenientAddressParser.DEFAULT.parseAddressList(buf, new ParserCursor(0, bytes.length));
            for (Address address : list) {
                if (out.size() >= MAX_ADDRESSES) {
                    break;
                }
                if (address instanceof Mailbox mailbox) {
                    add(out, mailbox, null);
                } else if (address instanceof Group group) {
                    String name = Texts.trimToNull(group.getName());
                    String groupName = name == null ? "" : name;
                    if (group.getMailboxes().isEmpty()) {
                        out.add(new MailAddress(null, null, null, groupName));
                    }
                    for (Mailbox mailbox : group.getMailboxes()) {
                        add(out, mailbox, groupName);
                    }
                }
            }
        } catch (RuntimeException e) {
            // what was parsed before the failure is kept
        }
        return out;
    }

    private static void add(List<MailAddress> out, Mailbox mailbox, String group) {
        String local = Texts.trimToNull(mailbox.getLocalPart());
        if (local == null) {
            return;
        }
        out.add(new MailAddress(Texts.trimToNull(mailbox.getName()), local,
                Texts.trimToNull(mailbox.getDomain()), group));
    }
}
