package dev.hermod.core.internal;

import dev.hermod.api.admin.ListenerInfo;
import dev.hermod.api.server.ProtocolServer;
import java.net.InetAddress;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/** The protocol listeners registered now. Thread safe. */
final class ListenerSet {

    private final Map<ServiceReference<ProtocolServer>, Listener> listeners = new ConcurrentHashMap<>();

    void add(ServiceReference<ProtocolServer> ref, ProtocolServer server) {
        Bundle bundle = ref.getBundle();
        listeners.put(ref, new Listener(server, bundle == null ? "?" : bundle.getSymbolicName()));
    }

    void remove(ServiceReference<ProtocolServer> ref) {
        listeners.remove(ref);
    }

    List<ListenerInfo> snapshot() {
        return listeners.values().stream()
                .map(Listener::info)
                .sorted(Comparator.comparing(ListenerInfo::protocol).thenComparing(ListenerInfo::name))
                .toList();
    }

    /** {@code host:port}, with IPv6 hosts in brackets as in URLs. */
    static String format(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        String host = ip == null ? address.getHostString() : ip.getHostAddress();
        if (ip instanceof Inet6Address) {
            host = "[" + host + "]";
        }
        return host + ":" + address.getPort();
    }

    private record Listener(ProtocolServer server, String bundle) {
        ListenerInfo info() {
            return new ListenerInfo(server.protocol(), server.name(), format(server.address()),
                    server.security(), bundle);
        }
    }
}
