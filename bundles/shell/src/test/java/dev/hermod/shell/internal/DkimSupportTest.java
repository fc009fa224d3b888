package dev.hermod.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code dkim-list} and {@code dkim-create} print. */
class DkimSupportTest {

    private static final String RECORD = "rsa202611._domainkey.example.com IN TXT \"v=DKIM1; k=rsa; p=MIIB\"";

    @Test
    void listLinesAreParsed() {
        DkimSupport.Key k = DkimSupport.Key.parse("example.com sel rsa-2048 /opt/hermod etc/dkim/example.com.sel.key in use");
        assertEquals(new DkimSupport.Key("example.com", "sel", "rsa-2048", "/opt/hermod etc/dkim/example.com.sel.key", true), k);
        assertEquals(false, DkimSupport.Key.parse("example.com old ed25519 /k/example.com.old.key").inUse());
    }

    @Test
    void listIsATable() {
        assertEquals("No DKIM key: create one with hermod:dkim-create <domain>.\n", DkimSupport.format(List.of()));
        String table = DkimSupport.format(List.of("example.com new rsa-2048 /k/example.com.new.key in use",
                "example.com old rsa-2048 /k/example.com.old.key"));
        assertEquals("""
                Domain       Selector  Algorithm  In use  Private key
                -----------  --------  ---------  ------  ----------------------
                example.com  new       rsa-2048   yes     /k/example.com.new.key
                example.com  old       rsa-2048   no      /k/example.com.old.key
                2 keys
                """, table);
    }

    @Test
    void createdSaysWhatToPublishAndWhereTheKeyIs() {
        String first = DkimSupport.created(RECORD, new DkimSupport.Key("example.com", "rsa202611", "rsa-2048",
                "/k/example.com.rsa202611.key", true), List.of());
        assertTrue(first.startsWith("Created the DKIM key rsa202611 (rsa-2048) for example.com; the private key is in"
                + " /k/example.com.rsa202611.key.\nPublish this record in the DNS zone of example.com:\n\n" + RECORD + "\n\n"),
                first);
        String rotated = DkimSupport.created(RECORD, null, List.of("rsa202501"));
        assertTrue(rotated.contains("instead of rsa202501") && rotated.contains(
                "config:property-set -p dkim.signer selector.example.com rsa202501"), rotated);
    }
}
