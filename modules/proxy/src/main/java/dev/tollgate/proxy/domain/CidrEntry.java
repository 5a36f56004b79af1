package dev.tollgate.proxy.domain;

import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.platform.net.Cidr;
import java.net.InetAddress;

/**
 * One allowed client network. A plain address means a single host (/32 or /128). Stored normalised, e.g.
 * {@code 203.0.113.7} becomes {@code 203.0.113.7/32}.
 */
public record CidrEntry(String cidr, String label) {
    public static CidrEntry parse(int index, String cidr, String label) {
        String field = "allowed_cidrs[" + index + "].cidr";
        if (cidr == null || cidr.isBlank()) {
            throw new ValidationException(field, "is required");
        }
        if (label != null && label.length() > 100) {
            throw new ValidationException("allowed_cidrs[" + index + "].label", "must be at most 100 characters");
        }
        try {
            return new CidrEntry(Cidr.parse(cidr).toString(), label);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(field, e.getMessage());
        }
    }

    /** Whether {@code client} lies inside this block (an IPv4 client never matches an IPv6 block, nor the reverse). */
    public boolean contains(InetAddress client) {
        return Cidr.parse(cidr).contains(client);
    }
}
