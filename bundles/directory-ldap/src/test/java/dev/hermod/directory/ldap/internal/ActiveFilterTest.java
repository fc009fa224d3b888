package dev.hermod.directory.ldap.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.junit.jupiter.api.Test;

/** filter.active, evaluated on the entry. */
class ActiveFilterTest {

    private static Entry entry(String... ldif) throws Exception {
        Object[] lines = new Object[ldif.length];
        System.arraycopy(ldif, 0, lines, 0, ldif.length);
        return new DefaultEntry("uid=x,dc=example,dc=org", lines);
    }

    @Test
    void theDefaultRejectsLockedAccounts() throws Exception {
        ActiveFilter active = ActiveFilter.of("(!(pwdAccountLockedTime=*))");
        assertTrue(active.test(entry("uid: x")));
        assertFalse(active.test(entry("uid: x", "pwdAccountLockedTime: 000001010000Z")));
        assertTrue(active.attributes().contains("pwdaccountlockedtime"), "requested in any case");
    }

    @Test
    void equalityIgnoresCaseAndCombines() throws Exception {
        ActiveFilter active = ActiveFilter.of("(&(!(pwdAccountLockedTime=*))(|(mailEnabled=TRUE)(!(mailEnabled=*))))");
        assertTrue(active.test(entry("uid: x")));
        assertTrue(active.test(entry("uid: x", "mailEnabled: true")));
        assertFalse(active.test(entry("uid: x", "mailEnabled: FALSE")));
        assertFalse(active.test(entry("uid: x", "mailEnabled: TRUE", "pwdAccountLockedTime: 20240101000000Z")));
        assertTrue(active.attributes().size() == 2, active.attributes().toString());
    }

    @Test
    void emptyMeansAllAndOtherAssertionsAreRefused() throws Exception {
        assertTrue(ActiveFilter.of("").test(entry("uid: x")));
        assertTrue(ActiveFilter.of(null).test(entry("uid: x")));
        assertThrows(IllegalArgumentException.class, () -> ActiveFilter.of("(mail=*@x)"));
        assertThrows(IllegalArgumentException.class, () -> ActiveFilter.of("(quota>=1)"));
        assertThrows(IllegalArgumentException.class, () -> ActiveFilter.of("(!(a=*)"));
    }
}
