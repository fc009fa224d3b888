package dev.hermod.message.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 5322 §3.3 dates and the §4.3 obsolete forms. */
class DatesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Fri, 21 Nov 1997 09:55:06 -0600|1997-11-21T09:55:06-06:00",
        "21 Nov 1997 09:55:06 -0600|1997-11-21T09:55:06-06:00",
        "Fri, 21 Nov 97 09:55:06 GMT|1997-11-21T09:55:06Z",
        "Thu, 13 Feb 69 23:32 -0330 (Newfoundland Time)|1969-02-13T23:32-03:30",
        "Mon, 7 Feb 1994 21:52:25 -0800 (PST)|1994-02-07T21:52:25-08:00",
        "Tue, 1 Jul 2003 10:52:37 +0200|2003-07-01T10:52:37+02:00",
        "1 Jan 05 00:00:00 EST|2005-01-01T00:00-05:00",
        "Wed, 02 Oct 2002 08:00:00 EDT|2002-10-02T08:00-04:00",
        "Wed,  2 Oct 2002  08:00:00   +0000|2002-10-02T08:00Z",
        "Monday, 2 Oct 2002 08:00:00 +0100|2002-10-02T08:00+01:00",
        "2 Oct 2002 08:00:00.123 +0100|2002-10-02T08:00+01:00",
        "2002-10-02T08:00:00+01:00|2002-10-02T08:00+01:00",
    })
    void parses(String value, String expected) {
        assertEquals(java.time.OffsetDateTime.parse(expected), Dates.parse(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "32 Foo 2020 25:61:00 +0000", "Fri, 21 Nov"})
    void unparseableIsNull(String value) {
        assertNull(Dates.parse(value));
    }
}
