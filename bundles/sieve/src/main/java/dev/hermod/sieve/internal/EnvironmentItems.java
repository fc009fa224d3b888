package dev.hermod.sieve.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * The items of the {@code environment} test (RFC 5183 §4.1) for one run: the standard items "domain", "host",
 * "location", "name", "phase", "remote-host", "remote-ip" and "version", and Hermod's own
 * "vnd.hermod.helo", "vnd.hermod.authenticated-user" and "vnd.hermod.stage" (RFC 5183 §4.1 reserves the
 * "vnd." prefix for vendor items). Items that are not known are left out, so the test is false for them.
 */
public final class EnvironmentItems {

    /** The product, the "name" item. */
    public static final String NAME = "Hermod";

    private static final String VERSION = bundleVersion();

    private EnvironmentItems() {
    }

    /** @return only "name" and "version": what holds wherever a script runs */
    public static Map<String, String> product() {
        return Map.of("name", NAME, "version", VERSION);
    }

    /**
     * @param stage             the filter stage in lower case: connect, ehlo, mail, rcpt, data or delivery
     * @param host              this server's fully qualified host name
     * @param remoteIp          the client's address, or {@code null} when the mail did not come over the network
     * @param remoteHost        the client's host name if known (no lookup is made here), or {@code null}
     * @param helo              the name the client gave in EHLO/HELO/LHLO, or {@code null}
     * @param authenticatedUser the principal the client authenticated as, or {@code null}
     * @return the items by lower-case name, every one present (empty strings where the value is not available,
     *         as RFC 5183 §4.1 asks for "remote-host" and "remote-ip")
     */
    public static Map<String, String> of(String stage, String host, InetAddress remoteIp, String remoteHost,
                                         String helo, String authenticatedUser) {
        boolean delivery = stage.equals("delivery");
        Map<String, String> items = new HashMap<>(product());
        items.put("host", host);
        items.put("domain", domain(host));
        // RFC 5183 §4.1: "MTA" while the message is being received, "MDA" when it is delivered
        items.put("location", delivery ? "MDA" : "MTA");
        items.put("phase", delivery ? "post" : "during");
        items.put("remote-ip", remoteIp == null ? "" : remoteIp.getHostAddress());
        items.put("remote-host", remoteHost == null ? "" : remoteHost);
        items.put("vnd.hermod.helo", helo == null ? "" : helo);
        items.put("vnd.hermod.authenticated-user", authenticatedUser == null ? "" : authenticatedUser);
        items.put("vnd.hermod.stage", stage);
        return items;
    }

    /** @return the primary DNS domain of a host name: what follows its first label */
    static String domain(String host) {
        int dot = host.indexOf('.');
        return dot < 0 || dot == host.length() - 1 ? host : host.substring(dot + 1);
    }

    /** @return this machine's host name, fully qualified if the resolver knows it; "localhost" if it fails */
    public static String localHost() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException | SecurityException e) {
            return "localhost";
        }
    }

    private static String bundleVersion() {
        Bundle bundle = FrameworkUtil.getBundle(EnvironmentItems.class);
        return bundle == null ? "0.0.0" : bundle.getVersion().toString();
    }
}
