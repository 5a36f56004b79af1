package dev.tollgate.proxy.domain;

import dev.tollgate.platform.domain.ValidationException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * One allowed client network. A plain address means a single host (/32 or /128). Stored normalised, e.g.
 * {@code 203.0.113.7} becomes {@code 203.0.113.7/32}.
 */
public record CidrEntry(String cidr, String label) {
    private static final Pattern IPV4 = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*$");

    public static CidrEntry parse(int index, String cidr, String label) {
        String field = "allowed_cidrs[" + index + "].cidr";
        if (cidr == null || cidr.isBlank()) {
            throw new ValidationException(field, "is required");
        }
        if (label != null && label.length() > 100) {
            throw new ValidationException("allowed_cidrs[" + index + "].label", "must be at most 100 characters");
        }
        String[] parts = cidr.strip().split("/", -1);
        if (parts.length > 2) {
            throw new ValidationException(field, "'" + cidr + "' is not an IP address or CIDR block");
        }
        boolean v4 = IPV4.matcher(parts[0]).matches() && octetsValid(parts[0]);
        boolean v6 = !v4 && IPV6.matcher(parts[0]).matches();
        if (!v4 && !v6) {
            throw new ValidationException(field, "'" + cidr + "' is not an IP address or CIDR block");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(parts[0]); // a numeric literal: parsed, never looked up
        } catch (UnknownHostException e) {
            throw new ValidationException(field, "'" + cidr + "' is not an IP address or CIDR block");
        }
        int maxBits = address.getAddress().length * 8;
        int bits;
        try {
            bits = parts.length == 2 ? Integer.parseInt(parts[1]) : maxBits;
        } catch (NumberFormatException e) {
            throw new ValidationException(field, "prefix length of '" + cidr + "' is not a number");
        }
        if (bits < 0 || bits > maxBits) {
            throw new ValidationException(field, "prefix length must be between 0 and " + maxBits);
        }
        return new CidrEntry(address.getHostAddress() + "/" + bits, label);
    }

    /** Whether {@code client} lies inside this block (an IPv4 client never matches an IPv6 block, nor the reverse). */
    public boolean contains(InetAddress client) {
        String[] parts = cidr.split("/");
        byte[] network;
        try {
            network = InetAddress.getByName(parts[0]).getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        byte[] address = client.getAddress();
        if (network.length != address.length) {
            return false;
        }
        int bits = Integer.parseInt(parts[1]);
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >> (i % 8);
            if ((network[i / 8] & mask) != (address[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static boolean octetsValid(String address) {
        for (String octet : address.split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }
}
