package dev.hermod.shell.internal;

import dev.hermod.api.crypto.DkimKeyAdmin;
import java.util.ArrayList;
import java.util.List;

/** What the DKIM commands share: the missing-service message and the reading of {@link DkimKeyAdmin#list()}. */
final class DkimSupport {

    private DkimSupport() {}

    /**
     * One line of {@link DkimKeyAdmin#list()}.
     *
     * @param domain    the sending domain
     * @param selector  the selector
     * @param algorithm e.g. {@code rsa-2048}, {@code ed25519}
     * @param location  where the private key is stored
     * @param inUse     whether the signer signs with it now
     */
    record Key(String domain, String selector, String algorithm, String location, boolean inUse) {

        private static final String IN_USE = " in use";

        /** Parses {@code <domain> <selector> <algorithm> <location> [in use]}; a location may hold spaces. */
        static Key parse(String line) {
            String[] t = line.split(" ", 4);
            if (t.length < 4) {
                return new Key(t[0], t.length > 1 ? t[1] : "", t.length > 2 ? t[2] : "", "", false);
            }
            boolean inUse = t[3].endsWith(IN_USE);
            return new Key(t[0], t[1], t[2], inUse ? t[3].substring(0, t[3].length() - IN_USE.length()) : t[3], inUse);
        }
    }

    /** Whether there is no DkimKeyAdmin; if so, says why on standard error. */
    static boolean missing(DkimKeyAdmin keys) {
        if (keys == null) {
            System.err.println("No DKIM signer is running: install mail authentication (feature:install"
                    + " hermod-mailauth), and if it is installed, check its configuration (etc/dkim.signer.cfg,"
                    + " keys.directory) and the log (log:display).");
            return true;
        }
        return false;
    }

    /** The table {@code dkim-list} prints, ending with a line break. */
    static String format(List<String> lines) {
        if (lines.isEmpty()) {
            return "No DKIM key: create one with hermod:dkim-create <domain>.\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Domain", "Selector", "Algorithm", "In use", "Private key"});
        for (String line : lines) {
            Key k = Key.parse(line);
            rows.add(new String[] {k.domain(), k.selector(), k.algorithm(), k.inUse() ? "yes" : "no", k.location()});
        }
        return Tables.format(rows) + lines.size() + (lines.size() == 1 ? " key\n" : " keys\n");
    }

    /**
     * What {@code dkim-create} prints after creating a key.
     *
     * @param record   the DNS record {@link DkimKeyAdmin#create} returned
     * @param created  the new key as listed afterwards, or {@code null} if the listing failed
     * @param previous the selectors the domain signed with before, empty if none
     * @return the text, ending with a line break
     */
    static String created(String record, Key created, List<String> previous) {
        int at = record.indexOf("._domainkey.");
        String selector = record.substring(0, at);
        String domain = record.substring(at + "._domainkey.".length(), record.indexOf(' ', at));
        StringBuilder s = new StringBuilder();
        s.append("Created the DKIM key ").append(selector)
                .append(created == null ? "" : " (" + created.algorithm() + ")").append(" for ").append(domain);
        if (created != null && !created.location().isEmpty()) {
            s.append("; the private key is in ").append(created.location());
        }
        s.append(".\nPublish this record in the DNS zone of ").append(domain).append(":\n\n")
                .append(record).append("\n\n");
        if (previous.isEmpty()) {
            s.append("Mail from ").append(domain).append(" is signed with it from now on; receivers can check the"
                    + " signatures once the record is published.\n");
        } else {
            s.append("Mail from ").append(domain).append(" is signed with it from now on instead of ")
                    .append(String.join(", ", previous)).append(", and receivers fail the signatures until the record"
                    + " is published. To keep the old key until then: config:property-set -p dkim.signer selector.")
                    .append(domain).append(' ').append(String.join(",", previous))
                    .append(" (config:property-delete it once the record is published).\n");
        }
        return s.toString();
    }
}
