package dev.tollgate.platform.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * An IP network: an address and a prefix length ({@code 10.0.0.0/8}, {@code fe80::/10}); a plain address is a single
 * host. Only numeric literals are accepted, so parsing never looks a name up.
 */
public record Cidr(byte[] network, int bits) {
    private static final Pattern IPV4 = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*$");

    public Cidr {
        network = network.clone();
    }

    /** @throws IllegalArgumentException with a message naming {@code text} when it is not an address or CIDR block */
    public static Cidr parse(String text) {
        String[] parts = text.strip().split("/", -1);
        if (parts.length > 2 || !isLiteral(parts[0])) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block");
        }
        byte[] address;
        try {
            address = InetAddress.getByName(parts[0]).getAddress(); // a numeric literal: parsed, never looked up
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block");
        }
        int maxBits = address.length * 8;
        int bits;
        try {
            bits = parts.length == 2 ? Integer.parseInt(parts[1]) : maxBits;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("prefix length of '" + text + "' is not a number");
        }
        if (bits < 0 || bits > maxBits) {
            throw new IllegalArgumentException("prefix length must be between 0 and " + maxBits);
        }
        return new Cidr(address, bits);
    }

    /** Whether {@code address} lies inside this network (an IPv4 address never matches an IPv6 network, nor the reverse). */
    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >> (i % 8);
            if ((network[i / 8] & mask) != (bytes[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr c && c.bits == bits && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + bits;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + bits;
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static boolean isLiteral(String host) {
        if (IPV4.matcher(host).matches()) {
            return Arrays.stream(host.split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
        }
        return IPV6.matcher(host).matches();
    }
}
