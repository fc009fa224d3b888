package dev.hermod.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ListenerSetTest {

    @Test
    void formatsIpv4AndIpv6Addresses() throws Exception {
        assertEquals("127.0.0.1:1143",
                ListenerSet.format(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 1143)));
        assertEquals("[0:0:0:0:0:0:0:1]:8080",
                ListenerSet.format(new InetSocketAddress(InetAddress.getByName("::1"), 8080)));
    }
}
