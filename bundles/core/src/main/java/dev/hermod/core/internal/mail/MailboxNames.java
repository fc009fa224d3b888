package dev.hermod.core.internal.mail;

import dev.hermod.api.mailbox.MailAccount;
import dev.hermod.api.mailbox.MailboxException.Reason;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;

/** Mailbox names: checked and put in Unicode NFC (RFC 8621 §2 asks for Net-Unicode names). */
final class MailboxNames {

    static final int MAX_OCTETS = 255;
    static final String INBOX = "INBOX";

    private MailboxNames() {
    }

    static String check(String name) {
        if (name == null || name.isEmpty()) {
            throw Errors.of(Reason.INVALID_NAME, "A mailbox name must not be empty.");
        }
        String nfc = Normalizer.normalize(name, Normalizer.Form.NFC);
        if (nfc.indexOf(MailAccount.SEPARATOR) >= 0) {
            throw Errors.of(Reason.INVALID_NAME, "A mailbox name must not contain '" + MailAccount.SEPARATOR
                    + "', which separates the levels of a path: " + name);
        }
        if (nfc.codePoints().anyMatch(Character::isISOControl)) {
            throw Errors.of(Reason.INVALID_NAME, "A mailbox name must not contain control characters.");
        }
        if (nfc.getBytes(StandardCharsets.UTF_8).length > MAX_OCTETS) {
            throw Errors.of(Reason.INVALID_NAME, "A mailbox name may have at most " + MAX_OCTETS + " octets of UTF-8.");
        }
        if (nfc.isBlank()) {
            throw Errors.of(Reason.INVALID_NAME, "A mailbox name must not be blank.");
        }
        return nfc;
    }

    /** Whether two sibling names clash: equal, or both INBOX in any case at the top level. */
    static boolean clash(String a, String b, boolean topLevel) {
        return a.equals(b) || topLevel && a.toUpperCase(Locale.ROOT).equals(INBOX)
                && b.toUpperCase(Locale.ROOT).equals(INBOX);
    }
}
