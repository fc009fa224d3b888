package dev.hermod.dkim.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An address block, {@code 192.0.2.0/24} or {@code 2001:db8::/32}, and the address literal checks SPF and the
 * trusted-networks setting need. Literals are checked by their characters before {@link InetAddress} parses
 * them, so no text ever causes a DNS query.
 *
 * @param network the network's address bytes (4 or 16)
 * @param length  the prefix length in bits
 */
record Cidr(byte[] network, int length) {

    /**
     * @param text an IPv4 or IPv6 address with an optional {@code /length}
     * @return the block
     * @throws IllegalArgumentException if the text is not an address block
     */
    static Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String ip = slash < 0 ? t : t.substring(0, slash);
        byte[] bytes = literal(ip);
        if (bytes == null) {
            throw new IllegalArgumentException("not an IP address: '" + text + "'");
        }
        int max = bytes.length * 8;
        int length = max;
        if (slash >= 0) {
            try {
                length = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length < 0 || length > max) {
                throw new IllegalArgumentException("bad prefix length in '" + text + "' (0 to " + max + ")");
            }
        }
        return new Cidr(bytes, length);
    }

    /**
     * @param address an address; an IPv4-mapped IPv6 address compares as IPv4
     * @return whether the address is inside the block
     */
    boolean contains(InetAddress address) {
        return matches(network, address.getAddress(), length);
    }

    /**
     * Compares the first {@code length} bits of two addresses of the same family.
     *
     * @return {@code false} if the families differ
     */
    static boolean matches(byte[] a, byte[] b, int length) {
        if (a.length != b.length) {
            return false;
        }
        int full = length / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        int bits = length % 8;
        if (bits == 0) {
            return true;
        }
        int mask = 0xff << (8 - bits) & 0xff;
        return (a[full] & mask) == (b[full] & mask);
    }

    /** @return the bytes of an IPv4 dotted quad or an IPv6 literal, or {@code null} if it is neither */
    static byte[] literal(String ip) {
        if (!isIpv4Literal(ip) && !isIpv6Literal(ip)) {
            return null;
        }
        try {
            return InetAddress.getByName(ip).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** @return whether the text is a dotted quad, each part 0 to 255 */
    static boolean isIpv4Literal(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** @return whether the text looks like an IPv6 literal and parses as one */
    static boolean isIpv6Literal(String s) {
        if (s.indexOf(':') < 0 || !s.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
            return false;
        }
        try {
            return InetAddress.getByName(s).getAddress().length == 16 || s.contains(":");
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** @return an IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1}) as IPv4, other addresses unchanged */
    static InetAddress unmap(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length != 16) {
            return address;
        }
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return address;
            }
        }
        if ((b[10] & 0xff) != 0xff || (b[11] & 0xff) != 0xff) {
            return address;
        }
        try {
            return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
