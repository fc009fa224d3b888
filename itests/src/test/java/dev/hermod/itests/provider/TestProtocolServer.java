package dev.hermod.itests.provider;

import dev.hermod.api.server.ProtocolServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** A listener that only reports an address, for tests of the listener listing. */
public final class TestProtocolServer implements ProtocolServer {

    private final String protocol;
    private final String name;
    private final int port;

    public TestProtocolServer(String protocol, String name, int port) {
        this.protocol = protocol;
        this.name = name;
        this.port = port;
    }

    @Override
    public String protocol() {
        return protocol;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    @Override
    public TransportSecurity security() {
        return TransportSecurity.STARTTLS;
    }
}
